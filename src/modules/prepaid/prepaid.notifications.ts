import { z } from 'zod';
import { createI18n, type Locale } from '../../core/i18n/index.ts';
import { defineTemplate, type NotificationTemplate } from '../../core/notifications/index.ts';
import { CODE_TTL_MS } from './portal/portal.rules.ts';
import { prepaidNotifyCatalog } from './prepaid.notify.catalog.ts';
import { prepaidSmsTemplates } from './prepaid.sms.ts';

/** Prepaid's outbound messages in the customer's language (English when it is not one of theirs). */
export const prepaidNotify = createI18n({ catalogs: { 'prepaid-notify': prepaidNotifyCatalog } });
const t = (locale: Locale, key: string, params: object = {}) =>
  prepaidNotify.t(locale, `prepaid-notify:${key}`, { ...params });

/** The token message, the customer's receipt: SMS-length text with the amount paid, the units and the token. */
export const tokenTemplate = defineTemplate({
  key: 'prepaid.token',
  data: z.object({
    meter: z.string(),
    amount: z.string(),
    units: z.string(),
    token: z.string(),
    /** Valid until, as a date in the message's language (issue 66); absent for a token with no expiry. */
    until: z.string().optional(),
  }),
  subject: (locale, d) => t(locale, 'token.subject', d),
  body: (locale, d) =>
    [t(locale, 'token.body', d), ...(d.until ? [t(locale, 'token.validUntil', d)] : [])].join(' '),
});

/**
 * The portal's one-time sign-in (and sign-up) code, sent over the account's channel. The code opens
 * a session as the customer: sealed in the outbox, shown masked, useless after CODE_TTL_MS.
 */
export const portalCodeTemplate = defineTemplate({
  key: 'prepaid.portal_code',
  data: z.object({ code: z.string(), meter: z.string() }),
  secrets: ['code'],
  secretsLiveMs: CODE_TTL_MS,
  subject: (locale) => t(locale, 'code.subject'),
  body: (locale, d) => t(locale, 'code.body', d),
});

/** A low-balance or unusual-consumption alert, to the account's channel. */
export const alertTemplate = defineTemplate({
  key: 'prepaid.alert',
  data: z.object({
    kind: z.enum(['low_balance', 'unusual_consumption']),
    meter: z.string(),
    /** kWh left, as text (`4.5`). */
    balance: z.string(),
    /** Days left at the recent use; empty when unknown. */
    daysLeft: z.string(),
    /** The last day's use and the usual daily use, as kWh text; empty for a low-balance alert. */
    lastDay: z.string(),
    usual: z.string(),
    /** The balance is an estimate (the meter does not say it, issue 54 item 7): the message says so. */
    estimated: z.boolean().default(false),
  }),
  subject: (locale, d) => t(locale, `alert.${d.kind}.subject`, d),
  body: (locale, d) =>
    t(locale, `alert.${d.kind}.${d.kind === 'low_balance' && d.estimated ? 'estimatedBody' : 'body'}`, {
      ...d,
      days: d.daysLeft ? t(locale, 'alert.low_balance.days', { days: d.daysLeft }) : '',
    }),
});

/** Staff's answer to a customer's request for a meter. */
export const meterRequestTemplate = defineTemplate({
  key: 'prepaid.meter_request',
  data: z.object({ meter: z.string(), approved: z.boolean(), note: z.string() }),
  // Staff type the note: cut to the message's room, without links.
  staffText: ['note'],
  subject: (locale, d) => t(locale, 'request.subject', d),
  body: (locale, d) =>
    d.approved
      ? t(locale, 'request.approved', { meter: d.meter, note: d.note ? ` ${d.note}` : '' })
      : t(locale, 'request.refused', d),
});

/** The monthly statement's message; the PDF goes as its attachment. */
export const statementTemplate = defineTemplate({
  key: 'prepaid.statement',
  data: z.object({ month: z.string(), units: z.string(), amount: z.string(), count: z.string() }),
  subject: (locale, d) => t(locale, 'statement.subject', d),
  body: (locale, d) => t(locale, 'statement.body', d),
});

export const prepaidTemplates = [
  tokenTemplate,
  portalCodeTemplate,
  alertTemplate,
  meterRequestTemplate,
  statementTemplate,
  ...prepaidSmsTemplates,
] as NotificationTemplate<never>[];

/** 1234 → "1234 1234 1234": groups of three (standard 9 digits) or four, as printed on receipts. */
export const groupedToken = (token: string): string =>
  (token.match(token.length % 3 === 0 ? /.{1,3}/g : /.{1,4}/g) ?? [token]).join(' ');
