import type { ErrorMessages } from '../../platform/errors/index.ts';
import type { RaffleErrors } from './raffle.errors.ts';

/** What sellers and buyers read for each raffle error code, in French. */
export const raffleErrorMessagesFr: ErrorMessages<typeof RaffleErrors> = {
  raffle_not_found: 'Nous n’avons pas trouvé cette tombola.',
  order_not_found: 'Nous n’avons pas trouvé cette commande.',
  raffle_invalid: 'Les paramètres de la tombola ne sont pas valides.',
  raffle_not_selling: 'Cette tombola ne vend pas de billets en ce moment.',
  raffle_state_invalid: 'La tombola n’est pas dans un état qui le permet.',
  raffle_not_deletable:
    'Seule une tombola en brouillon sans aucune commande peut être supprimée ; clôturez plutôt celle-ci une fois les ventes faites.',
  raffle_pending_orders: 'Des commandes attendent encore leur paiement.',
  numbers_invalid: 'Ces numéros de billets ne sont pas valides.',
  quantity_invalid: 'On ne peut pas commander autant de billets à la fois.',
  buyer_limit_reached: 'Vous avez atteint la limite de billets pour cette tombola.',
  tickets_unavailable: 'Certains de ces billets sont déjà pris. Choisissez-en d’autres.',
  not_enough_tickets: 'Il ne reste pas assez de billets libres.',
  live_order_exists: 'Une commande attend déjà son paiement.',
  order_not_pending: 'Cette commande n’attend plus de paiement.',
  order_not_paid: 'Seule une commande payée peut être remboursée.',
  hold_expired: 'La réservation de ces billets a expiré.',
  proof_not_found: 'Cette commande n’a pas de justificatif de paiement à refuser.',
};
