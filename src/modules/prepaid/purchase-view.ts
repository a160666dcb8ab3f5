import type { Ctx } from '../../core/context/index.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import type { PrepaidTables, PurchaseMethod, PurchaseStatus } from './prepaid.tables.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

/** A purchase with its meter's number and its token (none yet: nulls); refused when the organization has no such purchase. */
export async function getPurchase(ctx: Ctx, id: string) {
  const row = await tables(ctx)
    .selectFrom('prepaid_purchase as p')
    .innerJoin('prepaid_meter as m', 'm.id', 'p.meter_id')
    .leftJoin('prepaid_token as t', 't.purchase_id', 'p.id')
    .select([
      'p.id',
      'p.meter_id',
      'm.number as meter_number',
      'p.method',
      'p.amount_minor',
      'p.currency',
      'p.payment_id',
      'p.status',
      'p.units_tenths',
      'p.failure_reason',
      'p.refunded_minor',
      'p.refunded_at',
      'p.created_at',
      't.token',
      't.count as token_count',
      't.keyed_in_at as token_keyed_in_at',
    ])
    .where('p.id', '=', id)
    .executeTakeFirst();
  if (!row) throw PrepaidErrors.purchase_not_found({ purchaseId: id });
  return purchaseView(row);
}

/** A purchase as the API shows it, from its row, its meter's number and its token's columns (absent: none yet). */
export function purchaseView(row: {
  id: string;
  meter_id: string;
  meter_number: string;
  method: PurchaseMethod;
  amount_minor: number | string | bigint;
  currency: string;
  payment_id: string | null;
  status: PurchaseStatus;
  units_tenths: number | null;
  failure_reason: string | null;
  refunded_minor: number | string | bigint;
  refunded_at: Date | null;
  created_at: Date;
  token?: string | null;
  token_count?: number | null;
  token_keyed_in_at?: Date | null;
}) {
  return {
    id: row.id,
    meterId: row.meter_id,
    meterNumber: row.meter_number,
    method: row.method,
    amount: { amountMinor: Number(row.amount_minor), currency: row.currency.trim() },
    paymentId: row.payment_id,
    status: row.status,
    unitsTenths: row.units_tenths,
    failureReason: row.failure_reason,
    /** What went back for it (refunds that went ahead); its status stays, the token keeps working. */
    refunded: { amountMinor: Number(row.refunded_minor), currency: row.currency.trim() },
    refundedAt: row.refunded_at?.toISOString() ?? null,
    token: row.token ?? null,
    tokenCount: row.token_count ?? null,
    tokenKeyedInAt: row.token_keyed_in_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}
export type PurchaseView = Awaited<ReturnType<typeof getPurchase>>;
