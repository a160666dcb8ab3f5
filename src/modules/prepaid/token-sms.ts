import type { Ctx } from '../../core/context/index.ts';
import { formatMoney, type Money } from '../../core/money/index.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import { kwhIn, numberIn } from './prepaid.format.ts';
import { groupedToken } from './prepaid.notifications.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import { type PrepaidSettings, prepaidSettingsOf } from './prepaid.settings.ts';
import { lowBalanceSmsTemplate, paymentFailedSmsTemplate, tokenSmsTemplate } from './prepaid.sms.ts';
import type { PrepaidTables } from './prepaid.tables.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

/** The language of the account a meter belongs to (the person's), English when unknown. */
async function languageOfAccount(tx: Ctx, accountId: string): Promise<string> {
  const row = await tables(tx)
    .selectFrom('prepaid_account')
    .select('language')
    .where('id', '=', accountId)
    .executeTakeFirst();
  return row?.language ?? 'en';
}

/**
 * The token by SMS to the phone that paid (issue 52: the norm of prepaid vendors in the region),
 * one part, in the purchase's language (a USSD session's) or the account's; once per payment, in
 * the payment's transaction. Off when the organization turned `prepaid.sms.tokens` off. Answers the
 * outbox message's id, or null when none was queued.
 */
export async function queueTokenSms(
  tx: Ctx,
  rt: PrepaidRuntime,
  m: {
    paymentId: string;
    accountId: string;
    phone: string | null;
    language?: string | null;
    meterNumber: string;
    token: string;
    unitsTenths: number;
    amount: Money;
    /** Another text of the same payment (the owner's phone): its own key. */
    keySuffix?: string;
    /** The account's language when the caller read it already. */
    accountLanguage?: string;
    /** The organization's prepaid settings when the caller read them already (`tokenAccount`). */
    settings?: PrepaidSettings;
  },
): Promise<string | null> {
  if (!m.phone) return null;
  const settings = m.settings ?? (await prepaidSettingsOf(tx));
  if (!settings.sms.tokens) return null;
  const locale = m.language ?? m.accountLanguage ?? (await languageOfAccount(tx, m.accountId));
  const { notification } = await enqueueNotification(tx, rt.jobs, {
    channel: 'sms',
    to: m.phone,
    template: tokenSmsTemplate,
    data: {
      meter: m.meterNumber,
      amount: formatMoney(m.amount, locale),
      units: kwhIn(m.unitsTenths, locale),
      token: groupedToken(m.token),
    },
    locale,
    idempotencyKey: `${TOKEN_SMS_KEY}${m.paymentId}${m.keySuffix ? `:${m.keySuffix}` : ''}`,
    // The payer stands at the meter: ahead of the outbox's backlog (a rush's e-mails and retries).
    urgent: true,
  });
  return notification.id;
}

/** The key of a payment's token SMS: `prepaid.token-sms:<payment id>` (a second text adds `:<suffix>`). */
const TOKEN_SMS_KEY = 'prepaid.token-sms:';

/**
 * A second text to the payer that an earlier version queued when the first never left (issue 65);
 * the outbox sends the first once more itself now (issue 75).
 */
const RESENT_SUFFIX = 'again';

/**
 * The payment whose token SMS to the payer this key names (its text, or a second one an earlier
 * version queued); null for any other message, the owner's text included (when that one is lost too,
 * there is nowhere left to offer the token).
 */
export function tokenSmsOf(key: string | null): { paymentId: string } | null {
  if (!key?.startsWith(TOKEN_SMS_KEY)) return null;
  const [paymentId, suffix, ...more] = key.slice(TOKEN_SMS_KEY.length).split(':');
  if (!paymentId || more.length > 0) return null;
  return suffix === undefined || suffix === RESENT_SUFFIX ? { paymentId } : null;
}

/** A mobile-money payment that did not go through, told to the phone asked to pay, once per payment. */
export async function queuePaymentFailedSms(
  tx: Ctx,
  rt: PrepaidRuntime,
  m: {
    paymentId: string;
    accountId: string;
    phone: string | null;
    language?: string | null;
    meterNumber: string;
    amount: Money;
  },
): Promise<void> {
  if (!m.phone) return;
  const settings = await prepaidSettingsOf(tx);
  if (!settings.sms.paymentFailures) return;
  const locale = m.language ?? (await languageOfAccount(tx, m.accountId));
  await enqueueNotification(tx, rt.jobs, {
    channel: 'sms',
    to: m.phone,
    template: paymentFailedSmsTemplate,
    data: { meter: m.meterNumber, amount: formatMoney(m.amount, locale), ussd: settings.sms.ussdCode ?? '' },
    locale,
    idempotencyKey: `prepaid.payment-failed-sms:${m.paymentId}`,
  });
}

/**
 * A low-balance alert by SMS to the owner's phone, for an account no chat or e-mail reaches, once per
 * alert. Off with `prepaid.sms.alerts`. Answers the outbox message's id, or null.
 */
export async function queueLowBalanceSms(
  tx: Ctx,
  rt: PrepaidRuntime,
  m: {
    alertId: string;
    phone: string;
    language: string;
    meterNumber: string;
    balanceTenths: number;
    daysLeft: number | null;
  },
): Promise<string | null> {
  const settings = await prepaidSettingsOf(tx);
  if (!settings.sms.alerts) return null;
  const { notification } = await enqueueNotification(tx, rt.jobs, {
    channel: 'sms',
    to: m.phone,
    template: lowBalanceSmsTemplate,
    data: {
      meter: m.meterNumber,
      balance: kwhIn(m.balanceTenths, m.language),
      daysLeft: m.daysLeft === null ? '' : numberIn(m.daysLeft, m.language),
      ussd: settings.sms.ussdCode ?? '',
    },
    locale: m.language,
    idempotencyKey: `prepaid.alert-sms:${m.alertId}`,
  });
  return notification.id;
}
