import { defineErrors } from '../../../platform/errors/index.ts';

/** Refund error codes with their HTTP mapping; worded in the core catalog at `errors.payments.<code>`. */
export const RefundErrors = defineErrors('payments', {
  refund_not_found: { status: 404, title: 'No such refund' },
  payment_has_refunds: {
    status: 409,
    title: 'Money of this payment was refunded (or is on its way back): it cannot be voided',
  },
  payment_not_refundable: { status: 409, title: 'Only money that arrived can be refunded' },
  refund_exceeds_paid: { status: 409, title: 'This is more than is left to refund on the payment' },
  refund_currency_mismatch: { status: 400, title: 'A refund is in the currency of its payment' },
  refund_method_not_allowed: {
    status: 400,
    title: 'Money goes back in cash or through the provider it came through',
  },
  refund_provider_full_only: {
    status: 400,
    title: 'Airtel Money refunds a payment in full only; refund part of it in cash',
  },
  refund_provider_unavailable: {
    status: 503,
    title: 'This provider cannot send refunds here (no refund credentials); refund in cash',
  },
  refund_not_allowed: { status: 403, title: 'Your role may not refund money' },
  refund_approver_is_requester: {
    status: 409,
    title: 'A refund above your limit needs a second person: someone else approves it',
  },
  refund_above_approver_limit: { status: 403, title: 'This refund is above your limit too' },
  refund_state_changed: { status: 409, title: 'The refund is no longer in a state that allows this' },
  refund_outcome_unknown: {
    status: 409,
    title: 'Whether the provider sent this refund is not known yet; it is never sent again blindly',
  },
  refund_idempotency_conflict: { status: 422, title: 'This idempotency key was used for a different refund' },
});
