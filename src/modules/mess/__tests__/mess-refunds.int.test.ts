import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCtx } from '../../../../test/factories/org.ts';
import { createMessSetup, createStudent } from '../../../../test/factories/student.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { recordCashFee } from '../fee-payments.ts';

let app: TestApp;
let owner: ApiClient;
let ops: ApiClient;
let cycleId: string;

beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  await app.createStaff({ email: 'ops@example.com', role: 'ops' });
  owner = await app.signIn('owner@example.com');
  ops = await app.signIn('ops@example.com');
  ({ cycleId } = await createMessSetup(app));
}, 60_000);
afterAll(async () => app?.close());

/** A student who paid the cycle's fee and `extra` more (an over-payment: credit). */
async function overPaid(extra: number, telegramId: string) {
  const student = await createStudent(app, { telegramId, paidCycleId: cycleId, language: 'hi' });
  await recordCashFee(await orgCtx(app), { studentId: student.id, cycleId, amountMinor: extra });
  return student;
}
const creditOf = async (studentId: string) =>
  (await owner.get(`/api/mess/students/${studentId}/credit`)).json();
const newestDues = async (studentId: string) =>
  (await owner.get(`/api/mess/students/${studentId}/dues`)).json().cycles[0];
const messages = async (to: string) =>
  (
    await app.database.pool.query<{ body: string }>(
      `select body from notification where template = 'mess.payment_refunded' and recipient = $1`,
      [to],
    )
  ).rows.map((r) => r.body);

describe('mess: paying back credit', () => {
  it('pays back part of an over-payment in cash; the dues follow and the student is told in Hindi', async () => {
    const student = await overPaid(50_000, '7001001');
    expect(await creditOf(student.id)).toEqual({ creditMinor: 50_000, currency: 'INR' });
    expect((await newestDues(student.id)).balanceMinor).toBe(-50_000);
    const res = await owner.post(`/api/mess/students/${student.id}/pay-back`, {
      amountMinor: 20_000,
      reason: 'छात्र ने मेस छोड़ दी',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().refunds).toMatchObject([
      { status: 'succeeded', method: 'cash', amount: { amountMinor: 20_000 } },
    ]);
    expect(await creditOf(student.id)).toEqual({ creditMinor: 30_000, currency: 'INR' });
    expect(await newestDues(student.id)).toMatchObject({ paidMinor: 330_000, balanceMinor: -30_000 });
    const [told] = await messages('7001001');
    expect(told).toMatch(/वापस/);
    const tooMuch = await owner.post(`/api/mess/students/${student.id}/pay-back`, {
      amountMinor: 30_001,
      reason: 'x',
    });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().code).toBe('mess.no_credit');
  });

  it('an ops pay-back waits for a second person and holds the credit meanwhile; the dues follow on approval', async () => {
    const student = await overPaid(10_000, '7001002');
    const res = await ops.post(`/api/mess/students/${student.id}/pay-back`, { reason: 'left the hostel' });
    expect(res.statusCode).toBe(200);
    const [refund] = res.json().refunds;
    expect(refund.status).toBe('awaiting_approval');
    // Not gone back yet: the dues still show the credit, but it cannot be paid back twice.
    expect((await newestDues(student.id)).balanceMinor).toBe(-10_000);
    expect((await creditOf(student.id)).creditMinor).toBe(0);
    expect((await owner.post(`/api/refunds/${refund.id}/approve`)).json().status).toBe('succeeded');
    expect(await newestDues(student.id)).toMatchObject({ paidMinor: 300_000, balanceMinor: 0 });
  });

  it('a refund from the payments screen moves the dues too, and the student turns up owing', async () => {
    const student = await createStudent(app, { telegramId: '7001003', paidCycleId: cycleId });
    const payments = (await owner.get(`/api/payments?purposeType=mess.cycle_fee`)).json().items as Array<{
      id: string;
      purpose: { id: string };
    }>;
    const fee = payments.find((p) => p.purpose.id.startsWith(student.id))!;
    const refund = await owner.post(`/api/payments/${fee.id}/refunds`, {
      amount: { amountMinor: 100_000, currency: 'INR' },
      method: 'cash',
      reason: 'fee charged twice by the office',
    });
    expect(refund.statusCode).toBe(201);
    expect(await newestDues(student.id)).toMatchObject({ paidMinor: 200_000 });
    expect((await newestDues(student.id)).balanceMinor).toBeGreaterThan(0);
    const defaulters = (await owner.get('/api/mess/reports/defaulters')).json();
    expect(JSON.stringify(defaulters)).toContain(student.id);
  });
});
