import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPayment } from '../../../../test/factories/payment.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { createMessSetup, createStudent } from '../../../../test/factories/student.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { fixedClock } from '../../../platform/clock/index.ts';
import { decodeQr, LUNCH_MONDAY, TZ_ENV } from '../__tests__/mess-fixture.ts';
import { feePurpose } from '../fee-payments.ts';
import { legacySignature } from '../legacy-passes.rules.ts';

/**
 * The original mess system's documented paths (issue 42, item 6), called as its scanner page and
 * scripts call them: same paths, parameter names, status spellings and DRF answers.
 */
const clock = fixedClock(LUNCH_MONDAY);
let app: TestApp;
let owner: ApiClient;
let scanner: ApiClient;
let cycleId: string;
let asha: string;
let code: string;

beforeAll(async () => {
  app = await startTestApp({ clock, env: TZ_ENV });
  owner = await signedInStaff(app, { role: 'owner' });
  scanner = await signedInStaff(app, { role: 'scanner' });
  ({ cycleId } = await createMessSetup(app));
  asha = (await createStudent(app, { name: 'Asha Verma', rollNumber: 'CS101', paidCycleId: cycleId })).id;
  code = decodeQr((await owner.get(`/api/mess/students/${asha}/pass.png`)).rawPayload);
});
afterAll(() => app.close());

describe('POST /api/v1/scanner/scan', () => {
  it('answers the original result, scan id and student snapshot', async () => {
    const res = await scanner.post('/api/v1/scanner/scan', {
      qr_data: code,
      meal: 'LUNCH',
      device_info: 'gate-1',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      result: 'ALLOWED',
      scan_id: expect.any(String),
      student_snapshot: {
        id: asha,
        roll_no: 'CS101',
        room_no: 'A-1',
        status: 'APPROVED',
        overall_status: 'ALLOWED',
      },
    });
    const again = await scanner.post('/api/v1/scanner/scan', { qr_data: code, meal: 'LUNCH' });
    expect(again.json()).toMatchObject({ result: 'BLOCKED_STATUS', reason: 'already_served' });
  });

  it("takes the original system's passes during the transition", async () => {
    const unpaid = (await createStudent(app, { name: 'Bina Rao', rollNumber: 'CS102' })).id;
    const message = `1|0b7e4d2c-1111-4a2b-9c3d-5e6f7a8b9c0d|1760000000|abc123def456`;
    const old = `${message}|${legacySignature(message, 'the-old-qr-secret')}`;
    expect(
      (await scanner.post('/api/v1/scanner/scan', { qr_data: old, meal: 'LUNCH' })).json(),
    ).toMatchObject({
      result: 'BLOCKED_STATUS',
      reason: 'pass_malformed',
    });
    await owner.request('PUT', '/api/mess/legacy-passes', {
      qrSecret: 'the-old-qr-secret',
      until: '2026-12-31',
    });
    await owner.post('/api/mess/legacy-passes/students', {
      students: [
        {
          legacyId: '0b7e4d2c-1111-4a2b-9c3d-5e6f7a8b9c0d',
          studentId: unpaid,
          nonce: 'abc123def456',
          qrVersion: 1,
        },
      ],
    });
    const res = await scanner.post('/api/v1/scanner/scan', { qr_data: old, meal: 'LUNCH' });
    expect(res.json()).toMatchObject({ result: 'BLOCKED_NO_PAYMENT', reason: 'payment_due' });
  });

  it('refuses bad input field by field, and callers without a credential', async () => {
    const bad = await scanner.post('/api/v1/scanner/scan', { meal: 'SUPPER' });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json()).sort()).toEqual(['meal', 'qr_data']);
    const anonymous = await app.anonymous().post('/api/v1/scanner/scan', { qr_data: code, meal: 'LUNCH' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toEqual({ detail: expect.any(String), code: 'unauthenticated' });
  });

  it('takes an API token as the Bearer staff token the scanner page sent', async () => {
    const created = await owner.post('/api/tokens', {
      name: 'old scanner page',
      scopes: ['mess.scan.create'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const res = await app
      .withToken(created.json().token)
      .post('/api/v1/scanner/scan', { qr_data: 'hello', meal: 'LUNCH' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ result: 'BLOCKED_STATUS', reason: 'pass_malformed' });
  });
});

describe('/api/v1/students/…', () => {
  it('GET /api/v1/students/ pages students in the original spelling, filtered by status', async () => {
    await createStudent(app, { name: 'Chitra', rollNumber: 'CS201', status: 'pending' });
    const all = await owner.get('/api/v1/students/');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toMatchObject({ count: expect.any(Number), next: null, previous: null });
    expect(all.json().results).toContainEqual(
      expect.objectContaining({ id: asha, roll_no: 'CS101', room_no: 'A-1', status: 'APPROVED' }),
    );
    const pending = await owner.get('/api/v1/students/?status=PENDING');
    expect(pending.json().results.map((s: { roll_no: string }) => s.roll_no)).toEqual(['CS201']);
  });

  it('GET /api/v1/students/{id}/ answers one student, 404 for another', async () => {
    expect((await owner.get(`/api/v1/students/${asha}/`)).json()).toMatchObject({
      id: asha,
      status: 'APPROVED',
    });
    const none = await owner.get(`/api/v1/students/${crypto.randomUUID()}/`);
    expect(none.statusCode).toBe(404);
    expect(none.json()).toEqual({ detail: expect.any(String), code: expect.stringMatching(/not_found$/) });
  });

  it('POST /api/v1/students/{id}/approve and /deny decide as the console does; a second time is 400', async () => {
    const dev = (await createStudent(app, { rollNumber: 'CS301', status: 'pending' })).id;
    const approved = await owner.post(`/api/v1/students/${dev}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toEqual({ status: 'approved' });
    const twice = await owner.post(`/api/v1/students/${dev}/approve`);
    expect(twice.statusCode).toBe(400);
    expect(twice.json()).toEqual({ error: expect.any(String), code: expect.any(String) });
    const eve = (await createStudent(app, { rollNumber: 'CS302', status: 'pending' })).id;
    expect((await owner.post(`/api/v1/students/${eve}/deny`)).json()).toEqual({ status: 'denied' });
    // A scanner may scan but not decide, as on the native routes.
    expect((await scanner.post(`/api/v1/students/${eve}/approve`)).statusCode).toBe(403);
  });
});

describe('/api/v1/payments/…', () => {
  it('GET /api/v1/payments/ lists cycle fees; POST …/verify settles an uploaded one', async () => {
    const student = (await createStudent(app, { rollNumber: 'CS401' })).id;
    const proof = await createPayment(app, {
      purpose: feePurpose(student, cycleId),
      amountMinor: 300_000,
      currency: 'INR',
    });
    const listed = await owner.get('/api/v1/payments/?status=UPLOADED');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().results).toEqual([
      expect.objectContaining({
        id: proof.id,
        student,
        student_roll: 'CS401',
        cycle_start: '2026-11-01',
        cycle_end: '2026-11-30',
        amount: '3000.00',
        status: 'UPLOADED',
        source: 'ONLINE_SCREENSHOT',
      }),
    ]);
    expect((await owner.get(`/api/v1/payments/${proof.id}/`)).json()).toMatchObject({ id: proof.id });
    const verified = await owner.post(`/api/v1/payments/${proof.id}/verify`);
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toEqual({ status: 'verified' });
    expect((await owner.get(`/api/v1/payments/${proof.id}/`)).json().status).toBe('VERIFIED');
    expect((await owner.post(`/api/v1/payments/${proof.id}/verify`)).statusCode).toBe(400);
    // Cash received at the office was the original's offline manual payment.
    const all = await owner.get('/api/v1/payments/');
    expect(all.json().results).toContainEqual(
      expect.objectContaining({ student: asha, status: 'VERIFIED', source: 'OFFLINE_MANUAL' }),
    );
  });
});

describe('/api/v1/admin/…', () => {
  it('POST /api/v1/admin/qr/regenerate-all starts the pass run', async () => {
    const res = await owner.post('/api/v1/admin/qr/regenerate-all');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'success',
      affected_students: expect.any(Number),
      run_id: expect.any(String),
    });
    expect((await owner.get('/api/mess/pass-runs/latest')).json().id).toBe(res.json().run_id);
  });

  it('GET /api/v1/admin/reports/payments counts by status, or lists who paid nothing', async () => {
    const summary = await owner.get('/api/v1/admin/reports/payments');
    expect(summary.statusCode, summary.body).toBe(200);
    expect(summary.json()).toMatchObject({ type: 'payment_summary', status_counts: { verified: 1 } });
    const none = await owner.get('/api/v1/admin/reports/payments?status=not_uploaded');
    expect(none.json().type).toBe('students_without_payment');
    expect(none.json().students.map((s: { roll_no: string }) => s.roll_no)).not.toContain('CS101');
    expect((await owner.get('/api/v1/admin/reports/payments?status=paid')).statusCode).toBe(400);
  });

  it('GET /api/v1/admin/reports/mess-cuts lists the next week’s cuts by first day', async () => {
    const cut = await owner.post(`/api/mess/students/${asha}/cuts`, { from: '2026-11-25', to: '2026-11-26' });
    expect(cut.statusCode, cut.body).toBe(201);
    const res = await owner.get('/api/v1/admin/reports/mess-cuts');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      total_count: 1,
      upcoming_cuts_by_date: { '2026-11-25': [expect.objectContaining({ student_roll: 'CS101' })] },
    });
  });
});

describe('GET /api/v1/health/', () => {
  it('answers anyone whether the service and its database are up, and nothing of any organization', async () => {
    const res = await app.anonymous().get('/api/v1/health/');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: 'healthy',
      timestamp: expect.any(String),
      checks: { database: { status: 'healthy' } },
    });
  });
});
