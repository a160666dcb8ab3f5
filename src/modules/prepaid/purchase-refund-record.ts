import type { Ctx } from '../../core/context/index.ts';
import type { PrepaidTables } from './prepaid.tables.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

/**
 * A purchase as its refund contract reads it, whether Opsdesk sold it (`prepaid_purchase`) or the
 * original system did (`prepaid_imported_payment`): its meter, its token, and who is told.
 */
export interface RefundRecord {
  kind: 'purchase' | 'original';
  id: string;
  /** The core payment its money came through (the original's: once a refund made it). */
  paymentId: string | null;
  /** What went back for it so far (refunds that went ahead), in minor units of `currency`. */
  refunded: { amountMinor: number; currency: string };
  meterNumber: string;
  /** A token was issued for it (and not cancelled): it keeps working on the meter. */
  tokenIssued: boolean;
  /** The issued OpenPAYGO token's count (null for the original's tokens, which have none). */
  tokenCount: number | null;
  account: { channel: 'email' | 'whatsapp' | 'telegram' | null; to: string | null; language: string };
  /** Who is texted: the phone that paid (Opsdesk's sale), else the account's phone (the original's). */
  sms: { to: string; language: string } | null;
}

/** A purchase Opsdesk sold, for its refund contract. */
export async function purchaseRecord(tx: Ctx, id: string): Promise<RefundRecord | undefined> {
  const p = await tables(tx)
    .selectFrom('prepaid_purchase as p')
    .innerJoin('prepaid_meter as m', 'm.id', 'p.meter_id')
    .innerJoin('prepaid_account as a', 'a.id', 'm.account_id')
    .leftJoin('prepaid_token as t', 't.purchase_id', 'p.id')
    .select([
      'p.id',
      'p.payment_id',
      'p.refunded_minor',
      'p.currency',
      'p.payer_msisdn',
      'p.reply_language',
      'm.number',
      'a.channel',
      'a.channel_to',
      'a.language',
      't.count',
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!p) return undefined;
  return {
    kind: 'purchase',
    id: p.id,
    paymentId: p.payment_id,
    refunded: { amountMinor: Number(p.refunded_minor), currency: p.currency.trim() },
    meterNumber: p.number,
    tokenIssued: p.count !== null,
    tokenCount: p.count,
    account: { channel: p.channel, to: p.channel_to, language: p.language },
    sms: p.payer_msisdn ? { to: p.payer_msisdn, language: p.reply_language ?? p.language } : null,
  };
}

/** A purchase the original system sold (imported), for its refund contract. */
export async function originalPurchaseRecord(tx: Ctx, id: string): Promise<RefundRecord | undefined> {
  const p = await tables(tx)
    .selectFrom('prepaid_imported_payment as p')
    .innerJoin('prepaid_account as a', 'a.id', 'p.account_id')
    .leftJoin('prepaid_meter as m', 'm.id', 'p.meter_id')
    .leftJoin('prepaid_imported_token as t', (j) =>
      j.onRef('t.payment_id', '=', 'p.id').on('t.status', '<>', 'cancelled'),
    )
    .select([
      'p.id',
      'p.payment_id',
      'p.refunded_minor',
      'p.currency',
      'm.number',
      'a.channel',
      'a.channel_to',
      'a.language',
      'a.phone',
      't.id as token_id',
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!p) return undefined;
  return {
    kind: 'original',
    id: p.id,
    paymentId: p.payment_id,
    refunded: { amountMinor: Number(p.refunded_minor), currency: p.currency.trim() },
    meterNumber: p.number ?? '',
    tokenIssued: p.token_id !== null,
    tokenCount: null,
    account: { channel: p.channel, to: p.channel_to, language: p.language },
    sms: p.phone ? { to: p.phone, language: p.language } : null,
  };
}
