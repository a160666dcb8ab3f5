import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCtx } from '../../../../test/factories/org.ts';
import { createMessSetup, createStudent } from '../../../../test/factories/student.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { type MomoSandbox, startMomoSandbox } from '../../../channels/momo/index.ts';
import { searchAudit } from '../../../core/audit/index.ts';
import { fixedClock } from '../../../platform/clock/index.ts';
import { LUNCH_MONDAY, TZ_ENV } from './mess-fixture.ts';

/*
 * Issue 62, the mess's `failed` step: a fee paid by MoMo and refunded from the payments screen, which
 * MTN will not pay back. The dues only count money that came back, so they never changed; the credit
 * the refund held is free again, the student is told nothing, and the student's history says it failed.
 */
let momo: MomoSandbox;
let app: TestApp;
let owner: ApiClient;
let cycleId: string;

beforeAll(async () => {
  momo = await startMomoSandbox({ dropCallbacks: true });
  app = await startTestApp({ clock: fixedClock(LUNCH_MONDAY), env: { ...TZ_ENV, ...momo.appEnv() } });
  await app.startWorker();
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  owner = await app.signIn('owner@example.com');
  ({ cycleId } = await createMessSetup(app));
}, 60_000);
afterAll(async () => {
  await app?.close();
  await momo?.close();
});

const inr = (amountMinor: number) => ({ amountMinor, currency: 'INR' });

describe('mess: a refund MTN will not pay back', () => {
  it('fails for good: the dues, the defaulters and the credit are as before it, the student hears nothing, the history says so', async () => {
    const student = await createStudent(app, { telegramId: '7002001', language: 'hi' });
    const asked = await owner.post('/api/payments/mobile-money', {
      provider: 'momo',
      amount: inr(320_000),
      msisdn: '+250788000111',
      purpose: { type: 'mess.cycle_fee', id: `${student.id}:${cycleId}` },
    });
    expect(asked.statusCode, asked.body).toBe(202);
    const paymentId = asked.json().id as string;
    await momo.waitForRequestToPay((r) => r.referenceId === paymentId);
    await momo.settle(paymentId, 'SUCCESSFUL');
    const duesOf = async () =>
      (await owner.get(`/api/mess/students/${student.id}/dues`))
        .json()
        .cycles.find((c: { cycleId: string }) => c.cycleId === cycleId);
    await eventually(
      async () => {
        await owner.post(`/api/payments/${paymentId}/check`);
        return (await duesOf())?.paidMinor === 320_000;
      },
      { what: 'the MoMo fee to count in the dues' },
    );
    const views = async () => ({
      dues: await duesOf(),
      credit: (await owner.get(`/api/mess/students/${student.id}/credit`)).json(),
      defaulters: (await owner.get('/api/mess/reports/defaulters')).json().items.length,
    });
    const before = await views();
    expect(before.credit).toMatchObject({ creditMinor: 20_000, onTheWayMinor: 0 });

    momo.failNextRefunds(1, 'PAYEE_NOT_FOUND');
    const refund = await owner.post(`/api/payments/${paymentId}/refunds`, {
      amount: inr(20_000),
      method: 'momo',
      reason: 'over-paid',
    });
    expect(refund.statusCode, refund.body).toBe(201);
    const id = refund.json().id as string;
    await eventually(
      async () => {
        await owner.post(`/api/refunds/${id}/check`);
        return (await owner.get(`/api/refunds/${id}`)).json().status === 'failed';
      },
      { what: 'MTN to fail the refund' },
    );

    expect(await views()).toEqual(before);
    const told = await app.database.pool.query(
      `select 1 from notification where template = 'mess.payment_refunded' and recipient = '7002001'`,
    );
    expect(told.rows).toHaveLength(0);
    const history = await searchAudit(await orgCtx(app), {
      subjectType: 'mess_student',
      subjectId: student.id,
      limit: 20,
    });
    expect(history.items.find((e) => e.action === 'mess.fee.refund_failed')).toMatchObject({
      after: { paymentId, refundId: id, amountMinor: 20_000, currency: 'INR' },
    });
  });
});
