import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCtx } from '../../../../test/factories/org.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { createMessSetup, createStudent } from '../../../../test/factories/student.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { searchAudit } from '../../../core/audit/index.ts';
import { fixedClock } from '../../../platform/clock/index.ts';
import { LUNCH_MONDAY, TZ_ENV } from './mess-fixture.ts';

/**
 * Cash a student pays at the office (issue 28 item 4): recorded against a cycle with the day it was
 * handed over and a note, settled at once through the core's manual payments, in the dues and on
 * the student's page and history; a day still to come is refused and writes nothing.
 */
let app: TestApp;
let owner: ApiClient;
let viewer: ApiClient;
let cycleId: string;

beforeAll(async () => {
  app = await startTestApp({ clock: fixedClock(LUNCH_MONDAY), env: TZ_ENV });
  owner = await signedInStaff(app, { role: 'owner' });
  viewer = await signedInStaff(app, { role: 'viewer' });
  ({ cycleId } = await createMessSetup(app));
}, 60_000);
afterAll(() => app?.close());

describe('cash fee payments from the console', () => {
  it('records cash with its day and note, once per key, in the dues, the page and the history', async () => {
    const student = await createStudent(app, { name: 'Ravi Kumar', rollNumber: 'CASH-1' });
    const url = `/api/mess/students/${student.id}/cash-payments`;
    const body = { cycleId, amountMinor: 150_000, receivedOn: '2026-11-21', note: 'Receipt book 114' };

    expect((await viewer.post(url, body)).statusCode).toBe(403);
    const first = await owner.post(url, body, { 'idempotency-key': 'cash-ravi-1' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().status).toBe('recorded');
    const again = await owner.post(url, body, { 'idempotency-key': 'cash-ravi-1' });
    expect(again.json().paymentId).toBe(first.json().paymentId);

    const page = (await owner.get(`/api/mess/students/${student.id}/overview`)).json();
    expect(page.payments).toMatchObject([
      {
        id: first.json().paymentId,
        amountMinor: 150_000,
        method: 'manual',
        status: 'recorded',
        receivedOn: '2026-11-21',
        note: 'Receipt book 114',
      },
    ]);
    const dues = (await owner.get(`/api/mess/students/${student.id}/dues`)).json();
    expect(dues.cycles.find((c: { cycleId: string }) => c.cycleId === cycleId).paidMinor).toBe(150_000);

    const ctx = await orgCtx(app);
    const history = await searchAudit(ctx, { subjectType: 'mess_student', subjectId: student.id, limit: 20 });
    const cash = history.items.filter((e) => e.action === 'mess.student.cash_recorded');
    expect(cash).toHaveLength(1);
    expect(cash[0]!.after).toMatchObject({
      amountMinor: 150_000,
      receivedOn: '2026-11-21',
      note: 'Receipt book 114',
    });
  });

  it("takes today in the mess's zone when no day is given", async () => {
    const student = await createStudent(app, { rollNumber: 'CASH-2' });
    const res = await owner.post(`/api/mess/students/${student.id}/cash-payments`, {
      cycleId,
      amountMinor: 5_000,
    });
    expect(res.statusCode, res.body).toBe(201);
    const page = (await owner.get(`/api/mess/students/${student.id}/overview`)).json();
    expect(page.payments[0].receivedOn).toBe('2026-11-23');
  });

  it('refuses a day still to come, a zero amount and an unknown cycle, naming the field, and writes nothing', async () => {
    const student = await createStudent(app, { rollNumber: 'CASH-3' });
    const url = `/api/mess/students/${student.id}/cash-payments`;
    const future = await owner.post(url, { cycleId, amountMinor: 5_000, receivedOn: '2026-11-24' });
    expect(future.statusCode).toBe(422);
    expect(future.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(future.json()).toMatchObject({
      code: 'mess.cash_in_future',
      errors: [{ field: 'body.receivedOn' }],
      details: { receivedOn: '2026-11-24', today: '2026-11-23' },
    });
    const zero = await owner.post(url, { cycleId, amountMinor: 0 });
    expect(zero.statusCode).toBe(400);
    expect(zero.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.amountMinor']);
    const badDay = await owner.post(url, { cycleId, amountMinor: 5_000, receivedOn: '21/11/2026' });
    expect(badDay.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.receivedOn']);
    const unknown = await owner.post(url, { cycleId: crypto.randomUUID(), amountMinor: 5_000 });
    expect(unknown.json().code).toBe('mess.cycle_not_found');
    const page = (await owner.get(`/api/mess/students/${student.id}/overview`)).json();
    expect(page.payments).toEqual([]);
  });
});
