import { newId } from '../../../platform/ids/index.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import { recordAudit } from '../../audit/index.ts';
import { type Ctx, inTransaction } from '../../context/index.ts';
import type { Money } from '../../money/index.ts';
import { type PaymentDeps, sendsRefunds } from '../payment-deps.ts';
import type { Payment } from '../payment-view.ts';
import { PaymentsErrors } from '../payments.errors.ts';
import { lockRefundPayment } from './lock-refund-payment.ts';
import { emitRefundAsked, emitRefunded, emitRefundStarted, type RefundOptions } from './refund-events.ts';
import { resolveRefundStaff } from './refund-staff.ts';
import { refundTotals } from './refund-totals.ts';
import { type Refund, refundSnapshot, toRefund } from './refund-view.ts';
import { RefundErrors } from './refunds.errors.ts';
import { queueRefundSend } from './refunds.queue.ts';
import {
  isRefundable,
  type RefundMethod,
  type RefundStaff,
  refundMethodRefusal,
  withinLimit,
} from './refunds.rules.ts';
import { refundLimitsFor } from './refunds.settings.ts';
import type { RefundTables } from './refunds.tables.ts';
import { withinPaidGuard } from './within-paid-guard.ts';

export type { RefundStaff } from './refunds.rules.ts';

export interface RefundRequestInput {
  paymentId: string;
  amount: Money;
  method: RefundMethod;
  reason: string;
  /** Who asks; when left out, the member behind the context's actor (`resolveRefundStaff`). */
  staff?: RefundStaff;
  /** The caller's own form of the request's Idempotency-Key (`callerKey`): a retry gets the first refund. */
  idempotencyKey?: string | null;
  /** What the purpose's module is asked to do with its record (its `refunds` contract reads it). */
  options?: RefundOptions;
}

/** What a refund needs of the app: its job queue and declared providers (a module passes `rt.deps`). */
export type RefundDeps = PaymentDeps;

/**
 * Gives back all or part of a settled payment, with a reason, in cash or through the provider the money
 * came through. Under the payment's locks: never more than is left (paid less every refund holding money),
 * the trigger `payment_refund_within_paid` as the last guard. Within the person's limit a cash refund is
 * paid at once (modules told in this transaction) and a provider refund queued (sent by a job, outside
 * any transaction); above it the refund waits for a second person. In the caller's transaction if any.
 */
export async function requestRefund(
  ctx: Ctx,
  deps: RefundDeps,
  input: RefundRequestInput,
): Promise<{ refund: Refund; created: boolean }> {
  const reason = input.reason.trim();
  if (!reason) throw PaymentsErrors.reason_required({ field: 'reason' });
  if (input.amount.amountMinor <= 0) throw PaymentsErrors.amount_not_positive({ field: 'amount' });
  return inTransaction(ctx, async (tx) => {
    const payment = await lockRefundPayment(tx, input.paymentId);
    const db = tx.db.withTables<RefundTables>();
    const prior = await priorRefund(tx, input);
    if (prior) return { refund: prior, created: false };
    const totals = await assertRefundFits(tx, deps, payment, input);
    const staff = input.staff ?? (await resolveRefundStaff(tx));
    const options = input.options ?? {};
    // The purpose's module may refuse it (an order no longer paid, a token not acknowledged).
    await emitRefundAsked(tx, { payment, amount: input.amount, left: totals.left, reason, options, staff });
    const limits = await refundLimitsFor(tx);
    const alone = withinLimit(staff.role, input.amount.amountMinor, limits);
    const provider = input.method !== 'cash';
    const now = tx.clock.now();
    const row = await withinPaidGuard(() =>
      db
        .insertInto('payment_refund')
        .values({
          payment_id: payment.id,
          amount_minor: input.amount.amountMinor,
          currency: input.amount.currency,
          method: input.method,
          status: !alone ? 'awaiting_approval' : provider ? 'pending' : 'succeeded',
          reason: reason.slice(0, 500),
          provider_reference: provider ? newId() : null,
          requested_by: JSON.stringify(tx.actor),
          requested_by_user: staff.userId,
          idempotency_key: input.idempotencyKey ?? null,
          purpose_options: JSON.stringify(options),
          next_check_at: alone && provider ? new Date(now.getTime() + 120_000) : null,
          created_at: now,
          updated_at: now,
          succeeded_at: alone && !provider ? now : null,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    const refund = toRefund(row);
    await recordAudit(tx, {
      action: alone ? 'payments.refund.requested' : 'payments.refund.awaiting_approval',
      subject: { type: 'payment', id: payment.id },
      after: { refundId: refund.id, ...refundSnapshot(refund) },
    });
    // Within the asker's limit it goes ahead now: the module changes its record. Above it, nothing
    // changes until a second person approves (`approveRefund`).
    if (alone) await emitRefundStarted(tx, { refund, payment });
    await startRefund(tx, deps, refund, payment);
    return { refund, created: true };
  });
}

/** The refund asked before under the same Idempotency-Key, if any (a different ask under it is refused). */
async function priorRefund(tx: Ctx, input: RefundRequestInput): Promise<Refund | undefined> {
  if (!input.idempotencyKey) return undefined;
  const prior = await tx.db
    .withTables<RefundTables>()
    .selectFrom('payment_refund')
    .selectAll()
    .where('idempotency_key', '=', input.idempotencyKey)
    .executeTakeFirst();
  if (!prior) return undefined;
  const same =
    prior.payment_id === input.paymentId &&
    Number(prior.amount_minor) === input.amount.amountMinor &&
    prior.method === input.method;
  if (!same) throw RefundErrors.refund_idempotency_conflict({ key: 'Idempotency-Key' });
  return toRefund(prior);
}

/**
 * Refuses a refund the payment cannot take (not settled, another currency, more than is left, a method
 * or provider that cannot send it back); answers the payment's totals.
 */
async function assertRefundFits(
  tx: Ctx,
  deps: RefundDeps,
  payment: Payment,
  input: RefundRequestInput,
): Promise<Awaited<ReturnType<typeof refundTotals>>> {
  if (!isRefundable(payment.status))
    throw RefundErrors.payment_not_refundable({ paymentId: payment.id, status: payment.status });
  const totals = await refundTotals(tx, payment);
  if (input.amount.currency !== totals.paid.currency)
    throw RefundErrors.refund_currency_mismatch({ field: 'amount.currency', currency: totals.paid.currency });
  if (input.amount.amountMinor > totals.left.amountMinor)
    throw RefundErrors.refund_exceeds_paid({ field: 'amount', left: totals.left });
  const refusal = refundMethodRefusal({
    method: input.method,
    payment,
    amountMinor: input.amount.amountMinor,
    paidMinor: totals.paid.amountMinor,
    alreadyHeldMinor: totals.held.amountMinor,
  });
  if (refusal === 'provider_full_only') throw RefundErrors.refund_provider_full_only({ field: 'amount' });
  if (refusal)
    throw RefundErrors.refund_method_not_allowed({ field: 'method', paymentMethod: payment.method });
  if (input.method !== 'cash' && !sendsRefunds(deps, input.method))
    throw RefundErrors.refund_provider_unavailable({ field: 'method', provider: input.method });
  return totals;
}

/**
 * What follows a refund that may go (after its module changed its record): a cash one is paid (the
 * module tells the person), a provider one is queued.
 */
export async function startRefund(
  tx: Ctx,
  deps: { jobs: JobQueue },
  refund: Refund,
  payment: Awaited<ReturnType<typeof lockRefundPayment>>,
): Promise<void> {
  if (refund.status === 'succeeded') {
    await recordAudit(tx, {
      action: 'payments.refund.succeeded',
      subject: { type: 'payment', id: payment.id },
      after: { refundId: refund.id, ...refundSnapshot(refund) },
    });
    await emitRefunded(tx, { refund, payment });
  }
  if (refund.status === 'pending') await queueRefundSend(deps.jobs, refund, tx.db);
}
