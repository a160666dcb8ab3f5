import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { formatMoney } from '../../core/money/index.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import { kwhIn } from './prepaid.format.ts';
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
}

/** What the token messages of an account's meter need of the account: read once for all of a purchase's. */
export async function tokenAccount(tx: Ctx, accountId: string): Promise<TokenAccount | undefined> {
  return tables(tx)
    .selectFrom('prepaid_account')
    .select(['channel', 'channel_to', 'language'])
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
