import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { createMessSetup, createStudent } from '../../../../test/factories/student.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { fixedClock } from '../../../platform/clock/index.ts';
import { legacySignature } from '../legacy-passes.rules.ts';
import { LUNCH_MONDAY, scan, TZ_ENV } from './mess-fixture.ts';

/** The original system's QR_SECRET and the passes its QRService wrote (`v|id|issued_at|nonce|hmac`). */
const QR_SECRET = 'sahara-qr-signing-secret-2025';
const djangoPass = (o: { v?: number; id: string; nonce: string; secret?: string; issued?: number }) => {
  const message = `${o.v ?? 1}|${o.id}|${o.issued ?? 1_760_000_000}|${o.nonce}`;
  return `${message}|${legacySignature(message, o.secret ?? QR_SECRET)}`;
};
const ASHA_DJANGO = '6f1c2a34-9b1e-4d7a-8c55-0a1b2c3d4e5f';
const RAVI_DJANGO = '0b7e4d2c-1111-4a2b-9c3d-5e6f7a8b9c0d';

const clock = fixedClock(LUNCH_MONDAY);
let app: TestApp;
let owner: ApiClient;
let scanner: ApiClient;
let asha: string;

beforeAll(async () => {
  app = await startTestApp({ clock, env: { ...TZ_ENV, OPSDESK_SESSION_HOURS: String(24 * 30) } });
  owner = await signedInStaff(app, { role: 'owner' });
  scanner = await signedInStaff(app, { role: 'scanner' });
  const { cycleId } = await createMessSetup(app);
  asha = (await createStudent(app, { name: 'Asha Verma', rollNumber: 'CS101', paidCycleId: cycleId })).id;
});
afterAll(() => app.close());
afterEach(() => clock.set(LUNCH_MONDAY));

const scanCode = async (code: string, at = '2026-11-23T13:01:00+05:30') => {
  const res = await scanner.post('/api/mess/scans', { deviceId: 'old-gate', scans: [scan(at, { code })] });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().results[0];
};

describe("the original system's QR passes during the transition", () => {
  it('are not passes until the owner sets the old secret, then open the mess until the last day', async () => {
    const code = djangoPass({ id: ASHA_DJANGO, nonce: 'a1b2c3d4e5f6' });
    // As before the transition: an organization that set no old secret reads it as no pass at all.
    expect((await scanCode(code)).reason).toBe('pass_malformed');

    const set = await owner.request('PUT', '/api/mess/legacy-passes', {
      qrSecret: QR_SECRET,
      until: '2026-11-30',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      qrSecret: { set: true, last4: '2025' },
      until: '2026-11-30',
      active: true,
    });
    expect(set.body).not.toContain(QR_SECRET);
    // Sealed at rest like every secret setting, and never shown by the organization's settings.
    const org = await owner.get('/api/org');
    expect(org.body).not.toContain(QR_SECRET);
    const stored = await app.database.pool.query("select settings from organization where slug = 'default'");
    expect(JSON.stringify(stored.rows[0].settings)).not.toContain(QR_SECRET);
    expect(stored.rows[0].settings.mess.legacyQrSecret.sealed).toMatch(/^v1\./);

    const brought = await owner.post('/api/mess/legacy-passes/students', {
      students: [{ legacyId: ASHA_DJANGO, rollNumber: 'cs101', nonce: 'a1b2c3d4e5f6', qrVersion: 1 }],
    });
    expect(brought.statusCode, brought.body).toBe(200);
    expect(brought.json()).toEqual({ recorded: 1 });

    expect(await scanCode(code, '2026-11-23T13:02:00+05:30')).toMatchObject({
      decision: 'allowed',
      reason: null,
      student: { id: asha, rollNumber: 'CS101' },
    });
    // Recorded as a legacy scan: the console counts who still shows an old pass.
    const view = await owner.get('/api/mess/legacy-passes');
    expect(view.json()).toMatchObject({ students: 1, scans: 1 });

    // Changing other mess settings keeps the old secret.
    const patched = await owner.patch('/api/mess/settings', { scanReceipts: false });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await owner.get('/api/mess/legacy-passes')).json().qrSecret).toEqual({
      set: true,
      last4: '2025',
    });

    // After the owner's last day (local calendar), the same pass is refused as expired, naming whose it is.
    clock.set('2026-12-01T08:00:00+05:30');
    expect(await scanCode(code, '2026-12-01T08:00:00+05:30')).toMatchObject({
      decision: 'denied',
      reason: 'pass_expired',
      student: { id: asha },
    });
    expect((await owner.get('/api/mess/legacy-passes')).json().active).toBe(false);
  });

  it('open the mess with the old secret alone (as the import leaves it) until the owner stops them', async () => {
    clock.set('2026-11-24T13:00:00+05:30');
    const code = djangoPass({ id: ASHA_DJANGO, nonce: 'a1b2c3d4e5f6' });
    const set = await owner.request('PUT', '/api/mess/legacy-passes', { qrSecret: QR_SECRET, until: null });
    expect(set.json()).toMatchObject({ until: null, active: true });
    expect(await scanCode(code, '2026-11-24T13:00:00+05:30')).toMatchObject({
      decision: 'allowed',
      student: { id: asha },
    });
    // "Stop accepting old passes now" forgets the secret: an old pass is no pass again.
    const stopped = await owner.request('PUT', '/api/mess/legacy-passes', { qrSecret: null });
    expect(stopped.json()).toMatchObject({ qrSecret: { set: false }, active: false });
    expect((await scanCode(code, '2026-11-24T13:01:00+05:30')).reason).toBe('pass_malformed');
  });

  it('reads the old pass typed or pasted at the counter, and refuses only a run-on scan of a batch, in words', async () => {
    clock.set('2026-11-25T13:10:00+05:30');
    await owner.request('PUT', '/api/mess/legacy-passes', { qrSecret: QR_SECRET, until: '2026-11-30' });
    const pasted = djangoPass({ id: ASHA_DJANGO, nonce: 'a1b2c3d4e5f6' });
    // A keyboard-wedge reader that missed its Enter: two passes run together into the roll number field.
    const runOn = `${pasted}${pasted}`;
    const legacyBefore = (await owner.get('/api/mess/legacy-passes')).json().scans;
    const batch = [
      scan(
        '2026-11-25T13:01:00+05:30',
        { rollNumber: ` ${pasted} ` },
        { offline: true, localDecision: 'allowed' },
      ),
      scan('2026-11-25T13:02:00+05:30', { rollNumber: runOn }, { offline: true }),
      scan('2026-11-25T13:03:00+05:30', { rollNumber: 'cs101' }, { offline: true }),
    ];
    const res = await scanner.post('/api/mess/scans', { deviceId: 'old-gate', scans: batch });
    expect(res.statusCode, res.body).toBe(200);
    const [first, bad, third] = res.json().results;
    expect(first).toMatchObject({ nonce: batch[0]!.nonce, serverDecision: 'allowed', student: { id: asha } });
    expect(first.refused).toBeUndefined();
    expect(bad).toMatchObject({ nonce: batch[1]!.nonce, refused: 'unreadable', student: null });
    // Asha again in the same lunch: recorded, and turned away by the server as already served.
    expect(third).toMatchObject({
      nonce: batch[2]!.nonce,
      serverReason: 'already_served',
      student: { id: asha },
    });
    // The two good ones were kept: sent again (a scanner retrying), they answer as seen before.
    const again = await scanner.post('/api/mess/scans', {
      deviceId: 'old-gate',
      scans: [batch[0], batch[2]],
    });
    expect(again.json().results.map((r: { duplicate: boolean }) => r.duplicate)).toEqual([true, true]);
    // The pasted pass counts as a scan of an old pass.
    expect((await owner.get('/api/mess/legacy-passes')).json().scans).toBe(legacyBefore + 1);
  });

  it('refuses a forged pass, a replaced nonce or version, and names nobody for a student not brought over', async () => {
    await owner.request('PUT', '/api/mess/legacy-passes', { qrSecret: QR_SECRET, until: '2026-11-30' });
    const results = await scanner.post('/api/mess/scans', {
      deviceId: 'old-gate',
      scans: [
        scan(LUNCH_MONDAY, {
          code: djangoPass({ id: ASHA_DJANGO, nonce: 'a1b2c3d4e5f6', secret: 'guessed' }),
        }),
        scan(LUNCH_MONDAY, { code: djangoPass({ id: ASHA_DJANGO, nonce: 'ffffffffffff' }) }),
        scan(LUNCH_MONDAY, { code: djangoPass({ v: 2, id: ASHA_DJANGO, nonce: 'a1b2c3d4e5f6' }) }),
        scan(LUNCH_MONDAY, { code: djangoPass({ id: RAVI_DJANGO, nonce: '0123456789ab' }) }),
      ],
    });
    expect(results.statusCode, results.body).toBe(200);
    expect(results.json().results.map((r: { reason: string }) => r.reason)).toEqual([
      'pass_bad_signature',
      'pass_revoked',
      'pass_revoked',
      'unknown_student',
    ]);
  });

  it("stops a student's old pass once their pass is re-issued here", async () => {
    await owner.request('PUT', '/api/mess/legacy-passes', { qrSecret: QR_SECRET, until: '2026-11-30' });
    const code = djangoPass({ id: ASHA_DJANGO, nonce: 'a1b2c3d4e5f6' });
    // Her pass here (the first one she was handed), then a new one after she lost her phone.
    expect((await owner.get(`/api/mess/students/${asha}/pass.png`)).statusCode).toBe(200);
    const reissue = await owner.post('/api/mess/students/actions/reissue-pass', { ids: [asha] });
    expect(reissue.statusCode, reissue.body).toBe(200);
    clock.set('2026-11-23T20:01:00+05:30');
    expect((await scanCode(code, '2026-11-23T20:01:00+05:30')).reason).toBe('pass_revoked');
  });

  it('names the rows whose student is not here, and writes none of them', async () => {
    const res = await owner.post('/api/mess/legacy-passes/students', {
      students: [
        { legacyId: RAVI_DJANGO, rollNumber: 'CS101', nonce: 'x1', qrVersion: 1 },
        { legacyId: ASHA_DJANGO, rollNumber: 'NOBODY9', nonce: 'x2', qrVersion: 1 },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'body.students.1.rollNumber' })]);
    const unset = await owner.request('PUT', '/api/mess/legacy-passes', {});
    expect(unset.statusCode).toBe(400);
  });

  it('is set by the owner only; a scanner neither reads nor sets it', async () => {
    expect((await scanner.get('/api/mess/legacy-passes')).statusCode).toBe(403);
    expect((await scanner.request('PUT', '/api/mess/legacy-passes', { until: null })).statusCode).toBe(403);
  });
});
