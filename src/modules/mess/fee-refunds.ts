import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction, lockObjects } from '../../core/context/index.ts';
import { formatMoney, money } from '../../core/money/index.ts';
import {
  findPayment,
  type PaymentRefunded,
  type Refund,
  type RefundStaff,
  refundTotals,
  requestRefund,
} from '../../core/payments/index.ts';
import { sql } from '../../platform/db/index.ts';
import { CYCLE_FEE, studentDues } from './fee-payments.ts';
import { MessErrors } from './mess.errors.ts';
import { notifyTelegram } from './mess.notifications.ts';
import type { MessRuntime } from './mess.runtime.ts';
import type { MessTables } from './mess.tables.ts';
import { getStudent } from './students.ts';

const db = (ctx: Ctx) => ctx.db.withTables<MessTables>();

/**
 * What a student may be paid back: their credit (an over-payment waiting on the newest cycle) less the
 * refunds already asked for their fees that have not gone back yet (waiting for approval or out at a
 * provider): those are not out of the dues yet, and must not be paid twice.
 */
export async function creditOf(
  ctx: Ctx,
  studentId: string,
): Promise<{ creditMinor: number; currency: string }> {
  const dues = await studentDues(ctx, studentId);
  const newest = dues.cycles[0];
  const credit = newest && newest.balanceMinor < 0 ? -newest.balanceMinor : 0;
  const { rows } = await sql<{ held: string | null }>`
    select sum(r.amount_minor) as held from v_payments_refund r
    join mess_fee_payment f on f.org_id = r.org_id and f.payment_id = r.payment_id
    where r.org_id = ${ctx.orgId} and f.student_id = ${studentId}
      and r.status in ('awaiting_approval', 'pending', 'unknown', 'sent')`.execute(ctx.db);
  // The cycles' own currency (the fees were charged in it), else the mess's.
  const cycle = newest
    ? await db(ctx)
        .selectFrom('mess_cycle')
        .select('currency')
        .where('id', '=', newest.cycleId)
        .executeTakeFirst()
    : undefined;
  return {
    creditMinor: Math.max(0, credit - Number(rows[0]?.held ?? 0)),
    currency: cycle?.currency.trim() ?? dues.currency,
  };
}

/**
 * Pays a student back their credit (an over-payment, or what a student who leaves has paid ahead), all or
 * part, through core payments' refund flow: from their newest fee payments first, each refund within
 * what is left on its payment, in cash at the office. One at a time per student (a lock), so two staff
 * cannot pay the same credit twice. The dues follow when the money has gone back (`applyFeeRefund`).
 */
export async function payBackCredit(
  ctx: Ctx,
  rt: MessRuntime,
  input: { studentId: string; amountMinor?: number; reason: string; staff: RefundStaff },
): Promise<{ refunds: Refund[]; creditMinor: number }> {
  return inTransaction(ctx, async (tx) => {
    await getStudent(tx, input.studentId);
    await lockObjects(tx, [{ type: 'mess.student_credit', id: input.studentId }]);
    const { creditMinor, currency } = await creditOf(tx, input.studentId);
    const wanted = input.amountMinor ?? creditMinor;
    if (wanted <= 0 || wanted > creditMinor)
      throw MessErrors.no_credit({ field: 'amountMinor', creditMinor, asked: wanted });
    const fees = await db(tx)
      .selectFrom('mess_fee_payment')
      .select(['payment_id'])
      .where('student_id', '=', input.studentId)
      .orderBy('settled_at', 'desc')
      .execute();
    const refunds: Refund[] = [];
    let remaining = wanted;
    for (const fee of fees) {
      if (remaining <= 0) break;
      const payment = await findPayment(tx, fee.payment_id);
      if (!payment) continue;
      const { left } = await refundTotals(tx, payment);
      const take = Math.min(left.amountMinor, remaining);
      if (take <= 0) continue;
      const { refund } = await requestRefund(
        tx,
        {
          paymentId: payment.id,
          amount: money(take, left.currency),
          method: 'cash',
          reason: input.reason,
          staff: input.staff,
        },
        { jobs: rt.jobs, providers: rt.deps.declared.paymentProviders() },
      );
      refunds.push(refund);
      remaining -= take;
    }
    await recordAudit(tx, {
      action: 'mess.student.credit_paid_back',
      subject: { type: 'mess_student', id: input.studentId },
      after: { amountMinor: wanted, currency, refunds: refunds.map((r) => r.id) },
      meta: { reason: input.reason },
    });
    return { refunds, creditMinor: creditMinor - wanted };
  });
}

/**
 * `refunds['mess.cycle_fee'].settled`: money of a fee payment went back, so it counts that much less
 * towards the student's dues (the defaulters list and reports read the same rows), and the student is
 * told on Telegram, in their language. In the refund's transaction.
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
  const student = await db(tx)
    .selectFrom('mess_student')
    .innerJoin('mess_cycle', (j) => j.on('mess_cycle.id', '=', row.cycle_id))
    .select([
      'mess_student.telegram_id',
      'mess_student.contact_id',
      'mess_student.language',
      'mess_cycle.name as cycle',
    ])
    .where('mess_student.id', '=', row.student_id)
    .executeTakeFirst();
  if (!student?.telegram_id) return;
  await notifyTelegram(tx, rt, {
    to: student.telegram_id,
    contactId: student.contact_id,
    notice: 'payment_refunded',
    data: {
      amount: formatMoney(event.refund.amount, student.language),
      cycle: student.cycle,
      reason: event.refund.reason,
    },
    locale: student.language,
    key: `payment_refunded:${event.refund.id}`,
  });
}
