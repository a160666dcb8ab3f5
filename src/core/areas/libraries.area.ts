import { AuthErrors } from '../auth/index.ts';
import { CodeErrors } from '../codes/index.ts';
import { I18nErrors } from '../i18n/index.ts';
import { defineArea } from '../modules/index.ts';
import { MoneyErrors } from '../money/index.ts';
import { OrgErrors } from '../orgs/index.ts';

// Capabilities with nothing else to plug in: auth's routes are registered by the app (they need
// the permission catalog of every area), and money, codes and i18n are libraries every area calls.
// They are areas all the same, so their error codes are declared and checked like everyone's.

/** Staff sign-in, sessions, invitations and API tokens. */
export const authArea = defineArea({ name: 'auth', errors: [AuthErrors] });

/** Organizations and their settings (routes registered by the app, like auth's). */
export const orgsArea = defineArea({ name: 'orgs', errors: [OrgErrors] });

/** Amounts in minor units and their arithmetic. */
export const moneyArea = defineArea({ name: 'money', errors: [MoneyErrors] });

/** Human codes with a check character. */
export const codesArea = defineArea({ name: 'codes', errors: [CodeErrors] });

/** The translation layer. */
export const i18nArea = defineArea({ name: 'i18n', errors: [I18nErrors] });
