import type { ErrorMessages } from '../../platform/errors/index.ts';
import type { RaffleErrors } from './raffle.errors.ts';

/** What sellers and buyers read for each raffle error code, in Kinyarwanda. */
export const raffleErrorMessagesRw: ErrorMessages<typeof RaffleErrors> = {
  raffle_not_found: 'Ntitwabonye iyi tombola.',
  order_not_found: 'Ntitwabonye iri tumiza.',
  raffle_invalid: 'Igenamiterere rya tombola ntiryemewe.',
  raffle_not_selling: 'Iyi tombola ntirimo kugurisha itike ubu.',
  raffle_state_invalid: 'Uko tombola ihagaze ntibyemera ibi.',
  raffle_not_deletable:
    'Tombola ikiri umushinga kandi nta watumije ni yo yonyine ishobora gusibwa; iyi yo uyifunge imaze kugurisha.',
  raffle_pending_orders: 'Hari amatumiza agitegereje kwishyurwa.',
  numbers_invalid: 'Izo nimero z’itike ntizemewe.',
  quantity_invalid: 'Ntushobora gutumiza itike zingana gutya icyarimwe.',
  buyer_limit_reached: 'Wageze ku mubare ntarengwa w’itike kuri iyi tombola.',
  tickets_unavailable: 'Zimwe muri izo tike zamaze gufatwa. Hitamo izindi.',
  not_enough_tickets: 'Nta tike zihagije ziri ubusa zisigaye.',
  live_order_exists: 'Hari itumiza risanzwe ritegereje kwishyurwa.',
  order_not_pending: 'Iri tumiza ntirigitegereje kwishyurwa.',
  order_not_paid: 'Itumiza ryishyuwe gusa ni ryo rishobora gusubizwa amafaranga.',
  hold_expired: 'Igihe cyo gufata izi tike cyarangiye.',
  proof_not_found: 'Iri tumiza nta gihamya y’ubwishyu rifite yo kwanga.',
};
