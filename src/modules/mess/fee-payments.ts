import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { formatMoney, money } from '../../core/money/index.ts';
import { type Payment, recordManualPayment, submitProofPayment } from '../../core/payments/index.ts';
import { localMoment } from '../../core/time/index.ts';
import { settleCardsLater } from './decided-cards.ts';
import { type CycleDues, duesOfCycles } from './dues.rules.ts';
import { MessErrors } from './mess.errors.ts';
import { notifyStudent, studentAddress } from './mess.notifications.ts';
import { cycleOn } from './mess.rules.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { messSettingsOf } from './mess.settings.ts';
import type { MessTables } from './mess.tables.ts';
import { listCuts } from './mess-cuts.ts';
import { loadMessFacts } from './mess-facts.ts';
import { backupRowsFor } from './sheets-backup.ts';
import { getStudent } from './students.ts';

/** Payment purpose of a cycle fee: `{ type: 'mess.cycle_fee', id: '<studentId>:<cycleId>' }`. */
export const CYCLE_FEE = 'mess.cycle_fee';
export const feePurpose = (studentId: string, cycleId: string) => ({
  type: CYCLE_FEE,
  id: `${studentId}:${cycleId}`,
});
/** The student and cycle a fee payment's purpose id names. */
export const parsePurpose = (id: string) => {
  const [studentId, cycleId] = id.split(':');
  return { studentId: studentId ?? '', cycleId: cycleId ?? '' };
};

const db = (ctx: Ctx) => ctx.db.withTables<MessTables>();

/** Itemized dues of a student for every loaded cycle up to the current one (credit carried forward), newest first. */
export async function studentDues(
  ctx: Ctx,
  studentId: string,
): Promise<{ currency: string; cycles: CycleDues[] }> {
  const settings = await messSettingsOf(ctx);
  const [facts, cuts, paid] = await Promise.all([
    loadMessFacts(ctx, settings.timeZone),
    listCuts(ctx, studentId),
    db(ctx)
      .selectFrom('mess_fee_payment')
      .select(['cycle_id', 'amount_minor'])
      .where('student_id', '=', studentId)
      .execute(),
  ]);
  const today = localMoment(ctx.clock.now(), settings.timeZone).date;
  // Closed days are rebated and an over-payment's credit moves to the next cycle (dues.rules.ts).
  const cycles = duesOfCycles(
    facts.cycleTerms.filter((c) => c.from <= today),
    cuts,
    facts.closures,
    (id) => paid.filter((p) => p.cycle_id === id).reduce((n, p) => n + Number(p.amount_minor), 0),
    studentId,
  ).reverse();
  return { currency: settings.currency, cycles };
}

/** The cycle covering today with the student's balance in it. */
async function currentDues(ctx: Ctx, studentId: string) {
  const settings = await messSettingsOf(ctx);
  const facts = await loadMessFacts(ctx, settings.timeZone);
  const cycle = cycleOn(facts.cycles, localMoment(ctx.clock.now(), settings.timeZone).date);
  if (!cycle) throw MessErrors.no_current_cycle({});
  const dues = (await studentDues(ctx, studentId)).cycles.find((c) => c.cycleId === cycle.id)!;
  return { settings, dues };
}

/**
 * A student's payment screenshot for the current cycle's balance (or full fee when paid up),
 * submitted through the core (duplicates flagged, never refused).
 */
export async function submitFeeProof(
  ctx: Ctx,
  rt: MessRuntime,
  input: {
    studentId: string;
    bytes: Uint8Array;
    originalName?: string;
    externalReference?: string | null;
    /** What the student says they paid, in minor units; else the balance. */
    declaredMinor?: number | null;
  },
): Promise<{ payment: Payment; dues: CycleDues }> {
  return inTransaction(ctx, async (tx) => {
    const student = await getStudent(tx, input.studentId, { forUpdate: true });
    const { settings, dues } = await currentDues(tx, student.id);
    // Paid up: refused, never a second full-fee card for the warden (an advance is staff's call).
    if (dues.balanceMinor <= 0) throw MessErrors.nothing_due({ cycle: dues.name });
    const amount = money(
      input.declaredMinor && input.declaredMinor > 0 ? input.declaredMinor : dues.balanceMinor,
      settings.currency,
    );
    const payment = await submitProofPayment(
      tx,
      { files: rt.files, jobs: rt.jobs },
      {
        amount,
        purpose: feePurpose(student.id, dues.cycleId),
        bytes: input.bytes,
        originalName: input.originalName ?? 'payment-proof',
        externalReference: input.externalReference ?? null,
        payerContactId: student.contactId,
      },
    );
    return { payment, dues };
  });
}

/**
 * Cash staff received for a student's cycle fee: settled at once through the core (manual, cash),
 * with the day it was handed over (the organization's today unless said, never a day to come) and
 * an entry in the student's history. A replay of one Idempotency-Key answers the same payment.
 */
export async function recordCashFee(
  ctx: Ctx,
  input: {
    studentId: string;
    cycleId: string;
    amountMinor: number;
    receivedOn?: string | null;
    note?: string | null;
    idempotencyKey?: string | null;
  },
): Promise<Payment> {
  const { timeZone } = await messSettingsOf(ctx);
  const today = localMoment(ctx.clock.now(), timeZone).date;
  const receivedOn = input.receivedOn ?? today;
  if (receivedOn > today)
    throw MessErrors.cash_in_future(
      { receivedOn, today },
      {
        message: `The cash was received on ${receivedOn}, after today (${today})`,
        fields: [{ field: 'body.receivedOn', message: `expected a day up to ${today}`, code: 'in_future' }],
      },
    );
  return inTransaction(ctx, async (tx) => {
    const student = await getStudent(tx, input.studentId);
    const cycle = await db(tx)
      .selectFrom('mess_cycle')
      .select(['id', 'name', 'currency'])
      .where('id', '=', input.cycleId)
      .executeTakeFirst();
    if (!cycle) throw MessErrors.cycle_not_found({ id: input.cycleId });
    const payment = await recordManualPayment(tx, {
      amount: money(input.amountMinor, cycle.currency),
      purpose: feePurpose(student.id, cycle.id),
      kind: 'cash',
      note: input.note ?? null,
      idempotencyKey: input.idempotencyKey ?? null,
    });
    // The settle hook wrote the fee row in this transaction; a replay finds its day already set.
    const first = await db(tx)
      .updateTable('mess_fee_payment')
      .set({ received_on: receivedOn })
      .where('payment_id', '=', payment.id)
      .where('received_on', 'is', null)
      .returning('payment_id')
      .executeTakeFirst();
    if (first)
      await recordAudit(tx, {
        action: 'mess.student.cash_recorded',
        subject: { type: 'mess_student', id: student.id },
        after: {
          paymentId: payment.id,
          cycle: cycle.name,
          amountMinor: input.amountMinor,
          currency: cycle.currency.trim(),
          receivedOn,
          note: payment.note,
        },
      });
    return payment;
  });
}

async function tellStudent(
  tx: Ctx,
  rt: MessRuntime,
  payment: Payment,
  notice: 'payment_verified' | 'payment_denied',
) {
  const { studentId, cycleId } = parsePurpose(payment.purpose.id);
  const student = await studentAddress(tx, studentId);
  const cycle = await db(tx)
    .selectFrom('mess_cycle')
    .select('name')
    .where('id', '=', cycleId)
    .executeTakeFirst();
  if (!student || !cycle) return;
  await notifyStudent(tx, rt, {
    student,
    notice,
    data: {
      amount: formatMoney(payment.amount, student.language),
      cycle: cycle.name,
      reason: payment.denialReason ?? '',
    },
    key: `${notice}:${payment.id}`,
  });
}

/** A settled fee payment: kept beside the core's payment, backed up to the sheet, told to the student. */
export async function recordSettledFee(tx: Ctx, rt: MessRuntime, payment: Payment): Promise<void> {
  const { studentId, cycleId } = parsePurpose(payment.purpose.id);
  await db(tx)
    .insertInto('mess_fee_payment')
    .values({
      payment_id: payment.id,
      student_id: studentId,
      cycle_id: cycleId,
      amount_minor: payment.amount.amountMinor,
    })
    .onConflict((oc) => oc.columns(['org_id', 'payment_id']).doNothing())
    .execute();
  await backupRowsFor(tx, rt, [
    {
      sheet: 'Payments',
      cells: [
        payment.id,
        studentId,
        cycleId,
        payment.amount.amountMinor,
        payment.amount.currency,
        payment.method,
        payment.status,
      ],
    },
  ]);
  if (payment.method === 'proof') await settleCardsLater(tx, rt, 'payment', payment.id);
  await tellStudent(tx, rt, payment, 'payment_verified');
}

/** A denied fee proof: the admins' cards settle and the student is told why. */
export async function tellDeniedFee(tx: Ctx, rt: MessRuntime, payment: Payment): Promise<void> {
  if (payment.method !== 'proof') return;
  await settleCardsLater(tx, rt, 'payment', payment.id);
  await tellStudent(tx, rt, payment, 'payment_denied');
}

/** A voided fee payment no longer counts towards the student's dues. */
export async function forgetVoidedFee(tx: Ctx, payment: Payment): Promise<void> {
  await db(tx).deleteFrom('mess_fee_payment').where('payment_id', '=', payment.id).execute();
}
