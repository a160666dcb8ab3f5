import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { createMessSetup, createStudent } from '../../../../test/factories/student.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { fixedClock } from '../../../platform/clock/index.ts';
import { decodeQr, LUNCH_MONDAY, scan, TZ_ENV } from './mess-fixture.ts';

const clock = fixedClock(LUNCH_MONDAY);
let app: TestApp;
let owner: ApiClient;
let scanner: ApiClient;
let cycleId: string;
let asha: string;
let code: string;

beforeAll(async () => {
  // Sessions outlast the days the clock is moved across (scans are never dated ahead of it).
  app = await startTestApp({ clock, env: { ...TZ_ENV, OPSDESK_SESSION_HOURS: String(24 * 30) } });
  owner = await signedInStaff(app, { role: 'owner' });
  scanner = await signedInStaff(app, { role: 'scanner' });
  ({ cycleId } = await createMessSetup(app));
  asha = (await createStudent(app, { name: 'Asha Verma', rollNumber: 'CS101', paidCycleId: cycleId })).id;
  const png = await owner.get(`/api/mess/students/${asha}/pass.png`);
  expect(png.statusCode).toBe(200);
  code = decodeQr(png.rawPayload);
});
afterAll(() => app.close());
// A test that scans later than Monday's lunch moves the clock past its scans (a scan is never dated
// in the future); each starts again at Monday's lunch.
afterEach(() => clock.set(LUNCH_MONDAY));

const post = (client: ApiClient, deviceId: string, scans: object[]) =>
  client.post('/api/mess/scans', { deviceId, scans });

describe('scans through the API', () => {
  it('allows a signed pass once per window, then says already served; every scan is logged', async () => {
    const first = await post(scanner, 'gate-1', [scan('2026-11-23T13:01:00+05:30', { code })]);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().results[0]).toMatchObject({
      decision: 'allowed',
      reason: null,
      student: { id: asha, name: 'Asha Verma', rollNumber: 'CS101' },
      conflict: false,
      duplicate: false,
    });
    const again = await post(scanner, 'gate-1', [scan('2026-11-23T13:02:00+05:30', { rollNumber: 'cs101' })]);
    expect(again.json().results[0]).toMatchObject({ decision: 'denied', reason: 'already_served' });
    const log = await owner.get('/api/mess/scan-log?rollNumber=CS101');
    expect(log.statusCode, log.body).toBe(200);
    expect(
      log
        .json()
        .items.map((i: { decision: string }) => i.decision)
        .sort(),
    ).toEqual(['allowed', 'denied']);
  });

  it('refuses forged, unknown and unpaid scans with their own reasons', async () => {
    const unpaid = (await createStudent(app, { name: 'Bina Rao', rollNumber: 'CS102' })).id;
    await createStudent(app, { rollNumber: 'CS103', status: 'suspended', paidCycleId: cycleId });
    clock.set('2026-11-23T16:00:00+05:30');
    const forged = `${code.slice(0, -4)}AAAA`;
    const res = await post(scanner, 'gate-1', [
      scan(LUNCH_MONDAY, { code: forged }),
      scan(LUNCH_MONDAY, { code: 'hello' }),
      scan(LUNCH_MONDAY, { rollNumber: 'NOPE1' }),
      scan(LUNCH_MONDAY, { rollNumber: 'CS102' }),
      scan('2026-11-23T16:00:00+05:30', { code }),
      scan(LUNCH_MONDAY, { rollNumber: 'CS103' }),
    ]);
    expect(res.json().results.map((r: { reason: string }) => r.reason)).toEqual([
      'pass_bad_signature',
      'pass_malformed',
      'unknown_student',
      'payment_due',
      'outside_meal_window',
      'suspended',
    ]);
    expect(res.json().results[3].student.id).toBe(unpaid);
  });

  it('refuses a pass after it was re-issued (revoked), and accepts the new one', async () => {
    const reissue = await owner.post('/api/mess/students/actions/reissue-pass', { ids: [asha] });
    expect(reissue.statusCode, reissue.body).toBe(200);
    const dinner = '2026-11-23T20:00:00+05:30';
    clock.set(dinner);
    const old = await post(scanner, 'gate-1', [scan(dinner, { code })]);
    expect(old.json().results[0]).toMatchObject({ decision: 'denied', reason: 'pass_revoked' });
    code = decodeQr((await owner.get(`/api/mess/students/${asha}/pass.png`)).rawPayload);
    expect((await post(scanner, 'gate-1', [scan(dinner, { code })])).json().results[0].decision).toBe(
      'allowed',
    );
  });
});

describe('pass keys at the counter', () => {
  it('accepts a pass signed with a key rotated in after the counter cached the keys', async () => {
    // The keys are cached by the earlier scans; a new active key must not read as unknown.
    const rotated = await owner.post('/api/passes/keys/rotate', {});
    expect(rotated.statusCode, rotated.body).toBe(200);
    const chitra = (
      await createStudent(app, { name: 'Chitra Nair', rollNumber: 'CS104', paidCycleId: cycleId })
    ).id;
    const fresh = decodeQr((await owner.get(`/api/mess/students/${chitra}/pass.png`)).rawPayload);
    const res = await post(scanner, 'gate-2', [scan(LUNCH_MONDAY, { code: fresh })]);
    expect(res.json().results[0]).toMatchObject({ decision: 'allowed', student: { id: chitra } });
    const stored = await app.database.pool.query<{ decision: string }>(
      'select decision from mess_scan where student_id = $1',
      [chitra],
    );
    expect(stored.rows.map((r) => r.decision)).toEqual(['allowed']);
  });
});

describe('offline sync', () => {
  it('keeps each scan once and records a conflict for one pass served in one window on two devices', async () => {
    clock.set('2026-11-24T09:00:00+05:30');
    const breakfast = '2026-11-24T08:00:00+05:30';
    const a = scan(breakfast, { code }, { offline: true, localDecision: 'allowed' });
    const b = scan('2026-11-24T08:05:00+05:30', { code }, { offline: true, localDecision: 'allowed' });
    const fromA = await post(scanner, 'tablet-A', [a]);
    expect(fromA.json().results[0]).toMatchObject({ decision: 'allowed', conflict: false, duplicate: false });
    const fromB = await post(scanner, 'tablet-B', [b]);
    // Tablet B served the student: that is what is recorded, and the server's refusal is the conflict.
    expect(fromB.json().results[0]).toMatchObject({
      decision: 'allowed',
      reason: null,
      serverDecision: 'denied',
      serverReason: 'already_served',
      conflict: true,
    });
    const resent = await post(scanner, 'tablet-B', [b, a]);
    expect(resent.json().results).toMatchObject([
      { nonce: b.nonce, decision: 'allowed', serverDecision: 'denied', conflict: true, duplicate: true },
      { nonce: a.nonce, decision: 'allowed', conflict: false, duplicate: true },
    ]);
    const log = await owner.get(
      '/api/mess/scan-log?windowKey=2026-11-24:' + fromA.json().results[0].student.id,
    );
    expect(log.statusCode).toBe(200);
    const conflicts = await owner.get('/api/mess/conflicts?status=open');
    expect(conflicts.json().items).toHaveLength(1);
    expect(conflicts.json().items[0]).toMatchObject({
      firstDeviceId: 'tablet-A',
      secondDeviceId: 'tablet-B',
      counterDecision: 'allowed',
      serverDecision: 'denied',
      reason: 'already_served',
    });
    const resolve = await owner.post('/api/mess/conflicts/actions/resolve', {
      ids: [conflicts.json().items[0].id],
      input: { resolution: 'Same student, second plate charged' },
    });
    expect(resolve.statusCode, resolve.body).toBe(200);
    expect((await owner.get('/api/mess/conflicts?status=open')).json().items).toHaveLength(0);
  });

  it('judges a synced batch in the order scanned and answers it in the order sent; a replay counts nothing twice', async () => {
    clock.set('2026-11-25T14:00:00+05:30');
    const forged = `${code.slice(0, -4)}AAAA`;
    const served = scan('2026-11-25T08:00:00+05:30', { code }, { offline: true, localDecision: 'allowed' });
    const twice = scan('2026-11-25T08:10:00+05:30', { code }, { offline: true, localDecision: 'denied' });
    const byRoll = scan('2026-11-25T13:05:00+05:30', { rollNumber: 'cs101' }, { offline: true });
    const refused = scan('2026-11-25T08:20:00+05:30', { code: forged }, { offline: true });
    const stranger = scan('2026-11-25T08:30:00+05:30', { rollNumber: 'ZZ999' }, { offline: true });
    // sent out of order, with one scan sent twice in the same batch
    const batch = [byRoll, twice, refused, served, stranger, served];
    const res = await post(scanner, 'tablet-C', batch);
    expect(res.statusCode, res.body).toBe(200);
    const expected = [
      { nonce: byRoll.nonce, decision: 'allowed', reason: null, student: { id: asha } },
      { nonce: twice.nonce, decision: 'denied', reason: 'already_served', conflict: false },
      { nonce: refused.nonce, decision: 'denied', reason: 'pass_bad_signature', student: null },
      { nonce: served.nonce, decision: 'allowed', reason: null, student: { rollNumber: 'CS101' } },
      { nonce: stranger.nonce, decision: 'denied', reason: 'unknown_student', student: null },
      { nonce: served.nonce, decision: 'allowed', duplicate: true },
    ];
    expect(res.json().results).toMatchObject(expected);
    expect(
      res
        .json()
        .results.slice(0, 5)
        .map((r: { duplicate: boolean }) => r.duplicate),
    ).toEqual([false, false, false, false, false]);

    const replay = await post(scanner, 'tablet-C', batch);
    expect(replay.json().results).toMatchObject(expected.map((r) => ({ ...r, duplicate: true })));
    const stored = await app.database.pool.query<{ decision: string; n: number }>(
      `select decision, count(*)::int as n from mess_scan where nonce = any($1::uuid[]) group by decision order by decision`,
      [batch.map((s) => s.nonce)],
    );
    expect(stored.rows).toEqual([
      { decision: 'allowed', n: 2 },
      { decision: 'denied', n: 3 },
    ]);
  });

  it('keeps nothing of a batch with a malformed scan, says which, and takes the good scans when resent', async () => {
    clock.set('2026-11-26T09:00:00+05:30');
    const good = scan('2026-11-26T08:00:00+05:30', { code }, { offline: true, localDecision: 'allowed' });
    const bad = { ...scan('2026-11-26T08:05:00+05:30', { code }), nonce: 'not-a-uuid' };
    const res = await post(scanner, 'tablet-C', [good, bad]);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ errors: [{ field: 'body.scans.1.nonce' }] });
    const none = await app.database.pool.query('select 1 from mess_scan where nonce = $1', [good.nonce]);
    expect(none.rows).toEqual([]);
    const resent = await post(scanner, 'tablet-C', [good]);
    expect(resent.json().results).toMatchObject([{ decision: 'allowed', duplicate: false }]);
  });

  it('gives the scanner a snapshot with keys, versions, students, meals, cycles and who was served', async () => {
    const res = await scanner.get('/api/mess/scanner/snapshot');
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s.timeZone).toBe('Asia/Kolkata');
    expect(s.keys.length).toBeGreaterThan(0);
    expect(s.passVersions[asha]).toBe(2);
    expect(s.students.find((x: { id: string }) => x.id === asha)).toMatchObject({
      status: 'approved',
      paidCycleIds: [cycleId],
    });
    expect(s.meals.map((m: { name: string }) => m.name)).toEqual(['Breakfast', 'Lunch', 'Dinner']);
    expect(s.served).toContainEqual({ studentId: asha, windowKey: expect.stringMatching(/^2026-11-23:/) });
  });
});

describe("an offline counter's verdict (issue 40, item 7)", () => {
  const offline = (at: string, pass: { code?: string; rollNumber?: string }, local: object) =>
    scan(at, pass, { offline: true, ...local });
  const logOf = async (roll: string) =>
    (await owner.get(`/api/mess/scan-log?rollNumber=${roll}`)).json().items as Array<Record<string, unknown>>;
  const openConflictsOf = async (roll: string) =>
    (await owner.get(`/api/mess/conflicts?status=open&rollNumber=${roll}`)).json().items as Array<
      Record<string, unknown>
    >;

  it('records a student the counter turned away on a stale meal list as refused, and the server’s allowance as a conflict', async () => {
    await createStudent(app, { name: 'Dev Malhotra', rollNumber: 'CS201', paidCycleId: cycleId });
    clock.set('2026-11-27T13:30:00+05:30');
    // The phone's meal list was older than lunch: it said "no meal is being served now".
    const turnedAway = offline(
      '2026-11-27T13:10:00+05:30',
      { rollNumber: 'CS201' },
      { localDecision: 'denied', localReason: 'outside_meal_window' },
    );
    const res = await post(scanner, 'tablet-D', [turnedAway]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results[0]).toMatchObject({
      decision: 'denied',
      reason: 'outside_meal_window',
      serverDecision: 'allowed',
      serverReason: null,
      conflict: true,
    });
    expect(await logOf('CS201')).toMatchObject([
      { decision: 'denied', reason: 'outside_meal_window', serverDecision: 'allowed', conflict: true },
    ]);
    expect(await openConflictsOf('CS201')).toMatchObject([
      {
        name: 'Dev Malhotra',
        counterDecision: 'denied',
        serverDecision: 'allowed',
        reason: 'outside_meal_window',
        secondDeviceId: 'tablet-D',
      },
    ]);
    // Not counted as served: back at the counter in the same lunch, the student is served.
    const back = await post(scanner, 'gate-1', [scan('2026-11-27T13:29:00+05:30', { rollNumber: 'CS201' })]);
    expect(back.json().results[0]).toMatchObject({ decision: 'allowed', conflict: false });
    const served = await app.database.pool.query<{ n: number }>(
      `select count(*)::int as n from mess_scan s join mess_student st on st.id = s.student_id
        where st.roll_number = 'CS201' and s.decision = 'allowed'`,
    );
    expect(served.rows[0]!.n).toBe(1);
  });

  it('counts a serving the counter allowed though the server would refuse it, in its meal, as a conflict', async () => {
    await createStudent(app, { name: 'Esha Kapoor', rollNumber: 'CS202' });
    clock.set('2026-11-27T20:30:00+05:30');
    // The phone did not know the fee was unpaid (or was told of a payment the server never saw).
    const fed = offline('2026-11-27T19:45:00+05:30', { rollNumber: 'CS202' }, { localDecision: 'allowed' });
    const res = await post(scanner, 'tablet-D', [fed]);
    expect(res.json().results[0]).toMatchObject({
      decision: 'allowed',
      reason: null,
      serverDecision: 'denied',
      serverReason: 'payment_due',
      conflict: true,
    });
    expect(await openConflictsOf('CS202')).toMatchObject([
      { counterDecision: 'allowed', serverDecision: 'denied', reason: 'payment_due' },
    ]);
    // Served at dinner, where the scan was made: the phones' snapshot counts that window as served.
    const [row] = await logOf('CS202');
    expect(row).toMatchObject({ decision: 'allowed', windowKey: expect.stringMatching(/^2026-11-27:/) });
    const snapshot = (await scanner.get('/api/mess/scanner/snapshot')).json();
    const esha = snapshot.students.find((s: { rollNumber: string }) => s.rollNumber === 'CS202');
    expect(snapshot.served).toContainEqual({ studentId: esha.id, windowKey: row!.windowKey });
  });

  it('agrees silently where the counter and the server agree: no conflict', async () => {
    clock.set('2026-11-28T09:00:00+05:30');
    const res = await post(scanner, 'tablet-D', [
      offline('2026-11-28T08:00:00+05:30', { code }, { localDecision: 'allowed' }),
      offline(
        '2026-11-28T08:01:00+05:30',
        { code },
        { localDecision: 'denied', localReason: 'already_served' },
      ),
    ]);
    expect(res.json().results).toMatchObject([
      { decision: 'allowed', serverDecision: 'allowed', conflict: false },
      { decision: 'denied', serverDecision: 'denied', serverReason: 'already_served', conflict: false },
    ]);
  });

  it('refuses a batch with a scan dated in the future, naming it in problem+json, and keeps none of it', async () => {
    clock.set('2026-11-28T13:00:00+05:30');
    const fine = offline('2026-11-28T12:40:00+05:30', { code }, { localDecision: 'allowed' });
    const ahead = offline('2026-11-28T13:30:00+05:30', { rollNumber: 'CS101' }, { localDecision: 'allowed' });
    const res = await post(scanner, 'tablet-F', [fine, ahead]);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'mess.scan_time_impossible',
      details: { count: 1, nonces: [ahead.nonce] },
      errors: [
        {
          field: 'body.scans.1.scannedAt',
          code: 'in_future',
          expected: `at most ${new Date('2026-11-28T13:02:00+05:30').toISOString()}`,
        },
      ],
    });
    const kept = await app.database.pool.query('select 1 from mess_scan where nonce = any($1::uuid[])', [
      [fine.nonce, ahead.nonce],
    ]);
    expect(kept.rows).toEqual([]);
    // A phone a minute fast is within the clocks' tolerance; the rest of the batch goes through alone.
    const minuteFast = offline(
      '2026-11-28T13:01:00+05:30',
      { rollNumber: 'CS202' },
      { localDecision: 'denied' },
    );
    const resent = await post(scanner, 'tablet-F', [fine, minuteFast]);
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json().results.map((r: { duplicate: boolean }) => r.duplicate)).toEqual([false, false]);
  });

  it('refuses an offline scan dated before its pass was issued, as the phone’s own check does', async () => {
    const fresh = await createStudent(app, { name: 'Farah Ali', rollNumber: 'CS203', paidCycleId: cycleId });
    clock.set('2026-11-28T13:00:00+05:30');
    const issued = decodeQr((await owner.get(`/api/mess/students/${fresh.id}/pass.png`)).rawPayload);
    clock.set('2026-11-28T14:00:00+05:30');
    // The phone's clock said 12:40, twenty minutes before the pass existed.
    const early = offline('2026-11-28T12:40:00+05:30', { code: issued }, { localDecision: 'allowed' });
    const res = await post(scanner, 'tablet-G', [early]);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'mess.scan_time_impossible',
      errors: [{ field: 'body.scans.0.scannedAt', code: 'before_pass_issued' }],
    });
    expect((await logOf('CS203')).length).toBe(0);
    // Within the five minutes of clock difference the phone allows too, it is a scan like any other.
    const justBefore = offline('2026-11-28T12:57:00+05:30', { code: issued }, { localDecision: 'allowed' });
    const ok = await post(scanner, 'tablet-G', [justBefore]);
    expect(ok.json().results[0]).toMatchObject({ decision: 'allowed', serverDecision: 'allowed' });
  });
});

describe('mess cuts are enforced on the server', () => {
  it('refuses a cut for today with problem+json', async () => {
    const res = await owner.post(`/api/mess/students/${asha}/cuts`, { from: '2026-11-23', to: '2026-11-25' });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'mess.cut_same_day' });
  });

  it('refuses a cut for tomorrow after the 23:00 cutoff, accepts it before, and merges overlaps', async () => {
    clock.set('2026-11-23T23:10:00+05:30');
    const late = await owner.post(`/api/mess/students/${asha}/cuts`, {
      from: '2026-11-24',
      to: '2026-11-24',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'mess.cut_after_cutoff' });
    clock.set('2026-11-23T22:50:00+05:30');
    const ok = await owner.post(`/api/mess/students/${asha}/cuts`, { from: '2026-11-24', to: '2026-11-25' });
    expect(ok.statusCode, ok.body).toBe(201);
    const merged = await owner.post(`/api/mess/students/${asha}/cuts`, {
      from: '2026-11-26',
      to: '2026-11-27',
    });
    expect(merged.json()).toMatchObject({ from: '2026-11-24', to: '2026-11-27' });
    const dues = (await owner.get(`/api/mess/students/${asha}/dues`)).json();
    expect(dues.cycles[0]).toMatchObject({ cutDays: 4, rebateMinor: 32_000, dueMinor: 268_000 });
    clock.set('2026-11-25T13:05:00+05:30');
    const lunch = await post(scanner, 'gate-1', [scan('2026-11-25T13:00:00+05:30', { code })]);
    expect(lunch.json().results[0]).toMatchObject({ decision: 'denied', reason: 'mess_cut' });
    clock.set(LUNCH_MONDAY);
  });
});

describe('organization isolation', () => {
  it('another organization sees none of these students and cannot use their passes', async () => {
    await app.createOrg('other-mess', 'owner@other.test');
    const other = await app.signIn('owner@other.test');
    const snap = (await other.get('/api/mess/scanner/snapshot')).json();
    expect(snap.students).toEqual([]);
    const res = await other.post('/api/mess/scans', { deviceId: 'x', scans: [scan(LUNCH_MONDAY, { code })] });
    expect(res.json().results[0]).toMatchObject({
      decision: 'denied',
      reason: 'pass_unknown_key',
      student: null,
    });
    expect((await other.get(`/api/mess/students/${asha}/dues`)).statusCode).toBe(404);
    expect(
      (await other.post(`/api/mess/students/${asha}/cuts`, { from: '2026-12-01', to: '2026-12-01' }))
        .statusCode,
    ).toBe(404);
    expect((await other.get('/api/mess/students')).json().items).toEqual([]);
  });
});
