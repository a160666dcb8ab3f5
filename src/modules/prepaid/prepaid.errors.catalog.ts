import type { ErrorMessages } from '../../platform/errors/index.ts';
import type { PrepaidErrors } from './prepaid.errors.ts';

type Messages = ErrorMessages<typeof PrepaidErrors>;

/** What staff and customers read for each prepaid error code (English: the
 * platform's locales are en/hi/es, none of Rwanda's French or Kinyarwanda yet). */
export const prepaidErrorMessages: { en: Messages } = {
  en: {
    account_not_found: 'We could not find this account.',
    meter_not_found: 'We could not find this meter.',
    purchase_not_found: 'We could not find this purchase.',
    meter_number_taken: 'Another meter already has this number.',
    meter_not_active: 'This meter is not active, so it cannot be topped up.',
    status_unchanged: 'The meter already has this status.',
    no_tariff: 'No tariff is in effect for this meter.',
    tariff_invalid: 'The tariff is not valid.',
    amount_too_small: 'This amount is too small to buy any units.',
    units_too_many: 'That is more units than one token can carry for this meter; buy in smaller amounts.',
    currency_mismatch: 'The currency differs from the tariff’s.',
    key_invalid: 'The OpenPAYGO key must be 32 hexadecimal characters.',
    portal_not_found: 'There is no customer portal at this address.',
    portal_session_invalid: 'Your session has ended. Please sign in again.',
    portal_code_invalid: 'That code is wrong or has expired. Ask for a new one.',
    token_not_issued: 'This purchase has no token yet: it is paid for first.',
    portal_role_forbidden: 'Your role on this account does not allow this. Ask an owner of the account.',
    portal_user_not_found: 'We could not find this user on the account.',
    portal_user_phone_taken: 'Another user of this account already has this phone number.',
    last_owner: 'The account must keep at least one owner: make someone else an owner first.',
    no_channel: 'This account has no e-mail, WhatsApp or Telegram to send the token to.',
    meter_already_yours: 'This meter is already on your account.',
    request_not_found: 'We could not find this meter request.',
    request_decided: 'This request has already been approved or refused.',
    meter_not_registered: 'No meter has this number yet: register the meter first, then approve the request.',
    phone_invalid: 'Please enter a phone number with its country code, like +250 788 000 111.',
  },
};
