import { newId } from '../../../platform/ids/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { type Ctx, inTransaction } from '../../context/index.ts';
import { findPayment } from '../get-payment.ts';
import { PaymentsErrors } from '../payments.errors.ts';
import { getRefund } from './get-refund.ts';
import { lockRefundPayment } from './lock-refund-payment.ts';
import { emitRefundRejected, emitRefundStarted } from './refund-events.ts';
import { moveRefund } from './refund-moves.ts';
import { type Refund, refundSnapshot } from './refund-view.ts';
import { RefundErrors } from './refunds.errors.ts';
import { withinLimit } from './refunds.rules.ts';
import { refundLimitsFor } from './refunds.settings.ts';
import { type RefundDeps, type RefundStaff, startRefund } from './request-refund.ts';
import { type RefundRejectionDeps, tellRefundRejected } from './tell-refund-rejected.ts';

/**
 * The second person approves a refund above the requester's limit: never the requester, and only within
 * the approver's own limit. A cash refund is then paid (modules told), a provider one queued.
 */
export async function approveRefund(
  ctx: Ctx,
  deps: RefundDeps,
  args: { refundId: string; staff: RefundStaff },
): Promise<Refund> {
  return inTransaction(ctx, async (tx) => {
    const refund = await getRefund(tx, args.refundId);
    const payment = await lockRefundPayment(tx, refund.paymentId);
    const current = await getRefund(tx, args.refundId);
    if (current.status !== 'awaiting_approval')
      throw RefundErrors.refund_state_changed({ id: refund.id, status: current.status });
    if (args.staff.userId === null || current.requestedByUser === args.staff.userId)
      throw RefundErrors.refund_approver_is_requester({ id: refund.id });
    if (!withinLimit(args.staff.role, current.amount.amountMinor, await refundLimitsFor(tx)))
      throw RefundErrors.refund_above_approver_limit({ id: refund.id });
    // It goes ahead now: the module changes its record (before a cash refund tells the person).
    await emitRefundStarted(tx, { refund: current, payment });
    const to = current.method === 'cash' ? 'succeeded' : 'pending';
    const now = tx.clock.now();
    const moved = await moveRefund(tx, {
      refundId: refund.id,
      to,
      from: ['awaiting_approval'],
      audit: false,
      changes: {
        approved_by: JSON.stringify(tx.actor),
        approved_by_user: args.staff.userId,
        approved_at: now,
        ...(to === 'pending' ? { next_check_at: new Date(now.getTime() + 120_000) } : {}),
      },
    });
    if (!moved) throw RefundErrors.refund_state_changed({ id: refund.id });
    await recordAudit(tx, {
      action: 'payments.refund.approved',
      subject: { type: 'payment', id: payment.id },
      after: { refundId: moved.id, ...refundSnapshot(moved) },
    });
    if (to === 'pending') await startRefund(tx, deps, moved, payment);
    return moved;
  });
}

/**
 * The second person turns a refund down, with a reason: what it held is free again, the purpose's
 * module learns its record stays as it was (nothing of it changed while the refund waited), and the
 * member of staff who asked is told why (`tellRefundRejected`), all in one transaction.
 */
export async function rejectRefund(
  ctx: Ctx,
  deps: RefundRejectionDeps,
  args: { refundId: string; reason: string },
): Promise<Refund> {
  const reason = args.reason.trim();
  if (!reason) throw PaymentsErrors.reason_required({ field: 'reason' });
  return inTransaction(ctx, async (tx) => {
    const moved = await moveRefund(tx, {
      refundId: (await getRefund(tx, args.refundId)).id,
      to: 'rejected',
      from: ['awaiting_approval'],
      changes: { rejection_reason: reason.slice(0, 500) },
    });
    if (!moved) throw RefundErrors.refund_state_changed({ id: args.refundId });
    const payment = await findPayment(tx, moved.paymentId);
    if (payment) await emitRefundRejected(tx, { refund: moved, payment });
    await tellRefundRejected(tx, deps, moved);
    return moved;
  });
}

/**
 * Sends a failed provider refund again as a new attempt (a new reference: the provider refused the old
 * one), if what is left to refund still allows it (the trigger guards it too). An `unknown` refund is
 * refused: whether the provider has it is not known, and it is never sent blindly.
 */
export async function retryRefund(ctx: Ctx, deps: RefundDeps, args: { refundId: string }): Promise<Refund> {
  const refund = await getRefund(ctx, args.refundId);
  if (refund.status === 'unknown' || refund.status === 'sent')
    throw RefundErrors.refund_outcome_unknown({ id: refund.id });
  if (refund.status !== 'failed')
    throw RefundErrors.refund_state_changed({ id: refund.id, status: refund.status });
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const moved = await moveRefund(tx, {
      refundId: refund.id,
      to: 'pending',
      from: ['failed'],
      changes: {
        provider_reference: newId(),
        attempt: refund.attempt + 1,
        failure_reason: null,
        provider_status: null,
        next_check_at: new Date(now.getTime() + 120_000),
      },
    });
    if (!moved) throw RefundErrors.refund_state_changed({ id: refund.id });
    const payment = await lockRefundPayment(tx, moved.paymentId);
    // Its failure gave the record its money back (`failed`): going ahead again, the module changes it again.
    await emitRefundStarted(tx, { refund: moved, payment });
    await startRefund(tx, deps, moved, payment);
    return moved;
  });
}
