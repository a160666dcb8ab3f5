import { isUuid } from '../../../platform/ids/index.ts';
import type { Ctx } from '../../context/index.ts';
import { type Refund, toRefund } from './refund-view.ts';
import { RefundErrors } from './refunds.errors.ts';
import type { RefundTables } from './refunds.tables.ts';

/** One refund of the caller's organization, or undefined. */
export async function findRefund(ctx: Ctx, refundId: string): Promise<Refund | undefined> {
  if (!isUuid(refundId)) return undefined;
  const row = await ctx.db
    .withTables<RefundTables>()
    .selectFrom('payment_refund')
    .selectAll()
    .where('id', '=', refundId)
    .executeTakeFirst();
  return row ? toRefund(row) : undefined;
}

export async function getRefund(ctx: Ctx, refundId: string): Promise<Refund> {
  const refund = await findRefund(ctx, refundId);
  if (!refund) throw RefundErrors.refund_not_found({ id: refundId });
  return refund;
}

/** A payment's refunds, oldest first. */
export async function refundsOfPayment(ctx: Ctx, paymentId: string): Promise<Refund[]> {
  if (!isUuid(paymentId)) return [];
  const rows = await ctx.db
    .withTables<RefundTables>()
    .selectFrom('payment_refund')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toRefund);
}
