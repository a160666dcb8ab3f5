import { sql } from 'kysely';
import type { Ctx } from '../../core/context/index.ts';
import { listPayments, refundsOfPayment } from '../../core/payments/index.ts';
import { CYCLE_FEE, studentDues } from './fee-payments.ts';
import { mayGoBackOf } from './fee-refunds.ts';
import { messSettingsOf } from './mess.settings.ts';
import type { MessTables } from './mess.tables.ts';
import { earliestCutStart } from './mess-cuts.rules.ts';
import { listCuts } from './mess-cuts.ts';
import { getStudent } from './students.ts';

/**
 * Everything a manager looks at on a student's page, in one read: status, dues per cycle, what may
 * be paid back, the fee payments (submitted proofs too) with their refunds, cuts with whether each can still be cancelled, the last
 * scans, and the earliest day a new cut may start (with the cut-off and its time zone).
 */
export async function studentOverview(ctx: Ctx, studentId: string) {
  const student = await getStudent(ctx, studentId);
  const settings = await messSettingsOf(ctx);
  const [dues, payBack, cuts, scans] = await Promise.all([
    studentDues(ctx, studentId),
    mayGoBackOf(ctx, studentId),
    listCuts(ctx, studentId),
    ctx.db
      .withTables<MessTables>()
      .selectFrom('mess_scan')
      .leftJoin('mess_meal', 'mess_meal.id', 'mess_scan.meal_id')
      .select([
        'mess_scan.id',
        'mess_scan.scanned_at',
        'mess_scan.decision',
        'mess_scan.reason',
        'mess_scan.device_id',
        'mess_meal.name as meal',
      ])
      .where('mess_scan.student_id', '=', studentId)
      .orderBy('mess_scan.scanned_at', 'desc')
      .limit(10)
      .execute(),
  ]);
  const payments = await feePaymentsOf(ctx, studentId, dues.cycles);
  const earliest = earliestCutStart(ctx.clock.now(), settings.timeZone, settings.cutoffTime);
  return {
    student: {
      id: student.id,
      name: student.name,
      rollNumber: student.rollNumber,
      room: student.room,
      phone: student.phone,
      status: student.status,
      statusReason: student.statusReason,
      language: student.language,
      telegram: student.telegramId !== null,
    },
    timeZone: settings.timeZone,
    cutoffTime: settings.cutoffTime,
    earliestCutStart: earliest,
    dues,
    payments,
    payBack,
    cuts: cuts.map((c) => ({ ...c, cancellable: c.to >= earliest })).reverse(),
    scans: scans.map((s) => ({
      id: s.id,
      at: s.scanned_at.toISOString(),
      decision: s.decision,
      reason: s.reason,
      meal: s.meal,
      device: s.device_id,
    })),
  };
}

/**
 * A student's fee payments of the cycles shown (submitted proofs too), newest first, each with the day
 * cash was handed over and its refunds as core payments tells them (one awaiting approval has changed
 * nothing yet).
 */
async function feePaymentsOf(
  ctx: Ctx,
  studentId: string,
  cycles: ReadonlyArray<{ cycleId: string; name: string }>,
) {
  const [listed, received] = await Promise.all([
    Promise.all(
      cycles.map(async (c) =>
        (
          await listPayments(ctx, {
            purposeType: CYCLE_FEE,
            purposeId: `${studentId}:${c.cycleId}`,
            limit: 20,
          })
        ).items.map((p) => ({ ...p, cycle: c.name })),
      ),
    ),
    ctx.db
      .withTables<MessTables>()
      .selectFrom('mess_fee_payment')
      .select(['payment_id', sql<string>`received_on::text`.as('received_on')])
      .where('student_id', '=', studentId)
      .where('received_on', 'is not', null)
      .execute(),
  ]);
  const receivedOn = new Map(received.map((r) => [r.payment_id, r.received_on]));
  const payments = listed.flat().sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return Promise.all(
    payments.map(async (p) => ({
      id: p.id,
      cycle: p.cycle,
      amountMinor: p.amount.amountMinor,
      currency: p.amount.currency,
      method: p.method,
      status: p.status,
      reference: p.externalReference,
      proofFileId: p.proofFileId,
      /** Cash: the day it was handed over. */
      receivedOn: receivedOn.get(p.id) ?? null,
      note: p.note,
      createdAt: p.createdAt.toISOString(),
      refunds: (await refundsOfPayment(ctx, p.id)).map((r) => ({
        id: r.id,
        amountMinor: r.amount.amountMinor,
        currency: r.amount.currency,
        status: r.status,
        reason: r.reason,
        rejectionReason: r.rejectionReason,
        createdAt: r.createdAt.toISOString(),
      })),
    })),
  );
}
