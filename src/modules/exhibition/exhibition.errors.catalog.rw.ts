import type { ErrorMessages } from '../../platform/errors/index.ts';
import type { ExhibitionErrors } from './exhibition.errors.ts';

/** What desk and booth staff read for each exhibition error code, in Kinyarwanda. */
export const exhibitionErrorMessagesRw: ErrorMessages<typeof ExhibitionErrors> = {
  exhibition_not_found: 'Ntitwabonye iri murikagurisha.',
  booth_not_found: 'Ntitwabonye iri duka.',
  customer_not_found: 'Nta mukiriya ufite iyi kode.',
  bill_not_found: 'Ntitwabonye iyi fagitire.',
  bill_not_voided:
    'Iyi fagitire iracyasaba ayo yose yishyuwe: yihagarike cyangwa uyigabanye kugira ngo usubize amafaranga.',
  bill_nothing_to_refund: 'Nta mafaranga yafashwe kuri iyi fagitire asigaye gusubizwa.',
  bill_refund_too_much: 'Ibyo birenze ibishobora gusubizwa kuri iyi fagitire: urupapuro rwayo ruvuga angahe.',
  bill_reduce_invalid:
    'Gabanya fagitire ikora ugere ku mafaranga make kurushaho kandi arenze zeru; kugira ngo usubize yose, yihagarike.',
  bill_refund_options_invalid: 'Gusubiza amafaranga ya fagitire birayihagarika cyangwa birayigabanya.',
  tab_nothing_due:
    'Nta kintu gisigaye cyo kwishyura kuri iyi konti (ubusabe bwa mobile money bushobora kuba bugitegereje uwishyura).',
  exhibition_invalid: 'Igenamiterere ry’imurikagurisha ntiryemewe.',
  booth_name_taken: 'Iri murikagurisha risanzwe rifite iduka rifite iryo zina.',
  customer_duplicate: 'Umukiriya ufite iyi meyili cyangwa iyi telefoni asanzwe yanditswe.',
  customer_code_taken: 'Undi mukiriya asanzwe afite iyi kode.',
  customer_no_email: 'Uyu mukiriya nta imeyili afite: mwereke QR ye cyangwa usohore raporo ye.',
  customer_no_phone:
    'Uyu mukiriya nta nimero ya telefone afite: mwoherereze raporo kuri imeyili cyangwa uyisohore.',
  statement_link_invalid:
    'Iyi link ya raporo ntigikora: saba indi ku biro byakira abashyitsi b’imurikagurisha.',
  booth_not_assigned: 'Ushobora kwishyuza gusa ku maduka washyizweho.',
  booth_of_other_exhibition: 'Iri duka ni iry’irindi murikagurisha.',
  bill_already_void: 'Iyi fagitire isanzwe yarateshejwe agaciro.',
  pass_invalid: 'Iyi kode ya QR si ikarita y’umukiriya yemewe y’iki kigo.',
  customer_merged: 'Uyu mukiriya yamaze guhuzwa n’undi.',
  merge_invalid: 'Abakiriya babiri batandukanye b’imurikagurisha rimwe ni bo bonyine bashobora guhuzwa.',
  statement_run_not_found: 'Ntitwabonye iki gikorwa cyo kohereza raporo.',
  exhibition_closed: 'Iri murikagurisha ryafunzwe: ntiryakira fagitire nshya cyangwa abiyandikisha bashya.',
  mail_text_invalid: 'Inyandiko ivuga agaciro iyi imeri idafite: koresha gusa ibimenyetso biri ku rutonde.',
  booth_staff_not_member: 'Umukozi w’iki kigo wenyine ni we ushobora gukora ku iduka.',
  bill_needs_confirmation:
    'Aya mafaranga arenze urugero rw’imurikagurisha kuri fagitire: yagenzure hanyuma wemeze kugira ngo wishyuze.',
  bill_not_yours: 'Ku iduka ushobora guhagarika fagitire wakoze wowe ubwawe gusa.',
  bill_void_window_passed:
    'Iminota 2 yo guhagarika iyi fagitire ku iduka yarangiye. Saba ibiro byakira abashyitsi kuyihagarika.',
};
