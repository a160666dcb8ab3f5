import { recordAudit } from '../audit/index.ts';
import { type Ctx, inTransaction, type LockObject } from '../context/index.ts';
import type { Money } from '../money/index.ts';
import { lockPaymentPurpose } from './lock-payment-purpose.ts';
import { emitPaymentEvent } from './payment-events.ts';
import { auditSnapshot, type Payment, toPayment } from './payment-view.ts';
import { isSettled, type PaymentStatus, statusesLeadingTo, TIMEOUT_REASON } from './payments.rules.ts';
import type { PaymentsTables } from './payments.tables.ts';

export interface TransitionChanges {
  denialReason?: string;
  failureReason?: string;
  voidReason?: string;
  providerTransactionId?: string | null;
  providerStatus?: string;
  /** The amount the provider reported, kept when it differs from ours. */
  providerAmount?: Money;
}

const STAMP = {
  verified: 'verified_at',
  denied: 'denied_at',
  voided: 'voided_at',
  succeeded: 'succeeded_at',
  failed: 'failed_at',
  mismatch: 'mismatch_at',
} as const satisfies Partial<Record<PaymentStatus, string>>;

/** The audit code of a move to each status, spelled out so the history's title test finds every one. */
const TRANSITION_AUDIT = {
  submitted: 'payments.payment.submitted',
  verified: 'payments.payment.verified',
  denied: 'payments.payment.denied',
  recorded: 'payments.payment.recorded',
  voided: 'payments.payment.voided',
  pending: 'payments.payment.pending',
  ambiguous: 'payments.payment.marked_ambiguous',
  succeeded: 'payments.payment.succeeded',
  failed: 'payments.payment.failed',
  mismatch: 'payments.payment.mismatched',
} as const satisfies Record<PaymentStatus, string>;

export interface Transitioned {
  before: Payment;
  payment: Payment;
}

/**
 * Moves a payment to `to` with one UPDATE guarded by the statuses the machine allows to lead
 * there, so of two concurrent transitions exactly one wins; the loser gets `null` and changes
 * nothing. In the same transaction: the audit event with before/after and the modules' hooks.
 *
 * Lock order: the purpose's lock first (`lockPaymentPurpose`), then the payment row, then whatever
 * the hooks lock (the order, its tickets). A module deciding its purpose takes the same lock before
 * its own rows, so the two paths wait for each other instead of deadlocking (issue 26).
 */
export async function transitionPayment(
  ctx: Ctx,
  args: {
    paymentId: string;
    to: PaymentStatus;
    changes?: TransitionChanges;
    /** False for a payment whose purpose names no record: no module owns it, so none is told. */
    hooks?: boolean;
    /** The payment's purpose when the caller read the payment already: not read again (issue 64). */
    purpose?: LockObject;
  },
): Promise<Transitioned | null> {
  const from = statusesLeadingTo(args.to);
  if (from.length === 0) return null;
  const changes = args.changes ?? {};
  const now = ctx.clock.now();
  return inTransaction(ctx, async (tx) => {
    const db = tx.db.withTables<PaymentsTables>();
    const purpose = args.purpose ?? (await purposeOf(tx, args.paymentId));
    if (!purpose) return null;
    await lockPaymentPurpose(tx, purpose);
    const prior = await db
      .selectFrom('payment')
      .selectAll()
      .where('id', '=', args.paymentId)
      .forUpdate()
      .executeTakeFirst();
    if (!prior) return null;
    // A payment's purpose never changes; a caller's stale copy would have taken the wrong lock.
    if (prior.purpose_type !== purpose.type || prior.purpose_id !== purpose.id)
      throw new Error(`payment ${args.paymentId} is not for ${purpose.type} ${purpose.id}`);
    const stampColumn = STAMP[args.to as keyof typeof STAMP] as
      | (typeof STAMP)[keyof typeof STAMP]
      | undefined;
    const stamp: Partial<Record<(typeof STAMP)[keyof typeof STAMP], Date>> = stampColumn
      ? { [stampColumn]: now }
      : {};
    let update = db
      .updateTable('payment')
      .set({
        status: args.to,
        updated_at: now,
        decided_by: JSON.stringify(tx.actor),
        ...stamp,
        ...(changes.denialReason !== undefined ? { denial_reason: changes.denialReason } : {}),
        ...(changes.failureReason !== undefined ? { failure_reason: changes.failureReason } : {}),
        ...(changes.voidReason !== undefined ? { void_reason: changes.voidReason } : {}),
        ...(changes.providerTransactionId !== undefined
          ? { provider_transaction_id: changes.providerTransactionId }
          : {}),
        ...(changes.providerStatus !== undefined ? { provider_status: changes.providerStatus } : {}),
        ...(changes.providerAmount !== undefined
          ? {
              provider_amount_minor: changes.providerAmount.amountMinor,
              provider_currency: changes.providerAmount.currency,
            }
          : {}),
      })
      .where('id', '=', args.paymentId)
      .where('status', 'in', from);
    // A failed payment is reopened only to record a success the provider reported after our timeout.
    if (args.to === 'mismatch')
      update = update.where((eb) =>
        eb.or([eb('status', '<>', 'failed'), eb('failure_reason', '=', TIMEOUT_REASON)]),
      );
    const row = await update.returningAll().executeTakeFirst();
    if (!row) return null;
    const before = toPayment(prior);
    const payment = toPayment(row);
    await recordAudit(tx, {
      action: TRANSITION_AUDIT[args.to],
      subject: { type: 'payment', id: payment.id },
      before: auditSnapshot(before),
      after: auditSnapshot(payment),
    });
    if (args.hooks !== false) await runHooksFor(tx, before.status, payment);
    return { before, payment };
  });
}

/** The purpose a payment is for: the lock it is decided under. */
async function purposeOf(tx: Ctx, paymentId: string): Promise<LockObject | undefined> {
  const row = await tx.db
    .withTables<PaymentsTables>()
    .selectFrom('payment')
    .select(['purpose_type', 'purpose_id'])
    .where('id', '=', paymentId)
    .executeTakeFirst();
  return row ? { type: row.purpose_type, id: row.purpose_id } : undefined;
}

/** Tells modules once: settled, failed (never twice: a late `mismatch` after `failed` is staff work) or voided. */
async function runHooksFor(tx: Ctx, from: PaymentStatus, payment: Payment): Promise<void> {
  if (isSettled(payment.status)) return emitPaymentEvent(tx, 'settled', payment);
  if (payment.status === 'voided') return emitPaymentEvent(tx, 'voided', payment);
  const failing = payment.status === 'denied' || payment.status === 'failed' || payment.status === 'mismatch';
  if (failing && from !== 'failed') return emitPaymentEvent(tx, 'failed', payment);
}
