import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { createMessSetup, createStudent } from '../../../../test/factories/student.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { fixedClock } from '../../../platform/clock/index.ts';
import { LUNCH_MONDAY, scan, TZ_ENV } from './mess-fixture.ts';

const clock = fixedClock(LUNCH_MONDAY);
let app: TestApp;
let owner: ApiClient;
let scanner: ApiClient;

beforeAll(async () => {
  app = await startTestApp({ clock, env: TZ_ENV });
  owner = await signedInStaff(app, { role: 'owner' });
  scanner = await signedInStaff(app, { role: 'scanner' });
  const { cycleId } = await createMessSetup(app);
  await createStudent(app, { name: 'Asha Verma', rollNumber: 'CS101', paidCycleId: cycleId });
  const bina = await createStudent(app, { name: 'Bina Rao', rollNumber: 'CS102', paidCycleId: cycleId });
  await createStudent(app, { name: 'Chetan Das', rollNumber: 'CS103' }); // approved, fee not paid
  await createStudent(app, { name: 'Dev Pending', rollNumber: 'CS104', status: 'pending' });
  // Bina is away tomorrow (booked before the 23:00 cutoff).
  const cut = await owner.post(`/api/mess/students/${bina.id}/cuts`, {
    from: '2026-11-24',
    to: '2026-11-24',
  });
  expect(cut.statusCode, cut.body).toBe(201);
  const scans = [
    scan('2026-11-23T13:01:00+05:30', { rollNumber: 'CS101' }),
    scan('2026-11-23T13:03:00+05:30', { rollNumber: 'CS101' }),
    scan('2026-11-23T13:05:00+05:30', { rollNumber: 'CS103' }),
  ];
  // Sent after the last of them (a scan is never dated ahead of the server's clock).
  clock.set('2026-11-23T13:10:00+05:30');
  const res = await scanner.post('/api/mess/scans', { deviceId: 'gate-1', scans });
  expect(res.json().results.map((r: { reason: string | null }) => r.reason)).toEqual([
    null,
    'already_served',
    'payment_due',
  ]);
  clock.set(LUNCH_MONDAY);
});
afterAll(() => app.close());

describe('mess reports for the manager and the kitchen', () => {
  it('summarizes meals served and denied, denial reasons, fees per cycle, cuts and pending approvals', async () => {
    const res = await owner.get('/api/mess/reports/summary?from=2026-11-23&to=2026-11-24');
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    const lunch = s.meals.find((m: { meal: string }) => m.meal === 'Lunch');
    expect(lunch).toEqual({ date: '2026-11-23', meal: 'Lunch', allowed: 1, denied: 1 });
    // An unpaid student is refused before any meal window is looked at, so that denial has no meal.
    const denied = s.meals.reduce((n: number, m: { denied: number }) => n + m.denied, 0);
    expect(denied).toBe(2);
    expect(s.denials).toEqual(
      expect.arrayContaining([
        { reason: 'already_served', count: 1 },
        { reason: 'payment_due', count: 1 },
      ]),
    );
    expect(s.payments).toMatchObject([
      { name: 'November 2026', currency: 'INR', paidMinor: 600_000, students: 2 },
    ]);
    expect(s.cuts).toEqual({ cuts: 1, students: 1 });
    // Registered and approved at the same moment of the app's clock (a database default on the wall
    // clock made this about -50 hours here, with the clock two days behind it).
    expect(s.approvals).toMatchObject({ pending: 1, decided: 3, avgHours: 0 });
  });

  it('forecasts the next meals: eligible students minus cuts, scaled by attendance', async () => {
    const res = await owner.get('/api/mess/reports/forecast?count=4');
    expect(res.statusCode, res.body).toBe(200);
    const windows = res.json() as Array<{
      windowKey: string;
      mealName: string;
      eligible: number;
      expected: number;
      attendanceRate: number;
    }>;
    // Lunch is being served now, so it is the first window still to plan for.
    expect(windows.map((w) => `${w.windowKey.slice(0, 10)} ${w.mealName}`)).toEqual([
      '2026-11-23 Lunch',
      '2026-11-23 Dinner',
      '2026-11-24 Breakfast',
      '2026-11-24 Lunch',
    ]);
    const [, dinnerToday, breakfastTomorrow] = windows;
    // The kitchen cooks for every approved student (paid or not) who is not on a cut.
    expect(dinnerToday!.eligible).toBe(3);
    expect(breakfastTomorrow!.eligible).toBe(2); // Bina is on a mess cut tomorrow
    for (const w of windows) {
      expect(w.attendanceRate).toBeGreaterThanOrEqual(0);
      expect(w.attendanceRate).toBeLessThanOrEqual(1);
      expect(w.expected).toBeLessThanOrEqual(w.eligible);
    }
  });

  it('prints a PDF sheet with one QR pass per approved student, for students without phones', async () => {
    const res = await owner.post('/api/mess/passes.pdf', {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="meal-passes.pdf"');
    const pdf = res.rawPayload.toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    // One QR image (with its transparency mask) per approved student: Asha, Bina and Chetan.
    expect(pdf.match(/\/SMask \d+ 0 R/g)).toHaveLength(3);
    expect((await scanner.post('/api/mess/passes.pdf', {})).statusCode).toBe(403);
  });

  it('signs (and audits) passes only on a POST carrying the CSRF token: a cross-site link or form changes nothing', async () => {
    const audited = async () =>
      Number(
        (
          await app.database.pool.query<{ n: string }>(
            `select count(*) as n from audit_event where action like 'passes.pass.%'`,
          )
        ).rows[0]!.n,
      );
    const before = await audited();
    // What a link on another site makes the browser send: a GET with the session cookie.
    const link = await owner.get('/api/mess/passes.pdf');
    expect(link.statusCode).toBe(404);
    // What a form on another site sends: a POST with the cookie but without the console's CSRF token.
    const form = await owner.post('/api/mess/passes.pdf', {}, { 'x-csrf-token': 'forged' });
    expect(form.statusCode).toBe(403);
    expect(form.json().code).toBe('csrf_failed');
    expect(await audited(), 'no pass signed, nothing audited').toBe(before);

    const students = await app.database.pool.query<{ id: string }>(
      `select id from mess_student where roll_number = 'CS101'`,
    );
    const one = await owner.post('/api/mess/passes.pdf', { ids: [students.rows[0]!.id] });
    expect(one.statusCode, one.body).toBe(200);
    expect(await audited(), 'the deliberate print is audited, one pass').toBe(before + 1);
    const bad = await owner.post('/api/mess/passes.pdf', { ids: ['not-a-uuid'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.ids.0');
  });
});
