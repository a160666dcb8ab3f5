import { recordAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import type { FileStore } from '../../core/files/index.ts';
import { money } from '../../core/money/index.ts';
import { submitProofPayment } from '../../core/payments/index.ts';
import { sql } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { getOrder } from './order-view.ts';
import { ORDER_PURPOSE } from './orders.ts';
import { RaffleErrors } from './raffle.errors.ts';

/**
 * Stores a buyer's proof of payment (photo or PDF) through core payments for staff to verify.
 * Refused once the hold has run out (the original accepted proofs for released tickets). Likely
 * duplicates (same bytes or reference seen before) are flagged for staff, never refused.
 */
export async function submitOrderProof(
  ctx: Ctx,
  deps: { files: FileStore; jobs?: JobQueue },
  input: {
    orderId: string;
    bytes: Uint8Array;
    fileName?: string;
    payerContactId?: string | null;
    key?: string;
  },
): Promise<{ paymentId: string; duplicate: boolean }> {
  const order = await getOrder(ctx, input.orderId);
  if (order.status === 'expired') throw RaffleErrors.hold_expired({ orderId: order.id });
  if (order.status !== 'pending_payment')
    throw RaffleErrors.order_not_pending({ orderId: order.id, status: order.status });
  const payment = await submitProofPayment(ctx, deps, {
    amount: money(order.amountMinor, order.currency),
    purpose: { type: ORDER_PURPOSE, id: order.id },
    bytes: input.bytes,
    originalName: input.fileName ?? 'payment-proof',
    payerContactId: input.payerContactId ?? null,
    idempotencyKey: input.key ?? null,
  });
  const duplicate = payment.duplicateOfPaymentIds.length > 0;
  await recordAudit(ctx, {
    action: 'raffle.order.proof_submitted',
    subject: { type: 'raffle_order', id: order.id },
    meta: { paymentId: payment.id, duplicateOf: payment.duplicateOfPaymentIds },
  });
  return { paymentId: payment.id, duplicate };
}

/**
 * Whether a proof the buyer sent for this order waits for staff: submitted, neither verified nor
 * denied. The order still waits for payment, but the buyer has done their part (issue 54, item 16).
 * One statement over payments' public view (issue 64: a page of payments and their count were read);
 * raw SQL, so it names the organization itself.
 */
export async function proofUnderReview(ctx: Ctx, orderId: string): Promise<boolean> {
  const { rows } = await sql<{ waiting: boolean }>`
    select exists (select 1 from v_payments_payment p where p.org_id = ${ctx.orgId}
      and p.purpose_type = ${ORDER_PURPOSE} and p.purpose_id = ${orderId} and p.status = 'submitted') as waiting`.execute(
    ctx.db,
  );
  return rows[0]!.waiting;
}
