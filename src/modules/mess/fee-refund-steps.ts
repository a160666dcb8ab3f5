import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, lockObjects } from '../../core/context/index.ts';
import { formatMoney, money } from '../../core/money/index.ts';
import type { PaymentRefunded, RefundAsked } from '../../core/payments/index.ts';
import { sql } from '../../platform/db/index.ts';
import { CYCLE_FEE, parsePurpose } from './fee-payments.ts';
import { feeRefundRefusal } from './fee-refunds.rules.ts';
import { duesAfterRefunds, studentCreditLock } from './fee-refunds.ts';
import { MessErrors } from './mess.errors.ts';
import { notifyStudent, studentAddress } from './mess.notifications.ts';
import type { MessRuntime } from './mess.runtime.ts';
import type { MessTables } from './mess.tables.ts';

/*
 * The mess's part of core payments' refund contract for `mess.cycle_fee` (DESIGN rule 7, issue 62),
 * whichever route asked (the mess's pay-back or the payments screen):
 * - asked: a fee refund may take only what the student paid beyond the dues, from its cycle on
 *   (`mayTakeFrom`): never more than their credit, never leaving a cycle owing;
 * - started: nothing. The dues count money, and money that has not come back yet is still the mess's:
 *   a refund waiting for approval (or out at a provider) changes no dues, no defaulters list, no report.
 *   It only holds what it asks for, so that is not paid back twice (`duesAfterRefunds`);
 * - settled: the money is back, so the fee counts that much less (dues, defaulters, reports, the bot's
 *   dues and the scanner read the one row), and the student is told;
 * - rejected: the record never changed; the student's history says it was turned down, and why.
 * - failed: the provider will not pay it back: the record never changed (the dues count only money
 *   back) and the credit it held is free again; the student's history says so, and why.
 */

const db = (ctx: Ctx) => ctx.db.withTables<MessTables>();

/**
 * `refunds['mess.cycle_fee'].asked`: refuses a refund of a fee payment beyond what the student paid
 * beyond their dues from its cycle on (counting refunds already on their way as gone), naming the field
 * `amount`. Under the student's credit lock (after the payment's own, which core holds: a pay-back racing
 * a refund from the payments screen may wait out the lock timeout, 409 busy), so two refunds of two
 * cycles cannot both take one credit. Changes nothing.
 */
export async function askFeeRefund(tx: Ctx, event: RefundAsked): Promise<void> {
  if (event.payment.purpose.type !== CYCLE_FEE) return;
  const { studentId, cycleId } = parsePurpose(event.payment.purpose.id);
  await lockObjects(tx, [studentCreditLock(studentId)]);
  const { cycles } = await duesAfterRefunds(tx, studentId);
  const refusal = feeRefundRefusal(cycles, cycleId, event.amount.amountMinor);
  if (!refusal) return;
  const cycle = await db(tx)
    .selectFrom('mess_cycle')
    .select('name')
    .where('id', '=', cycleId)
    .executeTakeFirst();
  const overPaid = formatMoney(money(refusal.overPaidMinor, event.amount.currency), 'en');
  throw MessErrors.refund_above_over_payment(
    { field: 'amount', cycle: cycle?.name ?? cycleId, overPaid, overPaidMinor: refusal.overPaidMinor },
    {
      message: `At most ${overPaid} of this fee can go back: what the student paid beyond their dues from ${cycle?.name ?? 'its cycle'} on`,
      fields: [
        {
          field: 'body.amount',
          message: `at most ${refusal.overPaidMinor} (what the cycle was over-paid)`,
          code: 'above_over_payment',
        },
      ],
    },
  );
}

/**
 * `refunds['mess.cycle_fee'].settled`: money of a fee payment went back, so it counts that much less
 * towards the student's dues (the defaulters list and reports read the same rows), and the student is
 * told (on Telegram, else by SMS), in their language. In the refund's transaction.
 */
export async function applyFeeRefund(tx: Ctx, rt: MessRuntime, event: PaymentRefunded): Promise<void> {
  if (event.payment.purpose.type !== CYCLE_FEE) return;
  const row = await db(tx)
    .updateTable('mess_fee_payment')
    .set({ amount_minor: sql`amount_minor - ${event.refund.amount.amountMinor}` })
    .where('payment_id', '=', event.payment.id)
    .returning(['student_id', 'cycle_id', 'amount_minor'])
    .executeTakeFirst();
  if (!row) return;
  await recordAudit(tx, {
    action: 'mess.fee.refunded',
    subject: { type: 'mess_student', id: row.student_id },
    after: { paymentId: event.payment.id, refundId: event.refund.id, paidMinor: Number(row.amount_minor) },
  });
  const student = await studentAddress(tx, row.student_id);
  const cycle = await db(tx)
    .selectFrom('mess_cycle')
    .select('name')
    .where('id', '=', row.cycle_id)
    .executeTakeFirst();
  if (!student || !cycle) return;
  await notifyStudent(tx, rt, {
    student,
    notice: 'payment_refunded',
    data: {
      amount: formatMoney(event.refund.amount, student.language),
      cycle: cycle.name,
      reason: event.refund.reason,
    },
    key: `payment_refunded:${event.refund.id}`,
  });
}

/**
 * `refunds['mess.cycle_fee'].rejected`: the second person turned the refund down. The dues never
 * changed while it waited, and the credit it held is free again; the student's history (which the
 * staff who asked read on the student's page) says it was turned down and why. The student, never
 * told of a refund that did not happen, is told nothing.
 */
export async function noteRejectedFeeRefund(tx: Ctx, event: PaymentRefunded): Promise<void> {
  const noted = feeRefundNoted(event);
  if (!noted) return;
  await recordAudit(tx, {
    action: 'mess.fee.refund_rejected',
    ...noted,
    meta: { reason: event.refund.rejectionReason ?? '' },
  });
}

/**
 * `refunds['mess.cycle_fee'].failed`: the provider will not pay the refund back. The dues never counted
 * it (only `settled` does), so they stay; the credit it held is free again (a failed refund holds
 * nothing). The student's history says it failed and why; the student, never told, is told nothing.
 */
export async function noteFailedFeeRefund(tx: Ctx, event: PaymentRefunded): Promise<void> {
  const noted = feeRefundNoted(event);
  if (!noted) return;
  await recordAudit(tx, {
    action: 'mess.fee.refund_failed',
    ...noted,
    meta: { reason: event.refund.failureReason ?? '' },
  });
}

/** The student's history entry of a fee refund that gave nothing back; null for another purpose. */
function feeRefundNoted(event: PaymentRefunded) {
  if (event.payment.purpose.type !== CYCLE_FEE) return null;
  const { studentId } = parsePurpose(event.payment.purpose.id);
  return {
    subject: { type: 'mess_student', id: studentId },
    after: {
      paymentId: event.payment.id,
      refundId: event.refund.id,
      amountMinor: event.refund.amount.amountMinor,
      currency: event.refund.amount.currency,
    },
  };
}
