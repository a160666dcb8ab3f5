import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction, lockObjects } from '../../core/context/index.ts';
import { money } from '../../core/money/index.ts';
import {
  findPayment,
  type Refund,
  type RefundStaff,
  refundTotals,
  requestRefund,
} from '../../core/payments/index.ts';
import { localMoment } from '../../core/time/index.ts';
import { type CycleDues, duesOfCycles } from './dues.rules.ts';
import { feePurpose } from './fee-payments.ts';
import { creditOf, mayTakeFrom } from './fee-refunds.rules.ts';
import { MessErrors } from './mess.errors.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { messSettingsOf } from './mess.settings.ts';
import type { MessTables } from './mess.tables.ts';
import { listCuts } from './mess-cuts.ts';
import { loadMessFacts } from './mess-facts.ts';
import { getStudent } from './students.ts';

const db = (ctx: Ctx) => ctx.db.withTables<MessTables>();

/**
 * The lock every refund of a student's fees is decided under (a pay-back, or the `asked` step of a
 * refund from the payments screen): what may go back spans all their cycles, so two refunds of two
 * cycles' payments must not both take the same credit.
 */
export const studentCreditLock = (studentId: string) => ({ type: 'mess.student_credit', id: studentId });

/** A fee payment as a refund decision reads it: what counts of it, and what of it is on its way back. */
interface FeeHeld {
  paymentId: string;
  cycleId: string;
  settledAt: Date;
  /** What counts towards the dues: paid less what has gone back (`applyFeeRefund`). */
  countedMinor: number;
  /** Refunds asked and not gone back yet (waiting for approval, or out at a provider). */
  onTheWayMinor: number;
}

async function feesOf(ctx: Ctx, studentId: string): Promise<FeeHeld[]> {
  const rows = await db(ctx)
    .selectFrom('mess_fee_payment')
    .select(['payment_id', 'cycle_id', 'amount_minor', 'settled_at'])
    .where('student_id', '=', studentId)
    .execute();
  return Promise.all(
    rows.map(async (r) => {
      // Core payments' own account of the payment's refunds (its use case, not its tables).
      const payment = await findPayment(ctx, r.payment_id);
      const totals = payment ? await refundTotals(ctx, payment) : null;
      return {
        paymentId: r.payment_id,
        cycleId: r.cycle_id,
        settledAt: r.settled_at,
        countedMinor: Number(r.amount_minor),
        onTheWayMinor: totals ? totals.held.amountMinor - totals.refunded.amountMinor : 0,
      };
    }),
  );
}

/**
 * A student's dues (newest first) as they will be once every refund already asked for has gone back:
 * what refund decisions read, so a credit waiting on an approval is never paid back twice. The cycles
 * the dues show (`studentDues`), and any later one the student paid ahead for.
 */
export async function duesAfterRefunds(
  ctx: Ctx,
  studentId: string,
): Promise<{ currency: string; cycles: CycleDues[]; fees: FeeHeld[] }> {
  const settings = await messSettingsOf(ctx);
  const [facts, cuts, fees] = await Promise.all([
    loadMessFacts(ctx, settings.timeZone),
    listCuts(ctx, studentId),
    feesOf(ctx, studentId),
  ]);
  const paidFor = new Set(fees.map((f) => f.cycleId));
  const horizon = facts.cycleTerms
    .filter((c) => paidFor.has(c.id))
    .reduce((to, c) => (c.from > to ? c.from : to), localMoment(ctx.clock.now(), settings.timeZone).date);
  const cycles = duesOfCycles(
    facts.cycleTerms.filter((c) => c.from <= horizon),
    cuts,
    facts.closures,
    (id) => fees.filter((f) => f.cycleId === id).reduce((n, f) => n + f.countedMinor - f.onTheWayMinor, 0),
    studentId,
  ).reverse();
  // The cycles' own currency (the fees were charged in it), else the mess's.
  const newest = cycles[0]
    ? await db(ctx)
        .selectFrom('mess_cycle')
        .select('currency')
        .where('id', '=', cycles[0].cycleId)
        .executeTakeFirst()
    : undefined;
  return { currency: newest?.currency.trim() ?? settings.currency, cycles, fees };
}

/**
 * What a student may be paid back (`creditOf`): their credit, and what refunds already asked are still
 * taking back (not out of the dues yet, and not to be paid twice).
 */
export async function mayGoBackOf(
  ctx: Ctx,
  studentId: string,
): Promise<{ creditMinor: number; currency: string; onTheWayMinor: number }> {
  const { currency, cycles, fees } = await duesAfterRefunds(ctx, studentId);
  return {
    creditMinor: creditOf(cycles),
    currency,
    onTheWayMinor: fees.reduce((n, f) => n + f.onTheWayMinor, 0),
  };
}

export interface PayBackInput {
  studentId: string;
  /** Default: all the credit. */
  amountMinor?: number;
  reason: string;
  staff: RefundStaff;
  /** The caller's form of the request's Idempotency-Key (`callerKey`): each refund keeps its own form. */
  idempotencyKey?: string | null;
}

/**
 * Pays a student back their credit (an over-payment, or what a student who leaves has paid ahead), all
 * or part, in cash at the office, through core payments' refund flow (its limits and approval; the
 * mess's `asked` step checks each refund again): from their newest cycle's fee payments first, each
 * refund within what is left on its payment and what its cycle may give back (`mayTakeFrom`). Under
 * the student's credit lock and their fees' purpose locks, taken in one canonical call, so two staff
 * cannot pay one credit twice. The dues follow when the money has gone back (`applyFeeRefund`).
 */
export async function payBack(
  ctx: Ctx,
  rt: MessRuntime,
  input: PayBackInput,
): Promise<{ refunds: Refund[]; creditMinor: number }> {
  return inTransaction(ctx, async (tx) => {
    await getStudent(tx, input.studentId);
    const paidFor = await db(tx)
      .selectFrom('mess_fee_payment')
      .select('cycle_id')
      .distinct()
      .where('student_id', '=', input.studentId)
      .execute();
    await lockObjects(tx, [
      studentCreditLock(input.studentId),
      ...paidFor.map((f) => feePurpose(input.studentId, f.cycle_id)),
    ]);
    const { cycles, currency } = await duesAfterRefunds(tx, input.studentId);
    const creditMinor = creditOf(cycles);
    const wanted = input.amountMinor ?? creditMinor;
    if (wanted <= 0 || wanted > creditMinor)
      throw MessErrors.no_credit({ field: 'amountMinor', creditMinor, asked: wanted });
    const refunds = await refundFees(tx, rt, wanted, input);
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
 * One cash refund per fee payment, the newest cycle's first, until `wanted` is covered: each within
 * what is left on the payment and what its cycle may give back, read again after every refund.
 */
async function refundFees(tx: Ctx, rt: MessRuntime, wanted: number, input: PayBackInput): Promise<Refund[]> {
  const refunds: Refund[] = [];
  let remaining = wanted;
  const before = await duesAfterRefunds(tx, input.studentId);
  let cycles = before.cycles;
  const rank = (cycleId: string) => before.cycles.findIndex((c) => c.cycleId === cycleId);
  const order = before.fees
    .filter((f) => rank(f.cycleId) >= 0)
    .sort((a, b) => rank(a.cycleId) - rank(b.cycleId) || b.settledAt.getTime() - a.settledAt.getTime());
  for (const fee of order) {
    if (remaining <= 0) break;
    const payment = await findPayment(tx, fee.paymentId);
    if (!payment) continue;
    const { left } = await refundTotals(tx, payment);
    const take = Math.min(left.amountMinor, remaining, mayTakeFrom(cycles, fee.cycleId));
    if (take <= 0) continue;
    const { refund } = await requestRefund(tx, rt.deps, {
      paymentId: payment.id,
      amount: money(take, left.currency),
      method: 'cash',
      reason: input.reason,
      staff: input.staff,
      idempotencyKey: input.idempotencyKey ? `${input.idempotencyKey}:${payment.id}` : null,
    });
    refunds.push(refund);
    remaining -= take;
    cycles = (await duesAfterRefunds(tx, input.studentId)).cycles;
  }
  return refunds;
}
