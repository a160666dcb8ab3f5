import { sql } from 'kysely';
import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { formatMoney } from '../../core/money/index.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import { dateIn, kwhIn } from './prepaid.format.ts';
import { groupedToken, tokenTemplate } from './prepaid.notifications.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import type { PrepaidTables } from './prepaid.tables.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

/** The token message (amount paid, units, grouped token) to the account's channel, through the outbox. */
export async function queueTokenMessage(
  tx: Ctx,
  rt: PrepaidRuntime,
  m: {
    accountId: string;
    meterNumber: string;
    token: string;
    unitsTenths: number;
    amount: { amountMinor: number; currency: string };
    /** Valid until (issue 66); said in the message when the token has one. */
    expiresAt?: Date | null;
    idempotencyKey: string;
    /** Another address than the account's own (the chat a purchase came from), and its language. */
    to?: { channel: 'whatsapp' | 'telegram'; address: string; language?: string | null };
    /** The account's channel, address and language when the caller read them already (`tokenAccount`). */
    account?: TokenAccount;
  },
): Promise<boolean> {
  const account = m.account ?? (await tokenAccount(tx, m.accountId));
  if (!account) return false;
  const channel = m.to?.channel ?? account.channel;
  const to = m.to?.address ?? account.channel_to;
  if (!channel || !to) return false;
  // The chat already got it when the account's own channel is that chat.
  if (m.to && account.channel === channel && account.channel_to === to) return true;
  const locale = m.to?.language ?? account.language;
  await enqueueNotification(tx, rt.jobs, {
    channel,
    to,
    template: tokenTemplate,
    data: {
      meter: m.meterNumber,
      amount: formatMoney(m.amount, locale),
      units: kwhIn(m.unitsTenths, locale),
      token: groupedToken(m.token),
      ...(m.expiresAt ? { until: dateIn(m.expiresAt, locale) } : {}),
    },
    locale,
    idempotencyKey: m.idempotencyKey,
  });
  return true;
}

export interface TokenAccount {
  channel: 'email' | 'whatsapp' | 'telegram' | null;
  channel_to: string | null;
  language: string;
  /** Its organization's prepaid settings as stored (whether tokens go by SMS). */
  prepaid_settings: unknown;
}

/**
 * What the token messages of an account's meter need of the account, and of its organization's
 * settings: read once, in one statement, for all of a purchase's (issue 64: three reads before).
 */
export async function tokenAccount(tx: Ctx, accountId: string): Promise<TokenAccount | undefined> {
  return tables(tx)
    .selectFrom('prepaid_account')
    .select([
      'channel',
      'channel_to',
      'language',
      sql<unknown>`(select o.settings -> 'prepaid' from v_orgs_organization o where o.org_id = prepaid_account.org_id)`.as(
        'prepaid_settings',
      ),
    ])
    .where('id', '=', accountId)
    .executeTakeFirst();
}

/**
 * Sends a paid purchase's token again (the customer lost the message): the stored token, never a
 * new one; each resend is its own outbox message and audit entry.
 */
export async function resendToken(ctx: Ctx, rt: PrepaidRuntime, purchaseId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const row = await tables(tx)
      .selectFrom('prepaid_token as t')
      .innerJoin('prepaid_meter as m', 'm.id', 't.meter_id')
      .select([
        't.id',
        't.token',
        't.units_tenths',
        't.amount_minor',
        't.currency',
        'm.number',
        'm.account_id',
      ])
      .where('t.purchase_id', '=', purchaseId)
      .executeTakeFirst();
    if (!row) throw PrepaidErrors.token_not_issued({ purchaseId });
    const now = tx.clock.now();
    const sent = await queueTokenMessage(tx, rt, {
      accountId: row.account_id,
      meterNumber: row.number,
      token: row.token,
      unitsTenths: row.units_tenths,
      amount: { amountMinor: Number(row.amount_minor), currency: row.currency.trim() },
      idempotencyKey: `prepaid.token-resend:${row.id}:${now.toISOString()}`,
    });
    if (!sent) throw PrepaidErrors.no_channel({ accountId: row.account_id });
    await recordAudit(tx, {
      action: 'prepaid.token.resent',
      subject: { type: 'prepaid_purchase', id: purchaseId },
      meta: { tokenId: row.id },
    });
  });
}
