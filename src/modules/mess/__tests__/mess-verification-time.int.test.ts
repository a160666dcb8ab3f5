import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPayment } from '../../../../test/factories/payment.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { createMessSetup, createStudent } from '../../../../test/factories/student.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { shiftableClock } from '../../../../test/support/test-clock.ts';
import { feePurpose } from '../fee-payments.ts';
import { TZ_ENV } from './mess-fixture.ts';

/**
 * Payment verification time (the mess seed's metric, issue 41 item 23): how long fee proofs wait
 * between the student sending them and a warden's decision, in the reports the manager reads and
 * on /metrics.
 */
const METRICS_TOKEN = 'mess-verification-0123456789';
const clock = shiftableClock();
let app: TestApp;
let owner: ApiClient;
let cycleId: string;

beforeAll(async () => {
  app = await startTestApp({ clock, env: { ...TZ_ENV, OPSDESK_METRICS_TOKEN: METRICS_TOKEN } });
  owner = await signedInStaff(app, { role: 'owner' });
  ({ cycleId } = await createMessSetup(app));
}, 60_000);
afterAll(() => app?.close());

describe('payment verification time', () => {
  it('reports the median wait of decided proofs and the oldest one waiting, and exports them', async () => {
    const first = await createStudent(app, { rollNumber: 'WAIT-1' });
    const second = await createStudent(app, { rollNumber: 'WAIT-2' });
    const proof = (studentId: string) =>
      createPayment(app, { purpose: feePurpose(studentId, cycleId), amountMinor: 300_000, currency: 'INR' });
    const sent = await proof(first.id);
    clock.advance(3 * 3600_000);
    const verified = await owner.post(`/api/payments/${sent.id}/verify`, {});
    expect(verified.statusCode, verified.body).toBe(200);
    await proof(second.id);
    clock.advance(3600_000);

    const summary = await owner.get('/api/mess/reports/summary');
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json().verification).toEqual({
      decided: 1,
      medianHours: 3,
      slowestHours: 3,
      waiting: 1,
      oldestWaitingHours: 1,
    });

    const text = (await app.withToken(METRICS_TOKEN).get('/metrics')).body;
    const median = text.match(
      /^opsdesk_mess_payment_verification_seconds\{org="[0-9a-f-]+",quantile="0.5"\} (\d+)/m,
    );
    expect(Math.round(Number(median?.[1]) / 60)).toBe(180);
    const oldest = text.match(/^opsdesk_mess_payments_waiting_seconds\{org="[0-9a-f-]+"\} (\d+)/m);
    expect(Math.round(Number(oldest?.[1]) / 60)).toBe(60);
  });
});
