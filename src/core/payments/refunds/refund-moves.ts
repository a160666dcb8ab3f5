import { recordAudit } from '../../audit/index.ts';
import { type Ctx, inTransaction } from '../../context/index.ts';
import { lockRefundPayment } from './lock-refund-payment.ts';
import { emitRefunded, emitRefundFailed } from './refund-events.ts';
import { type Refund, refundSnapshot, toRefund } from './refund-view.ts';
import { type RefundStatus, refundStatusesLeadingTo } from './refunds.rules.ts';
import type { PaymentRefundTable, RefundTables } from './refunds.tables.ts';
import { withinPaidGuard } from './within-paid-guard.ts';

type RefundChanges = Partial<{
  provider_reference: string | null;
  provider_transaction_id: string | null;
  provider_status: string | null;
  failure_reason: string | null;
  attempt: number;
  approved_by: string | null;
  approved_by_user: string | null;
  rejection_reason: string | null;
  next_check_at: Date | null;
  sent_at: Date | null;
  approved_at: Date | null;
  rejected_at: Date | null;
}>;

const STAMP: Partial<Record<RefundStatus, keyof PaymentRefundTable>> = {
  succeeded: 'succeeded_at',
  failed: 'failed_at',
  rejected: 'rejected_at',
};

const AUDIT: Record<RefundStatus, string> = {
  awaiting_approval: 'payments.refund.awaiting_approval',
  pending: 'payments.refund.queued',
  unknown: 'payments.refund.sending',
  sent: 'payments.refund.sent',
  succeeded: 'payments.refund.succeeded',
  failed: 'payments.refund.failed',
  rejected: 'payments.refund.rejected',
};

/**
 * Moves a refund to `to` with one UPDATE guarded by the statuses the machine allows to lead there (of
 * two concurrent moves one wins; the loser gets null), under the payment's locks, with its audit event;
 * a refund that is paid back tells the payment's module (`payment.refunded`), one that failed for good
 * (`refund.failed`: its record holds the money again), in the same transaction.
 * `from` narrows the statuses it may leave (a check only settles what it read).
 */
export async function moveRefund(
  ctx: Ctx,
  args: {
    refundId: string;
    to: RefundStatus;
    from?: RefundStatus[];
    changes?: RefundChanges;
    audit?: boolean;
  },
): Promise<Refund | null> {
  const allowed = refundStatusesLeadingTo(args.to).filter((s) => !args.from || args.from.includes(s));
  if (allowed.length === 0) return null;
  return inTransaction(ctx, async (tx) => {
    const db = tx.db.withTables<RefundTables>();
    const current = await db
      .selectFrom('payment_refund')
      .select('payment_id')
      .where('id', '=', args.refundId)
      .executeTakeFirst();
    if (!current) return null;
    const payment = await lockRefundPayment(tx, current.payment_id);
    const now = tx.clock.now();
    const stamp = STAMP[args.to];
    const row = await withinPaidGuard(() =>
      db
        .updateTable('payment_refund')
        .set({
          status: args.to,
          updated_at: now,
          decided_by: JSON.stringify(tx.actor),
          ...(stamp ? { [stamp]: now } : {}),
          ...(args.changes ?? {}),
        })
        .where('id', '=', args.refundId)
        .where('status', 'in', allowed)
        .returningAll()
        .executeTakeFirst(),
    );
    if (!row) return null;
    const refund = toRefund(row);
    if (args.audit !== false)
      await recordAudit(tx, {
        action: AUDIT[args.to],
        subject: { type: 'payment', id: refund.paymentId },
        after: { refundId: refund.id, ...refundSnapshot(refund) },
      });
    if (args.to === 'succeeded') await emitRefunded(tx, { refund, payment });
    if (args.to === 'failed') await emitRefundFailed(tx, { refund, payment });
    return refund;
  });
}
