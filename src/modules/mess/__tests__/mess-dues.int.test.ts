import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCtx } from '../../../../test/factories/org.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { createMessSetup, createOctoberCycle, createStudent } from '../../../../test/factories/student.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { fixedClock } from '../../../platform/clock/index.ts';
import type { MessTables } from '../mess.tables.ts';
import { createClosure } from '../setup.ts';
import { LUNCH_MONDAY, scan, TZ_ENV } from './mess-fixture.ts';

/**
 * Closures and cuts in the dues (issue 41, item 7): a day the mess closed all day is rebated to
 * every student, once for a student whose cut covers it; an over-payment's credit pays towards the
 * next cycle, and the scanner counts that cycle paid.
 */
let app: TestApp;
let owner: ApiClient;
let octoberId: string;
let novemberId: string;

beforeAll(async () => {
  app = await startTestApp({ clock: fixedClock(LUNCH_MONDAY), env: TZ_ENV });
  owner = await signedInStaff(app, { role: 'owner' });
  ({ cycleId: novemberId } = await createMessSetup(app));
  octoberId = await createOctoberCycle(app);
  await createClosure(await orgCtx(app), { date: '2026-11-10', mealIds: null, reason: 'Diwali' });
}, 60_000);
afterAll(() => app?.close());

const db = () => app.database.db.withTables<MessTables>();
type Dues = { cycleId: string; cutDays: number; closedDays: number; rebateMinor: number } & Record<
  string,
  number
>;
const duesOf = async (studentId: string, cycleId: string): Promise<Dues> =>
  (await owner.get(`/api/mess/students/${studentId}/dues`))
    .json()
    .cycles.find((c: { cycleId: string }) => c.cycleId === cycleId);

describe('dues with closures and carried credit', () => {
  it('rebates a full-day closure to a student without a cut, and once inside a cut', async () => {
    const plain = await createStudent(app, { rollNumber: 'CLOSED-1' });
    const onCut = await createStudent(app, { rollNumber: 'CLOSED-2' });
    const org = (
      await db()
        .selectFrom('mess_student')
        .select('org_id')
        .where('id', '=', onCut.id)
        .executeTakeFirstOrThrow()
    ).org_id;
    await db()
      .insertInto('mess_cut')
      .values({
        org_id: org,
        student_id: onCut.id,
        from_date: '2026-11-09',
        to_date: '2026-11-11',
        source: 'console',
      })
      .execute();

    expect(await duesOf(plain.id, novemberId)).toMatchObject({
      cutDays: 0,
      closedDays: 1,
      rebateMinor: 8_000,
    });
    expect(await duesOf(onCut.id, novemberId)).toMatchObject({
      cutDays: 2,
      closedDays: 1,
      rebateMinor: 24_000,
      dueMinor: 276_000,
    });
  });

  it("carries an over-payment's credit to the next cycle, which the scanner then counts paid", async () => {
    const student = await createStudent(app, { rollNumber: 'CREDIT-1' });
    const pay = (cycleId: string, amountMinor: number, key: string) =>
      owner.post(
        `/api/mess/students/${student.id}/cash-payments`,
        { cycleId, amountMinor, receivedOn: '2026-11-02' },
        { 'idempotency-key': key },
      );
    expect((await pay(octoberId, 600_000, 'credit-oct')).statusCode).toBe(201);
    const october = await duesOf(student.id, octoberId);
    expect(october).toMatchObject({ balanceMinor: 0, creditOutMinor: 300_000 });
    // November: fee 300,000 minus the closed day's 8,000, all paid by October's credit.
    const november = await duesOf(student.id, novemberId);
    expect(november).toMatchObject({ creditInMinor: 300_000, balanceMinor: -8_000 });

    const gate = await signedInStaff(app, { role: 'scanner' });
    const served = await gate.post('/api/mess/scans', {
      deviceId: 'gate-1',
      scans: [scan(LUNCH_MONDAY, { rollNumber: 'CREDIT-1' })],
    });
    expect(served.statusCode, served.body).toBe(200);
    expect(served.json().results[0]).toMatchObject({ decision: 'allowed' });
  });

  it('counts a closure of no meal named, or of every meal of the day, as the whole day (issue 54 item 1)', async () => {
    const meals = await db().selectFrom('mess_meal').select('id').execute();
    // The console's "none picked: the whole day" sends no meal; picking every meal means the same.
    const none = await owner.post('/api/mess/closures', {
      date: '2026-11-12',
      mealIds: [],
      reason: 'Holiday',
    });
    expect(none.statusCode, none.body).toBe(201);
    const all = await owner.post('/api/mess/closures', {
      date: '2026-11-13',
      mealIds: meals.map((m) => m.id),
      reason: 'Holiday',
    });
    expect(all.statusCode, all.body).toBe(201);
    const stored = await db()
      .selectFrom('mess_closure')
      .select(['date', 'meal_ids'])
      .where('date', 'in', ['2026-11-12', '2026-11-13'])
      .orderBy('date')
      .execute();
    expect(stored.map((c) => c.meal_ids)).toEqual([null, null]);
    const student = await createStudent(app, { rollNumber: 'CLOSED-3' });
    // Diwali, and the two holidays just recorded: three days rebated.
    expect((await duesOf(student.id, novemberId)).closedDays).toBe(3);
  });
});
