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
import { type OverPaidCycle, overPaidOf, whatMayGoBack } from './fee-refunds.rules.ts';
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
 * What a student may be paid back (`whatMayGoBack`): their credit, each cycle's over-payment, and what
 * refunds already asked are still taking back (not out of the dues yet, and not to be paid twice).
 */
export async function mayGoBackOf(
  ctx: Ctx,
  studentId: string,
): Promise<{ creditMinor: number; currency: string; cycles: OverPaidCycle[]; onTheWayMinor: number }> {
  const { currency, cycles, fees } = await duesAfterRefunds(ctx, studentId);
  return {
    ...whatMayGoBack(cycles),
    currency,
    onTheWayMinor: fees.reduce((n, f) => n + f.onTheWayMinor, 0),
  };
}

export interface PayBackInput {
  studentId: string;
  /** The cycle whose over-payment goes back; the newest (the student's credit) unless said. */
  cycleId?: string;
  /** Default: all of it. */
  amountMinor?: number;
  reason: string;
  staff: RefundStaff;
  /** The caller's form of the request's Idempotency-Key (`callerKey`): each refund keeps its own form. */
  idempotencyKey?: string | null;
}

/**
 * Pays a student back their credit (an over-payment, or what a student who leaves has paid ahead) or
 * an earlier cycle's over-payment, all or part, in cash at the office, through core payments' refund
 * flow (its limits and approval; the mess's `asked` step checks each refund again). From that cycle's
 * fee payments first, then earlier ones, each refund within what is left on its payment. Under the
 * student's credit lock and their fees' purpose locks, taken in one canonical call, so two staff cannot
 * pay one credit twice. The dues follow when the money has gone back (`applyFeeRefund`).
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
    const { cycles, fees, currency } = await duesAfterRefunds(tx, input.studentId);
    const at = input.cycleId ? cycles.findIndex((c) => c.cycleId === input.cycleId) : 0;
    const allowed = at >= 0 && cycles[at] ? overPaidOf(cycles[at]) : 0;
    const wanted = input.amountMinor ?? allowed;
    if (wanted <= 0 || wanted > allowed)
      throw MessErrors.no_credit({ field: 'amountMinor', creditMinor: allowed, asked: wanted });
    // That cycle's payments first, then the ones before it (a credit it carried in came from them).
    const rank = (f: FeeHeld) => cycles.findIndex((c) => c.cycleId === f.cycleId);
    const from = fees
      .filter((f) => rank(f) >= at)
      .sort((a, b) => rank(a) - rank(b) || b.settledAt.getTime() - a.settledAt.getTime());
    const refunds = await refundFees(tx, rt, from, wanted, input);
    await recordAudit(tx, {
      action: 'mess.student.credit_paid_back',
      subject: { type: 'mess_student', id: input.studentId },
      after: {
        amountMinor: wanted,
        currency,
        cycle: cycles[at]!.name,
        refunds: refunds.map((r) => r.id),
        status: refunds.some((r) => r.status === 'awaiting_approval') ? 'awaiting_approval' : 'paid_back',
      },
      meta: { reason: input.reason },
    });
    return {
      refunds,
      creditMinor: whatMayGoBack((await duesAfterRefunds(tx, input.studentId)).cycles).creditMinor,
    };
  });
}

/** One cash refund per fee payment, newest first, until `wanted` is covered. */
async function refundFees(
  tx: Ctx,
  rt: MessRuntime,
  fees: ReadonlyArray<FeeHeld>,
  wanted: number,
  input: PayBackInput,
): Promise<Refund[]> {
  const refunds: Refund[] = [];
  let remaining = wanted;
  for (const fee of fees) {
    if (remaining <= 0) break;
    const payment = await findPayment(tx, fee.paymentId);
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
        idempotencyKey: input.idempotencyKey ? `${input.idempotencyKey}:${payment.id}` : null,
      },
      { jobs: rt.jobs, providers: rt.deps.declared.paymentProviders() },
    );
    refunds.push(refund);
    remaining -= take;
  }
  return refunds;
}
