import { defineErrors } from '../../platform/errors/index.ts';

/** Payment error codes with their HTTP mapping; worded in the core catalog at `errors.payments.<code>`. */
export const PaymentsErrors = defineErrors('payments', {
  payment_not_found: { status: 404, title: 'No such payment' },
  payment_state_changed: { status: 409, title: 'The payment is no longer in a state that allows this' },
  payment_busy: { status: 409, title: 'This payment is being decided by someone else; try again' },
  reason_required: { status: 400, title: 'A reason is required' },
  invalid_purpose: { status: 400, title: 'The purpose type must look like module.thing' },
  unknown_purpose_type: { status: 400, title: 'No enabled module takes payments for this purpose type' },
  purpose_not_found: { status: 404, title: 'The purpose names no record of this organization' },
  purpose_missing: {
    status: 409,
    title: 'This payment pays for no record of this organization: it can be denied, not verified',
  },
  invalid_msisdn: { status: 400, title: 'Not a phone number in international form' },
  amount_not_positive: { status: 400, title: 'A payment amount must be above zero' },
  proof_required: { status: 400, title: 'A proof file or its id is required' },
  proof_file_not_found: { status: 404, title: 'No such proof file' },
  unknown_payer_contact: { status: 400, title: 'payerContactId names no contact of this organization' },
  provider_not_configured: { status: 503, title: 'This mobile-money provider is not configured' },
  callback_signature_invalid: { status: 401, title: 'The callback signature is missing or wrong' },
  payment_idempotency_conflict: {
    status: 422,
    title: 'This idempotency key was used for a different payment',
  },
});
