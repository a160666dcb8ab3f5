import type { Ctx } from '../../context/index.ts';
import { findPayment } from '../get-payment.ts';
import { type PaymentDeps, providerOf } from '../payment-deps.ts';
import { findRefund } from './get-refund.ts';
import { moveRefund } from './refund-moves.ts';
import type { Refund } from './refund-view.ts';
import { queueRefundSend } from './refunds.queue.ts';
import { decideRefundCheck, type RefundCheckDecision } from './refunds.rules.ts';
import type { RefundTables } from './refunds.tables.ts';
import { refundInput } from './send-refund.ts';

/**
 * Asks the provider where an open refund stands (`unknown`: it may have it; `sent`: it took it) and acts
 * on the answer once: paid back, failed, sent again (only an `unknown` attempt the provider says it never
 * received, under the same reference), or the next check. A send that may still be in flight (before its
 * `in_flight_until`) is left alone. Callbacks, staff and the poll all end here; only the poll's own check
 * (`trigger: 'poll'`) counts and moves the back-off: a callback or staff may settle the refund at once but
 * never put the next poll later (issue 61 item 6, as for payments).
 */
export async function checkRefund(
  ctx: Ctx,
  deps: PaymentDeps,
  refundId: string,
  trigger: 'callback' | 'poll' | 'staff' = 'poll',
): Promise<RefundCheckDecision['kind'] | 'skipped'> {
  const refund = await findRefund(ctx, refundId);
  if (!refund || (refund.status !== 'unknown' && refund.status !== 'sent') || refund.method === 'cash')
    return 'skipped';
  const now = ctx.clock.now();
  if (refund.status === 'unknown' && mayStillBeInFlight(refund, now)) return 'skipped';
  const payment = await findPayment(ctx, refund.paymentId);
  const provider = providerOf(deps, refund.method);
  if (!payment || !provider?.getRefundStatus) return 'skipped';
  // Never hold a transaction or lock across the provider call.
  const status = await provider.getRefundStatus(refundInput(refund, payment));
  const decision = decideRefundCheck({ status: refund.status, checksDone: refund.checkCount }, status, now);
  const providerStatus = status.raw.slice(0, 100);
  switch (decision.kind) {
    case 'succeed':
      await moveRefund(ctx, {
        refundId,
        to: 'succeeded',
        from: [refund.status],
        changes: { provider_transaction_id: decision.transactionId, provider_status: providerStatus },
      });
      break;
    case 'fail':
      await moveRefund(ctx, {
        refundId,
        to: 'failed',
        from: [refund.status],
        changes: { failure_reason: decision.reason.slice(0, 500), provider_status: providerStatus },
      });
      break;
    case 'resend': {
      const back = await moveRefund(ctx, {
        refundId,
        to: 'pending',
        from: ['unknown'],
        changes: { provider_status: providerStatus, next_check_at: new Date(now.getTime() + 120_000) },
      });
      if (back) await queueRefundSend(deps.jobs, back);
      break;
    }
    case 'wait':
      await ctx.db
        .withTables<RefundTables>()
        .updateTable('payment_refund')
        .set((eb) => ({
          ...(trigger === 'poll'
            ? { check_count: eb('check_count', '+', 1), next_check_at: decision.nextCheckAt }
            : { next_check_at: eb.fn.coalesce('next_check_at', eb.val(decision.nextCheckAt)) }),
          provider_status: providerStatus,
          updated_at: now,
        }))
        .where('id', '=', refundId)
        .where('status', '=', refund.status)
        .execute();
      break;
  }
  return decision.kind;
}

/**
 * An `unknown` refund whose call may not be over yet (another process may be waiting on the provider):
 * before its `in_flight_until`, unless its call already ended in an error.
 */
function mayStillBeInFlight(refund: Refund, now: Date): boolean {
  if (refund.providerStatus === 'unreachable') return false;
  return refund.inFlightUntil !== null && refund.inFlightUntil > now;
}
