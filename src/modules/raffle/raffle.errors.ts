import { defineErrors } from '../../platform/errors/index.ts';

/** Error codes of the raffle module (`raffle.tickets_unavailable`); worded in `raffle.errors.catalog.ts`. */
export const RaffleErrors = defineErrors('raffle', {
  raffle_not_found: { status: 404, title: 'No such raffle' },
  order_not_found: { status: 404, title: 'No such order' },
  raffle_invalid: { status: 422, title: 'The raffle settings are not valid' },
  raffle_not_selling: { status: 409, title: 'This raffle is not selling tickets now' },
  raffle_state_invalid: { status: 409, title: 'The raffle is not in a state that allows this' },
  raffle_not_deletable: { status: 409, title: 'Only a draft raffle without orders can be deleted' },
  raffle_pending_orders: { status: 409, title: 'Orders are still waiting for payment' },
  numbers_invalid: { status: 422, title: 'Those ticket numbers are not valid' },
  quantity_invalid: { status: 422, title: 'That many tickets cannot be ordered at once' },
  buyer_limit_reached: { status: 409, title: 'This buyer may not hold more tickets in this raffle' },
  tickets_unavailable: { status: 409, title: 'Some of those tickets are already taken' },
  not_enough_tickets: { status: 409, title: 'Not enough free tickets left' },
  live_order_exists: { status: 409, title: 'The buyer already has an order waiting for payment' },
  order_not_pending: { status: 409, title: 'The order is no longer waiting for payment' },
  order_not_paid: { status: 409, title: 'Only a paid order can be refunded' },
  hold_expired: { status: 409, title: 'The hold on these tickets has expired' },
  proof_not_found: { status: 409, title: 'The order has no proof of payment to deny' },
});
