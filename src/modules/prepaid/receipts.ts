import type { Ctx } from '../../core/context/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import type { PrepaidTables } from './prepaid.tables.ts';
import { getPurchase } from './purchase-view.ts';
import type { Breakdown } from './purchases.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

/** What a sale's receipt shows: who sold what to whom, the blocks priced, and the token to key in. */
export async function receiptData(ctx: Ctx, purchaseId: string) {
  const row = await tables(ctx)
    .selectFrom('prepaid_token as t')
    .innerJoin('prepaid_purchase as p', 'p.id', 't.purchase_id')
    .innerJoin('prepaid_meter as m', 'm.id', 't.meter_id')
    .innerJoin('prepaid_account as a', 'a.id', 'm.account_id')
    .select([
      'p.id',
      'p.method',
      'p.payer_msisdn',
      't.token',
      't.count',
      't.units_tenths',
      't.amount_minor',
      't.currency',
      't.breakdown',
      't.created_at',
      't.expires_at',
      'm.number as meter_number',
      'a.name as account_name',
      'a.language',
    ])
    .where('t.purchase_id', '=', purchaseId)
    .executeTakeFirst();
  if (!row) {
    await getPurchase(ctx, purchaseId); // no such purchase: 404, not "no token yet"
    throw PrepaidErrors.token_not_issued({ purchaseId });
  }
  const org = await getOrganization(ctx);
  const lines = priceLines(typeof row.breakdown === 'string' ? JSON.parse(row.breakdown) : row.breakdown);
  return {
    org: { name: org.name, timeZone: org.timeZone },
    purchaseId: row.id,
    method: row.method,
    payer: row.payer_msisdn,
    meterNumber: row.meter_number,
    accountName: row.account_name,
    language: row.language,
    token: row.token,
    tokenCount: row.count,
    unitsTenths: row.units_tenths,
    amount: { amountMinor: Number(row.amount_minor), currency: row.currency.trim() },
    ...lines,
    issuedAt: row.created_at,
    /** Valid until (issue 66); null for a token sold without an expiry. */
    expiresAt: row.expires_at,
  };
}
export type ReceiptData = Awaited<ReturnType<typeof receiptData>>;

/**
 * A token's stored price lines. Tokens issued before the fee, tax and change were kept stored the
 * blocks alone: their other lines are unknown (null) and the receipt prints the blocks and the total.
 */
function priceLines(stored: unknown): Omit<Breakdown, 'feeMinor' | 'taxMinor' | 'changeMinor'> & {
  feeMinor: number | null;
  taxMinor: number | null;
  changeMinor: number | null;
} {
  if (Array.isArray(stored)) {
    const tiers = stored as Breakdown['tiers'];
    return {
      tiers,
      energyMinor: tiers.reduce((s, t) => s + t.energyMinor, 0),
      feeMinor: null,
      taxMinor: null,
      changeMinor: null,
    };
  }
  return stored as Breakdown;
}
