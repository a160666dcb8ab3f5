import { z } from 'zod';
import { createI18n, type Locale } from '../../core/i18n/index.ts';
import { defineTemplate, type NotificationTemplate } from '../../core/notifications/index.ts';
import { prepaidSmsCatalog } from './prepaid.sms.catalog.ts';

/** Prepaid's SMS words in the person's language (English when it is not one of the five). */
const prepaidSms = createI18n({ catalogs: { 'prepaid-sms': prepaidSmsCatalog } });
const t = (locale: Locale, key: string, params: object = {}) =>
  prepaidSms.t(locale, `prepaid-sms:${key}`, { ...params });
const retryOf = (locale: Locale, ussd: string) =>
  ussd ? t(locale, 'retry', { ussd }) : t(locale, 'retry_none');

/** The token to the paying phone, one SMS part: meter, token grouped, units and amount. */
export const tokenSmsTemplate = defineTemplate({
  key: 'prepaid.token_sms',
  data: z.object({ meter: z.string(), amount: z.string(), units: z.string(), token: z.string() }),
  body: (locale, d) => t(locale, 'token', d),
});

/** A mobile-money payment for a meter that did not go through (payment confirmations: the token SMS is the other). */
export const paymentFailedSmsTemplate = defineTemplate({
  key: 'prepaid.payment_failed_sms',
  /** `ussd`: the code that buys again (`*182*7#`), empty when the operator offers none. */
  data: z.object({ meter: z.string(), amount: z.string(), ussd: z.string().default('') }),
  body: (locale, d) => t(locale, 'payment_failed', { ...d, retry: retryOf(locale, d.ussd) }).trim(),
});

/** A low-balance alert by SMS, for an account no chat or e-mail reaches. */
export const lowBalanceSmsTemplate = defineTemplate({
  key: 'prepaid.low_balance_sms',
  data: z.object({
    meter: z.string(),
    balance: z.string(),
    daysLeft: z.string(),
    ussd: z.string().default(''),
  }),
  body: (locale, d) =>
    t(locale, 'low_balance', {
      ...d,
      days: d.daysLeft ? t(locale, 'days', { days: d.daysLeft }) : '',
      retry: retryOf(locale, d.ussd),
    }).trim(),
});

export const prepaidSmsTemplates = [
  tokenSmsTemplate,
  paymentFailedSmsTemplate,
  lowBalanceSmsTemplate,
] as NotificationTemplate<never>[];

/** The most SMS parts each template may take: the token one, every other two (issue 52). */
export const SMS_PART_BUDGET: Record<string, number> = {
  'prepaid.token_sms': 1,
  'prepaid.payment_failed_sms': 2,
  'prepaid.low_balance_sms': 2,
};
