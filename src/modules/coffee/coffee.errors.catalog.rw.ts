import type { ErrorMessages } from '../../platform/errors/index.ts';
import type { CoffeeErrors } from './coffee.errors.ts';

/** What staff read for each coffee error code, in Kinyarwanda. */
export const coffeeErrorMessagesRw: ErrorMessages<typeof CoffeeErrors> = {
  device_not_found: 'Ntitwabonye iyi mashini.',
  device_retired: 'Iyi mashini yavanywe mu kazi: ntiyakira amategeko cyangwa tokeni.',
  device_exists: 'Imashini ifite iyi nimero y’uruganda isanzwe ihari.',
  serial_held_elsewhere:
    'Undi muryango ukoresha iyi nimero y’uruganda mu buryo bwa kera (nta tokeni): iyi mashini ntishobora kubujyamo. Yihe tokeni ya Opsdesk.',
  device_token_invalid: 'Tokeni y’imashini ntiriho, ntizwi cyangwa yakuweho.',
  command_not_found: 'Ntitwabonye iri tegeko.',
  command_not_sent: 'Iri tegeko ntiritegereje igisubizo.',
  command_unsupported: 'Ubu bwoko bw’imashini ntibushobora gukora iryo tegeko.',
  batch_not_found: 'Ntitwabonye iri tsinda.',
  batch_empty: 'Nta mashini ihuye n’iri tsinda.',
  batch_not_finished: 'Iri tsinda riracyakora.',
  alarm_not_found: 'Ntitwabonye iyi mpuruza.',
  alarm_closed: 'Iyi mpuruza yamaze gufungwa.',
  order_not_found: 'Ntitwabonye iri tumiza.',
  order_not_refundable: 'Amafaranga y’iri tumiza ntashobora gusubizwa.',
  order_refund_above_left:
    'Ibi birenze ibisigaye gusubizwa ku byagurishijwe: subiza ibisigaye gusa cyangwa munsi yabyo.',
  order_refund_currency:
    'Amafaranga y’ibyagurishijwe n’imashini asubizwa mu ifaranga imashini yagurishijemo.',
  order_refund_waiting:
    'Gusubiza amafaranga y’iri tumiza bisanzwe bitegereje kwemezwa n’undi muntu: byemeze cyangwa ubyange mu Gusubiza amafaranga.',
  material_unknown: 'Kode y’igikoresho itazwi.',
  material_exists: 'Igikoresho gifite iyi kode gisanzwe gihari.',
  material_not_found: 'Ntitwabonye iki gikoresho.',
  oncall_not_found: 'Ntitwabonye uyu muntu uri ku izamu.',
  bin_not_found: 'Ntitwabonye iki kigega.',
  bin_thresholds_invalid: 'Urugero rukabije rugomba kuba ruri munsi cyangwa rungana n’urugero ruto.',
  oncall_exists: 'Hari uri ku izamu usanzwe ukoresha iyi aderesi kuri uyu muyoboro.',
  package_not_found: 'Ntitwabonye iyi paki y’uburyo bwo gutegura.',
  package_conflict: 'Indi paki yakozwe icyarimwe. Ongera ugerageze.',
  rollout_not_found: 'Ntitwabonye iri kwirakwiza.',
  rollout_no_previous: 'Nta verisiyo yabanje yo gusubiraho.',
  rollout_not_aborted:
    'Ikwirakwiza ryahagaritswe, cyangwa ryahagaze ku igerageza, ni ryo ryonyine rishobora gukomezwa.',
  rollout_not_held: 'Ikwirakwiza ryahagaze ku igerageza ni ryo ryonyine rishobora gukomereza ku zisigaye.',
  merchant_not_found: 'Ntitwabonye uyu mucuruzi cyangwa aha hantu.',
  claim_code_invalid: 'Iyi kode yo kwandikisha ntizwi cyangwa yarengeje igihe.',
  claim_code_used: 'Indi mashini yamaze kwiyandikisha ikoresheje iyi kode.',
  registration_not_found: 'Ntitwabonye uku kwandikisha.',
  registration_not_pending: 'Iyi mashini ntitegereje icyemezo.',
  registration_rejected: 'Iyi mashini yanzwe.',
  registration_collected:
    'Iyi mashini yamaze gufata tokeni yayo. Tanga indi nshya uvuye ku rupapuro rw’imashini.',
};
