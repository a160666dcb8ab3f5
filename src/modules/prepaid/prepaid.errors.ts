import { defineErrors } from '../../platform/errors/index.ts';

/** Error codes of the prepaid module (`prepaid.meter_not_found`); worded in `prepaid.errors.catalog.ts`. */
export const PrepaidErrors = defineErrors('prepaid', {
  account_not_found: { status: 404, title: 'No such account' },
  meter_not_found: { status: 404, title: 'No such meter' },
  purchase_not_found: { status: 404, title: 'No such purchase' },
  meter_number_taken: { status: 409, title: 'Another meter has this number' },
  meter_not_active: { status: 409, title: 'The meter is not active' },
  status_unchanged: { status: 409, title: 'The meter already has this status' },
  no_tariff: { status: 409, title: 'No tariff is in effect for this meter' },
  tariff_invalid: { status: 422, title: 'The tariff is not valid' },
  amount_too_small: { status: 422, title: 'The amount buys no units' },
  units_too_many: { status: 422, title: 'Too many units for one token on this meter' },
  currency_mismatch: { status: 422, title: 'The currency differs from the tariff' },
  key_invalid: { status: 422, title: 'The OpenPAYGO key must be 32 hexadecimal characters' },
  portal_not_found: { status: 404, title: 'No portal at this address' },
  portal_session_invalid: { status: 401, title: 'Sign in to the portal again' },
  portal_code_invalid: { status: 422, title: 'The code is wrong or has expired' },
  phone_invalid: { status: 422, title: 'This is not a phone number' },
  token_not_issued: { status: 409, title: 'This purchase has no token yet' },
  meter_already_yours: { status: 409, title: 'This meter is already on your account' },
  request_not_found: { status: 404, title: 'No such meter request' },
  request_decided: { status: 409, title: 'This request is already decided' },
  meter_not_registered: { status: 409, title: 'Register the meter before approving the request' },
  no_channel: { status: 409, title: 'The account has no channel to send to' },
});
