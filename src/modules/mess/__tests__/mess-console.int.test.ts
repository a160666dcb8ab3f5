import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCtx } from '../../../../test/factories/org.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { createMessSetup, createStudent } from '../../../../test/factories/student.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { fixedClock } from '../../../platform/clock/index.ts';
import type { MessTables } from '../mess.tables.ts';
import { acceptWardenInvite } from '../warden-invites.ts';
import { LUNCH_MONDAY, scan, TZ_ENV } from './mess-fixture.ts';

/**
 * What the mess manager's console screens call (issue 13): meals, closures and cycles through
 * the generated resource forms, a student's page in one read, a cut booked and cancelled on the
 * student's behalf, and only the actions valid in each student's state.
 */
let app: TestApp;
let owner: ApiClient;
let ops: ApiClient;
let cycleId: string;

beforeAll(async () => {
  app = await startTestApp({ clock: fixedClock(LUNCH_MONDAY), env: TZ_ENV });
  owner = await signedInStaff(app, { role: 'owner' });
  ops = await signedInStaff(app, { role: 'ops' });
  ({ cycleId } = await createMessSetup(app));
}, 60_000);
afterAll(() => app?.close());

const db = () => app.database.db.withTables<MessTables>();

describe('mess manager screens', () => {
  it('adds and edits a meal window, a closure and a billing cycle through the resource forms', async () => {
    const bad = await owner.post('/api/mess/console/meals', { name: 'Snacks', start: '5pm', end: '18:00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('body.start');
    const meal = await owner.post('/api/mess/console/meals', {
      name: 'Snacks',
      start: '17:00',
      end: '18:00',
    });
    expect(meal.statusCode, meal.body).toBe(201);
    const id = meal.json().id;
    const inverted = await owner.patch(`/api/mess/console/meals/${id}`, { end: '16:00' });
    expect(inverted.json().code).toBe('mess.meal_invalid');
    expect((await owner.patch(`/api/mess/console/meals/${id}`, { end: '18:30' })).statusCode).toBe(200);
    expect(
      await db()
        .selectFrom('mess_meal')
        .select(['start_time', 'end_time'])
        .where('id', '=', id)
        .executeTakeFirst(),
    ).toEqual({ start_time: '17:00', end_time: '18:30' });

    const closure = await owner.post('/api/mess/console/closures', { date: '2026-11-30', reason: 'Holiday' });
    expect(closure.statusCode, closure.body).toBe(201);
    const cycle = await owner.post('/api/mess/console/cycles', {
      name: 'December 2026',
      from: '2026-12-01',
      to: '2026-12-31',
      currency: 'INR',
      feeMinor: 310_000,
      rebatePerDayMinor: 8_000,
    });
    expect(cycle.statusCode, cycle.body).toBe(201);
    const listedRes = await owner.get('/api/mess/console/cycles');
    expect(listedRes.statusCode, listedRes.body).toBe(200);
    const listed = listedRes.json();
    expect(listed.items.map((c: { name: string }) => c.name)).toEqual(['December 2026', 'November 2026']);
    // Setup is the manager's: ops staff see it but cannot change it.
    expect((await ops.post('/api/mess/console/closures', { date: '2026-12-01' })).statusCode).toBe(403);
  });

  it('edits a billing cycle within the cycle rules, audited with what changed', async () => {
    const december = (await owner.get('/api/mess/console/cycles?q=December')).json().items[0];
    const url = `/api/mess/console/cycles/${december.id}`;
    // Nobody paid toward December yet: its fee and days may change.
    const edited = await owner.patch(url, { name: 'December', feeMinor: 320_000, to: '2026-12-30' });
    expect(edited.statusCode, edited.body).toBe(200);
    const overlap = await owner.patch(url, { from: '2026-11-30' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json()).toMatchObject({
      code: 'mess.cycle_overlap',
      details: { cycle: 'November 2026', from: '2026-11-01', to: '2026-11-30' },
    });
    const inverted = await owner.patch(url, { to: '2026-11-15' });
    expect(inverted.json().code).toBe('mess.cycle_range_invalid');
    expect(
      await db()
        .selectFrom('mess_cycle')
        .select(['name', 'from_date', 'to_date', 'fee_minor'])
        .where('id', '=', december.id)
        .executeTakeFirst(),
    ).toEqual({ name: 'December', from_date: '2026-12-01', to_date: '2026-12-30', fee_minor: '320000' });
    const audit = await app.database.db
      .withTables<{ audit_event: { action: string; subject_id: string; before: unknown; after: unknown } }>()
      .selectFrom('audit_event')
      .select(['before', 'after'])
      .where('action', '=', 'mess.cycle.updated')
      .where('subject_id', '=', december.id)
      .execute();
    expect(audit).toEqual([
      {
        before: { name: 'December 2026', to: '2026-12-31', feeMinor: 310_000 },
        after: { name: 'December', to: '2026-12-30', feeMinor: 320_000 },
      },
    ]);

    // A student paid toward November: its dues stay as billed, only its name may change.
    await createStudent(app, { rollNumber: 'BILLED-1', paidCycleId: cycleId });
    const november = `/api/mess/console/cycles/${cycleId}`;
    const fee = await owner.patch(november, { feeMinor: 350_000 });
    expect(fee.statusCode).toBe(409);
    expect(fee.json()).toMatchObject({ code: 'mess.cycle_billed', details: { fields: 'feeMinor' } });
    expect((await owner.patch(november, { to: '2026-11-29' })).json().code).toBe('mess.cycle_billed');
    expect((await owner.patch(november, { name: 'November 2026 (mess)' })).statusCode).toBe(200);
    const stored = await db()
      .selectFrom('mess_cycle')
      .select(['name', 'fee_minor', 'to_date'])
      .where('id', '=', cycleId)
      .executeTakeFirst();
    expect(stored).toEqual({ name: 'November 2026 (mess)', fee_minor: '300000', to_date: '2026-11-30' });
    expect((await ops.patch(november, { name: 'x' })).statusCode).toBe(403);
    await owner.patch(november, { name: 'November 2026' }); // the next tests read it by its name

    // The payments list says what each payment is for in words, filterable by the declared types.
    const described = (await owner.get('/api/resources')).json();
    const purpose = described
      .find((r: { name: string }) => r.name === 'payments.payments')
      .columns.find((c: { name: string }) => c.name === 'purposeType');
    expect(purpose).toMatchObject({ type: 'enum', filter: 'enum' });
    expect(purpose.options).toContainEqual({ value: 'mess.cycle_fee', label: 'mess.purposeType.cycle_fee' });
    const fees = (await owner.get('/api/payments/records?purposeType=mess.cycle_fee')).json();
    expect(fees.items.length).toBeGreaterThan(0);
    expect(fees.items.every((p: { purposeType: string }) => p.purposeType === 'mess.cycle_fee')).toBe(true);
    expect((await owner.get('/api/payments/records?purposeType=nothing.here')).statusCode).toBe(400);
  });

  it('closes one meal of a day: that meal is refused at the counter, the others are served', async () => {
    const breakfast = await db()
      .selectFrom('mess_meal')
      .select('id')
      .where('name', '=', 'Breakfast')
      .executeTakeFirstOrThrow();
    const closure = await owner.post('/api/mess/console/closures', {
      date: '2026-11-23',
      mealIds: [breakfast.id],
      reason: 'Kitchen repairs',
    });
    expect(closure.statusCode, closure.body).toBe(201);
    expect(
      await db()
        .selectFrom('mess_closure')
        .select(['meal_ids', 'reason'])
        .where('id', '=', closure.json().id)
        .executeTakeFirst(),
    ).toEqual({ meal_ids: [breakfast.id], reason: 'Kitchen repairs' });
    const listed = (await owner.get('/api/mess/console/closures?date=2026-11-23')).json().items;
    expect(listed).toMatchObject([{ date: '2026-11-23', meals: 'Breakfast', reason: 'Kitchen repairs' }]);

    await createStudent(app, { rollNumber: 'CLOSED-1', paidCycleId: cycleId });
    const scanner = await signedInStaff(app, { role: 'scanner' });
    const res = await scanner.post('/api/mess/scans', {
      deviceId: 'gate-closure',
      scans: [
        scan('2026-11-23T08:00:00+05:30', { rollNumber: 'CLOSED-1' }),
        scan('2026-11-23T12:45:00+05:30', { rollNumber: 'CLOSED-1' }),
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res.json().results.map((r: { decision: string; reason: string | null }) => [r.decision, r.reason]),
    ).toEqual([
      ['denied', 'mess_closed'],
      ['allowed', null],
    ]);
  });

  it("offers on each student only the actions valid in the student's state", async () => {
    const pending = await createStudent(app, { status: 'pending', rollNumber: 'ACT-P' });
    const approved = await createStudent(app, { rollNumber: 'ACT-A' });
    const list = (await owner.get('/api/mess/students?q=ACT')).json();
    const actionsOf = (id: string) => list.items.find((s: { id: string }) => s.id === id)._actions;
    expect(actionsOf(pending.id)).toEqual(['approve', 'deny']);
    expect(actionsOf(approved.id)).toEqual(['suspend', 'reissue-pass']);
  });

  it("shows a student's dues, payments, cuts and scans in one read; books and cancels a cut on their behalf", async () => {
    const student = await createStudent(app, { rollNumber: 'PAGE-1', name: 'Asha Rao' });
    // Monday 13:00 in Kolkata, cut-off 23:00: tomorrow is the earliest start.
    const booked = await ops.post(`/api/mess/students/${student.id}/cuts`, {
      from: '2026-11-24',
      to: '2026-11-26',
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const page = (await ops.get(`/api/mess/students/${student.id}/overview`)).json();
    expect(page).toMatchObject({
      student: { name: 'Asha Rao', status: 'approved' },
      timeZone: 'Asia/Kolkata',
      cutoffTime: '23:00',
      earliestCutStart: '2026-11-24',
      cuts: [{ from: '2026-11-24', to: '2026-11-26', cancellable: true }],
      scans: [],
    });
    // Three cut days and the full-day closure of 30 November (the first test's holiday), which is a
    // rebate day for every student (mess.rules: closures are rebated automatically).
    expect(page.dues.cycles[0]).toMatchObject({ name: 'November 2026', cutDays: 3, rebateMinor: 32_000 });

    const cash = await owner.post(`/api/mess/students/${student.id}/cash-payments`, {
      cycleId: page.dues.cycles[0].cycleId,
      amountMinor: 100_000,
    });
    expect(cash.statusCode, cash.body).toBe(201);
    const after = (await ops.get(`/api/mess/students/${student.id}/overview`)).json();
    expect(after.payments).toMatchObject([
      { amountMinor: 100_000, method: 'manual', cycle: 'November 2026' },
    ]);

    const cancelled = await ops.delete(`/api/mess/students/${student.id}/cuts/${page.cuts[0].id}`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toEqual({ removed: { from: '2026-11-24', to: '2026-11-26' }, kept: null });
    expect(
      await db().selectFrom('mess_cut').select('id').where('student_id', '=', student.id).execute(),
    ).toEqual([]);
    const again = await ops.delete(`/api/mess/students/${student.id}/cuts/${page.cuts[0].id}`);
    expect(again.json().code).toBe('mess.cut_not_found');
  });

  it('lists the defaulters of the current cycle and reminds them all once a day on Telegram', async () => {
    const owes = await createStudent(app, { rollNumber: 'DUE-1', telegramId: '7201' });
    const paid = await createStudent(app, { rollNumber: 'DUE-2', telegramId: '7202', paidCycleId: cycleId });
    await createStudent(app, { rollNumber: 'DUE-3' });
    const list = (await ops.get('/api/mess/reports/defaulters')).json();
    const rolls = list.items.map((d: { rollNumber: string }) => d.rollNumber);
    expect(rolls).toEqual(expect.arrayContaining(['DUE-1', 'DUE-3']));
    expect(rolls).not.toContain('DUE-2');
    expect(list.items.find((d: { id: string }) => d.id === owes.id)).toMatchObject({
      // the fee less the closed day of 30 November
      balanceMinor: 292_000,
      reachable: true,
    });
    expect(paid.status).toBe('approved');

    const templates = () =>
      app.database.db
        .withTables<{ v_notifications_notification: { template: string; org_id: string } }>()
        .selectFrom('v_notifications_notification')
        .select('template')
        .where('template', '=', 'mess.fee_reminder')
        .execute();
    const first = await ops.post('/api/mess/defaulters/remind', {});
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().reminded).toBe(1);
    expect(await templates()).toHaveLength(1);
    // Pressed again the same day: nothing new is queued.
    await ops.post('/api/mess/defaulters/remind', {});
    expect(await templates()).toHaveLength(1);
  });

  it("prints the selected students' passes as one PDF, one QR per approved student", async () => {
    const one = await createStudent(app, { rollNumber: 'PRINT-1' });
    const two = await createStudent(app, { rollNumber: 'PRINT-2' });
    const waiting = await createStudent(app, { rollNumber: 'PRINT-3', status: 'pending' });
    const described = (await owner.get('/api/resources')).json();
    expect(described.find((r: { name: string }) => r.name === 'mess.students').downloads).toEqual([
      { name: 'passes', label: 'mess.actions.printPasses', allowed: true },
    ]);
    const res = await owner.post('/api/mess/students/downloads/passes', {
      ids: [one.id, two.id, waiting.id],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="meal-passes.pdf"');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    // One QR per approved student (the pending one has no pass yet): twice the images of one pass.
    const images = (pdf: Buffer) => pdf.toString('latin1').match(/\/Subtype \/Image/g)?.length ?? 0;
    const single = await owner.post('/api/mess/students/downloads/passes', { ids: [one.id] });
    expect(images(single.rawPayload)).toBeGreaterThan(0);
    expect(images(res.rawPayload)).toBe(2 * images(single.rawPayload));
    const unknown = await owner.post('/api/mess/students/downloads/passes', {
      ids: [one.id, '00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(404);
    const viewer = await signedInStaff(app, { role: 'viewer' });
    expect((await viewer.post('/api/mess/students/downloads/passes', { ids: [one.id] })).statusCode).toBe(
      403,
    );
  });

  it('exports the report as a PDF in the reader’s language, Hindi in an embedded Devanagari font', async () => {
    const res = await ops.get('/api/mess/reports/summary.pdf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    await createStudent(app, { name: 'आशा वर्मा', rollNumber: 'HINDI-1', paidCycleId: cycleId });
    const hindi = await ops.get('/api/mess/reports/summary.pdf?lang=hi');
    expect(hindi.statusCode).toBe(200);
    const text = hindi.rawPayload.toString('latin1');
    // Both faces are subsets embedded in the file; none of the PDF's built-in fonts is used.
    expect(text.match(/\/BaseFont \/[A-Z]{6}\+NotoSansDevanagari/g)?.length).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain('Helvetica');
    mkdirSync('test-results/pdf', { recursive: true });
    writeFileSync('test-results/pdf/mess-report-hi.pdf', hindi.rawPayload);
    expect((await ops.get('/api/mess/reports/summary.pdf?lang=fr')).statusCode).toBe(400);
  });

  it('refuses an invite link after 24 hours and after its first use', async () => {
    const invite = (await owner.post('/api/mess/warden-invites', {})).json();
    expect(invite.link).toBeNull(); // no Telegram bot in this app: the warden sends the command instead
    const token = invite.startCommand.slice('/start w_'.length);
    const ctx = await orgCtx(app);
    const later = {
      ...ctx,
      clock: fixedClock(new Date(Date.parse(LUNCH_MONDAY) + 25 * 3_600_000).toISOString()),
    };
    expect(await acceptWardenInvite(later, { token, telegramId: '9301', name: 'Late' })).toBe('expired');
    expect(await acceptWardenInvite(ctx, { token: 'nope', telegramId: '9301', name: null })).toBe('unknown');
    expect(await acceptWardenInvite(ctx, { token, telegramId: '9301', name: 'Ravi' })).toBe('joined');
    expect(await acceptWardenInvite(ctx, { token, telegramId: '9302', name: 'Other' })).toBe('used');
    expect((await owner.get('/api/mess/settings')).json().adminTelegramIds).toEqual(['9301']);
  });
});
