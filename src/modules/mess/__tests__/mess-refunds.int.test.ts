import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCtx } from '../../../../test/factories/org.ts';
import { createMessSetup, createOctoberCycle, createStudent } from '../../../../test/factories/student.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { searchAudit } from '../../../core/audit/index.ts';
import { fixedClock } from '../../../platform/clock/index.ts';
import { recordCashFee } from '../fee-payments.ts';
import { LUNCH_MONDAY, TZ_ENV } from './mess-fixture.ts';

/*
 * Issue 62, the mess: money paid back to a student (from the student's page or from the payments
 * screen) goes through the one refund contract. It may take only what the student paid beyond their
 * dues (a credit, an over-payment), never leaving a cycle owing; the dues, the defaulters list and the
 * reports count it once the money is back; a pay-back waiting
 * for a second person changes nothing, a rejected one leaves everything as it was; a retried pay-back
 * pays once.
 */
const clock = fixedClock(LUNCH_MONDAY);
/** A day of October, when November's cycle has not begun. */
const IN_OCTOBER = '2026-10-20T12:00:00+05:30';
let app: TestApp;
let owner: ApiClient;
let ops: ApiClient;
let octoberId: string;
let novemberId: string;

beforeAll(async () => {
  app = await startTestApp({ clock, env: TZ_ENV });
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  await app.createStaff({ email: 'ops@example.com', role: 'ops' });
  owner = await app.signIn('owner@example.com');
  ops = await app.signIn('ops@example.com');
  ({ cycleId: novemberId } = await createMessSetup(app));
  octoberId = await createOctoberCycle(app);
}, 60_000);
afterAll(async () => app?.close());

/** A student who paid `october` and `november` in cash (₹3,000 a cycle is the fee). */
async function paid(telegramId: string, fees: { october?: number; november?: number }) {
  const student = await createStudent(app, { telegramId, language: 'hi' });
  const ctx = await orgCtx(app);
  const ids: Record<string, string> = {};
  for (const [cycle, amountMinor] of Object.entries(fees)) {
    const cycleId = cycle === 'october' ? octoberId : novemberId;
    ids[cycle] = (await recordCashFee(ctx, { studentId: student.id, cycleId, amountMinor })).id;
  }
  return { ...student, paymentOf: ids };
}
const mayGoBack = async (studentId: string) =>
  (await owner.get(`/api/mess/students/${studentId}/credit`)).json();
const duesOf = async (studentId: string, cycleId: string) =>
  (await owner.get(`/api/mess/students/${studentId}/dues`))
    .json()
    .cycles.find((c: { cycleId: string }) => c.cycleId === cycleId);
const defaulter = async (studentId: string) =>
  ((await owner.get('/api/mess/reports/defaulters')).json().items as Array<{ id: string }>).find(
    (d) => d.id === studentId,
  );
const octoberPaidInReports = async () =>
  (
    (await owner.get('/api/mess/reports/summary')).json().payments as Array<{
      cycleId: string;
      paidMinor: number;
    }>
  ).find((p) => p.cycleId === octoberId)!.paidMinor;
const told = async (to: string) =>
  (
    await app.database.pool.query<{ body: string }>(
      `select body from notification where template = 'mess.payment_refunded' and recipient = $1`,
      [to],
    )
  ).rows.map((r) => r.body);
const refundRows = async (paymentId: string) =>
  (
    await app.database.pool.query<{ status: string; amount_minor: string }>(
      'select status, amount_minor from payment_refund where payment_id = $1',
      [paymentId],
    )
  ).rows;
/** Everything a refund must not touch while it waits: dues of both cycles, the defaulters, the reports. */
const moneyViews = async (studentId: string) => ({
  october: await duesOf(studentId, octoberId),
  november: await duesOf(studentId, novemberId),
  defaulter: await defaulter(studentId),
  reports: await octoberPaidInReports(),
});

describe('mess: paying back credit and over-payments', () => {
  it('pays back part of a credit in cash; the dues follow and the student is told in Hindi', async () => {
    const student = await paid('7001001', { november: 350_000 });
    expect(await mayGoBack(student.id)).toMatchObject({ creditMinor: 50_000, currency: 'INR' });
    const res = await owner.post(`/api/mess/students/${student.id}/pay-back`, {
      amountMinor: 20_000,
      reason: 'छात्र ने मेस छोड़ दी',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().refunds).toMatchObject([
      { status: 'succeeded', method: 'cash', amount: { amountMinor: 20_000 } },
    ]);
    expect(res.json().creditMinor).toBe(30_000);
    expect(await duesOf(student.id, novemberId)).toMatchObject({ paidMinor: 330_000, balanceMinor: -30_000 });
    expect((await told('7001001'))[0]).toMatch(/वापस/);
    const tooMuch = await owner.post(`/api/mess/students/${student.id}/pay-back`, {
      amountMinor: 30_001,
      reason: 'x',
    });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json()).toMatchObject({ code: 'mess.no_credit', details: { creditMinor: 30_000 } });
  });

  it("a pay-back of October's credit shows in November's dues and the defaulters list once November comes", async () => {
    clock.set(IN_OCTOBER);
    try {
      const student = await paid('7001002', { october: 350_000 });
      expect(await mayGoBack(student.id)).toMatchObject({ creditMinor: 50_000 });
      const reportsBefore = await octoberPaidInReports();
      const res = await owner.post(`/api/mess/students/${student.id}/pay-back`, {
        reason: 'paid October twice',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().refunds).toMatchObject([{ status: 'succeeded', amount: { amountMinor: 50_000 } }]);
      expect(await duesOf(student.id, octoberId)).toMatchObject({ paidMinor: 300_000, balanceMinor: 0 });
      expect(await octoberPaidInReports()).toBe(reportsBefore - 50_000);

      clock.set(LUNCH_MONDAY);
      await recordCashFee(await orgCtx(app), {
        studentId: student.id,
        cycleId: novemberId,
        amountMinor: 250_000,
      });
      // Had the ₹500 stayed, it would have paid the rest of November as credit.
      expect(await duesOf(student.id, octoberId)).toMatchObject({ creditOutMinor: 0 });
      expect(await duesOf(student.id, novemberId)).toMatchObject({ creditInMinor: 0, balanceMinor: 50_000 });
      expect(await defaulter(student.id)).toMatchObject({ paidMinor: 250_000, balanceMinor: 50_000 });
    } finally {
      clock.set(LUNCH_MONDAY);
    }
  });

  it('a refund from the payments screen may take a credit, and the dues, reports and defaulters show it; more, or what a cycle owes, is refused naming the amount', async () => {
    clock.set(IN_OCTOBER);
    try {
      const student = await paid('7001003', { october: 400_000 });
      const reportsBefore = await octoberPaidInReports();
      const tooMuch = await owner.post(`/api/payments/${student.paymentOf.october}/refunds`, {
        amount: { amountMinor: 100_001, currency: 'INR' },
        method: 'cash',
        reason: 'fee charged twice by the office',
      });
      expect(tooMuch.statusCode).toBe(409);
      expect(tooMuch.json()).toMatchObject({
        code: 'mess.refund_above_over_payment',
        details: { field: 'amount', cycle: 'October 2026', overPaidMinor: 100_000 },
        errors: [expect.objectContaining({ field: 'body.amount' })],
      });
      expect(await duesOf(student.id, octoberId)).toMatchObject({
        paidMinor: 400_000,
        balanceMinor: -100_000,
      });
      expect(await refundRows(student.paymentOf.october!)).toEqual([]);

      const refund = await owner.post(`/api/payments/${student.paymentOf.october}/refunds`, {
        amount: { amountMinor: 100_000, currency: 'INR' },
        method: 'cash',
        reason: 'fee charged twice by the office',
      });
      expect(refund.statusCode).toBe(201);
      expect(await duesOf(student.id, octoberId)).toMatchObject({ paidMinor: 300_000, balanceMinor: 0 });
      expect(await octoberPaidInReports()).toBe(reportsBefore - 100_000);
      expect((await told('7001003'))[0]).toMatch(/October 2026/);

      clock.set(LUNCH_MONDAY);
      const { id: november } = await recordCashFee(await orgCtx(app), {
        studentId: student.id,
        cycleId: novemberId,
        amountMinor: 200_000,
      });
      expect(await duesOf(student.id, novemberId)).toMatchObject({ creditInMinor: 0, balanceMinor: 100_000 });
      expect(await defaulter(student.id)).toMatchObject({ paidMinor: 200_000, balanceMinor: 100_000 });
      // November is paid less than it owes: nothing of its payment may go back.
      const owed = await owner.post(`/api/payments/${november}/refunds`, {
        amount: { amountMinor: 1, currency: 'INR' },
        method: 'cash',
        reason: 'x',
      });
      expect(owed.json()).toMatchObject({
        code: 'mess.refund_above_over_payment',
        details: { overPaidMinor: 0 },
      });
    } finally {
      clock.set(LUNCH_MONDAY);
    }
  });

  it('an ops pay-back above the limit changes nothing until approved; rejected, everything stays as it was and the history says why', async () => {
    const student = await paid('7001004', { october: 320_000, november: 300_000 });
    const before = await moneyViews(student.id);
    expect(before.november.balanceMinor).toBe(-20_000);
    const asked = await ops.post(`/api/mess/students/${student.id}/pay-back`, { reason: 'left the hostel' });
    expect(asked.statusCode).toBe(201);
    const [waiting] = asked.json().refunds;
    expect(waiting).toMatchObject({ status: 'awaiting_approval', amount: { amountMinor: 20_000 } });
    // Waiting: the money views stand, the student is told nothing, the page says it awaits approval.
    expect(await moneyViews(student.id)).toEqual(before);
    expect(await told('7001004')).toEqual([]);
    const page = (await owner.get(`/api/mess/students/${student.id}/overview`)).json();
    expect(page.payments.flatMap((p: { refunds: unknown[] }) => p.refunds)).toMatchObject([
      { id: waiting.id, status: 'awaiting_approval', amountMinor: 20_000 },
    ]);
    // What it holds cannot go back twice, from either route.
    expect(page.payBack).toMatchObject({ creditMinor: 0, onTheWayMinor: 20_000 });
    const twice = await owner.post(`/api/payments/${student.paymentOf.november}/refunds`, {
      amount: { amountMinor: 20_000, currency: 'INR' },
      method: 'cash',
      reason: 'left the hostel',
    });
    expect(twice.json().code).toBe('mess.refund_above_over_payment');

    const rejected = await owner.post(`/api/refunds/${waiting.id}/reject`, { reason: 'he is staying on' });
    expect(rejected.json().status).toBe('rejected');
    expect(await moneyViews(student.id)).toEqual(before);
    expect(await told('7001004')).toEqual([]);
    expect(await mayGoBack(student.id)).toMatchObject({ creditMinor: 20_000, onTheWayMinor: 0 });
    const history = await searchAudit(await orgCtx(app), {
      subjectType: 'mess_student',
      subjectId: student.id,
      limit: 20,
    });
    expect(history.items.find((e) => e.action === 'mess.fee.refund_rejected')).toMatchObject({
      after: { refundId: waiting.id, amountMinor: 20_000 },
      meta: { reason: 'he is staying on' },
    });

    const again = (
      await ops.post(`/api/mess/students/${student.id}/pay-back`, { reason: 'left after all' })
    ).json();
    expect((await owner.post(`/api/refunds/${again.refunds[0].id}/approve`)).json().status).toBe('succeeded');
    expect(await duesOf(student.id, novemberId)).toMatchObject({ paidMinor: 280_000, balanceMinor: 0 });
    expect(await told('7001004')).toHaveLength(1);
  });

  it('a retried pay-back with the same Idempotency-Key pays once and answers the first pay-back', async () => {
    const student = await paid('7001005', { november: 320_000 });
    const key = { 'idempotency-key': 'pay-back-7001005' };
    const first = await owner.post(
      `/api/mess/students/${student.id}/pay-back`,
      { amountMinor: 10_000, reason: 'over-paid' },
      key,
    );
    const retry = await owner.post(
      `/api/mess/students/${student.id}/pay-back`,
      { amountMinor: 10_000, reason: 'over-paid' },
      key,
    );
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(await refundRows(student.paymentOf.november!)).toEqual([
      { status: 'succeeded', amount_minor: '10000' },
    ]);
    expect(await duesOf(student.id, novemberId)).toMatchObject({ paidMinor: 310_000 });
    expect(await told('7001005')).toHaveLength(1);
    const other = await owner.post(
      `/api/mess/students/${student.id}/pay-back`,
      { amountMinor: 5_000, reason: 'over-paid' },
      key,
    );
    expect(other.statusCode).toBe(422);
    expect(await refundRows(student.paymentOf.november!)).toHaveLength(1);
  });

  it('two pay-backs of one credit at once pay it once', async () => {
    const student = await paid('7001006', { november: 320_000 });
    const both = await Promise.all(
      ['a', 'b'].map((k) =>
        owner.post(
          `/api/mess/students/${student.id}/pay-back`,
          { reason: 'over-paid' },
          { 'idempotency-key': `both-${k}` },
        ),
      ),
    );
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await refundRows(student.paymentOf.november!)).toHaveLength(1);
    expect(await duesOf(student.id, novemberId)).toMatchObject({ paidMinor: 300_000, balanceMinor: 0 });
  });

  it('pay-backs and refunds from the payments screen racing for one credit give it back once, none a 500', async () => {
    // October's over-payment is carried to November: one ₹500 credit, reachable from both cycles' payments.
    const student = await paid('7001007', { october: 350_000, november: 300_000 });
    const refund = (cycle: 'october' | 'november') =>
      owner.post(`/api/payments/${student.paymentOf[cycle]}/refunds`, {
        amount: { amountMinor: 50_000, currency: 'INR' },
        method: 'cash',
        reason: 'race',
      });
    const answers = await Promise.all([
      ...[1, 2, 3].map((k) =>
        owner.post(
          `/api/mess/students/${student.id}/pay-back`,
          { reason: 'race' },
          { 'idempotency-key': `race-${k}` },
        ),
      ),
      refund('october'),
      refund('october'),
      refund('november'),
      refund('november'),
    ]);
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    expect(answers.every((a) => a.statusCode === 201 || a.statusCode === 409)).toBe(true);
    const back = [
      ...(await refundRows(student.paymentOf.october!)),
      ...(await refundRows(student.paymentOf.november!)),
    ];
    expect(back).toEqual([{ status: 'succeeded', amount_minor: '50000' }]);
    expect(await mayGoBack(student.id)).toMatchObject({ creditMinor: 0, onTheWayMinor: 0 });
  });
});
