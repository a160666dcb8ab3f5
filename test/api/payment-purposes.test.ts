import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { money } from '../../src/core/money/index.ts';
import { submitProofPayment } from '../../src/core/payments/index.ts';
import { fixedClock } from '../../src/platform/clock/index.ts';
import { createOrg, orgCtx } from '../factories/org.ts';
import { signedInStaff } from '../factories/staff.ts';
import { createMessSetup, createStudent } from '../factories/student.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Issue 55 item 3: a payment names what it pays for, and that purpose must be one a module declares
 * and a live record of the caller's organization. A proof stored for nothing before this check was
 * made (the testers' `mess.cycle_fee` with a malformed id) is denied, never a 500, and the mess's
 * original API paths keep answering.
 */
const clock = fixedClock('2026-11-16T09:00:00Z');
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const amount = { amountMinor: 300_000, currency: 'INR' };

let app: TestApp;
let ops: ApiClient;
/** A bearer token of the default organization's owner, for multipart uploads. */
let bearer: string;
let otherOps: ApiClient;
let feeId: string;
let otherOrg: string;

beforeAll(async () => {
  app = await startTestApp({ clock });
  const { cycleId } = await createMessSetup(app);
  const student = await createStudent(app);
  feeId = `${student.id}:${cycleId}`;
  ops = await signedInStaff(app, { role: 'ops' });
  const owner = await signedInStaff(app, { role: 'owner' });
  const token = await owner.post('/api/tokens', {
    name: 'uploads',
    scopes: ['payments.payment.create', 'files.file.create'],
  });
  bearer = token.json().token;
  otherOrg = (await createOrg(app, { currency: 'INR' })).slug;
  otherOps = await signedInStaff(app, { role: 'ops', org: otherOrg });
}, 120_000);
afterAll(() => app.close());

const paymentCount = async () =>
  Number((await app.database.pool.query('select count(*) as n from payment')).rows[0].n);

/** A proof as a multipart form, its fields flat (the console and bots send it so). */
function proofForm(fields: Record<string, string>) {
  const boundary = 'purpose-test';
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  const file = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="proof.png"\r\nContent-Type: image/png\r\n\r\n`,
    ),
    PNG_1X1,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return {
    payload: Buffer.concat([Buffer.from(parts.join('')), file]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** A multipart upload as the owner's token (`url`: /api/files or /api/payments/proof). */
function upload(url: string, fields: Record<string, string>) {
  const form = proofForm(fields);
  return app.http.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${bearer}`, 'content-type': form.contentType },
    payload: form.payload,
  });
}

const fieldsOf = (res: { json(): { errors?: { field: string }[] } }) =>
  (res.json().errors ?? []).map((e) => e.field);

describe('a payment is made for a purpose that exists', () => {
  it('refuses a purpose type no module declares, naming the field, and records nothing', async () => {
    const before = await paymentCount();
    const manual = await ops.post('/api/payments/manual', {
      amount,
      purpose: { type: 'nobody.declares', id: 'x' },
      kind: 'cash',
    });
    expect(manual.statusCode, manual.body).toBe(400);
    expect(manual.json().code).toBe('payments.unknown_purpose_type');
    expect(fieldsOf(manual)).toEqual(['body.purpose.type']);
    expect(await paymentCount()).toBe(before);
  });

  it('refuses a mess fee whose id names no student and cycle (the testers’ malformed id), naming the field', async () => {
    const before = await paymentCount();
    for (const id of ['not-a-fee', 'x:y', `${feeId}:extra`, `${'-'.repeat(36)}:${'-'.repeat(36)}`]) {
      const manual = await ops.post('/api/payments/manual', {
        amount,
        purpose: { type: 'mess.cycle_fee', id },
        kind: 'cash',
      });
      expect(manual.statusCode, `${id}: ${manual.body}`).toBe(404);
      expect(manual.json().code).toBe('payments.purpose_not_found');
      expect(fieldsOf(manual)).toEqual(['body.purpose.id']);
    }
    expect(await paymentCount()).toBe(before);
  });

  it('refuses a proof for nothing, as JSON and as a form, naming the form’s own fields', async () => {
    const before = await paymentCount();
    const file = await upload('/api/files', {});
    expect(file.statusCode, file.body).toBe(201);
    const json = await ops.post('/api/payments/proof', {
      amount,
      purpose: { type: 'mess.cycle_fee', id: 'not-a-fee' },
      fileId: file.json().id,
    });
    expect(json.statusCode, json.body).toBe(404);
    expect(fieldsOf(json)).toEqual(['body.purpose.id']);
    const form = await upload('/api/payments/proof', {
      amountMinor: '300000',
      currency: 'INR',
      purposeType: 'mess.cycle_fee',
      purposeId: 'not-a-fee',
    });
    expect(form.statusCode, form.body).toBe(404);
    expect(fieldsOf(form)).toEqual(['body.purposeId']);
    const nobody = await upload('/api/payments/proof', {
      amountMinor: '300000',
      currency: 'INR',
      purposeType: 'nobody.declares',
      purposeId: 'x',
    });
    expect(nobody.statusCode, nobody.body).toBe(400);
    expect(fieldsOf(nobody)).toEqual(['body.purposeType']);
    expect(await paymentCount()).toBe(before);
    const real = await upload('/api/payments/proof', {
      amountMinor: '300000',
      currency: 'INR',
      purposeType: 'mess.cycle_fee',
      purposeId: feeId,
    });
    expect(real.statusCode, real.body).toBe(201);
  });

  it('takes a proof for a real fee of the organization, and refuses the same fee to another organization', async () => {
    const mine = await ops.post('/api/payments/manual', {
      amount,
      purpose: { type: 'mess.cycle_fee', id: feeId },
      kind: 'cash',
    });
    expect(mine.statusCode, mine.body).toBe(201);
    const before = await paymentCount();
    const theirs = await otherOps.post('/api/payments/manual', {
      amount,
      purpose: { type: 'mess.cycle_fee', id: feeId },
      kind: 'cash',
    });
    expect(theirs.statusCode, theirs.body).toBe(404);
    expect(theirs.json().code).toBe('payments.purpose_not_found');
    expect(await paymentCount()).toBe(before);
  });
});

describe('a proof stored for nothing before the check', () => {
  async function strayProof() {
    // As it was stored before purposes were checked: straight through the use case.
    const ctx = await orgCtx(app);
    return submitProofPayment(
      ctx,
      { files: app.deps.files },
      {
        amount: money(amount.amountMinor, amount.currency),
        purpose: { type: 'mess.cycle_fee', id: 'not-a-fee' },
        bytes: PNG_1X1,
        originalName: 'stray.png',
      },
    );
  }

  it('is refused a verify with a 409 naming why, and denied without a 5xx', async () => {
    const stray = await strayProof();
    const verify = await ops.post(`/api/payments/${stray.id}/verify`);
    expect(verify.statusCode, verify.body).toBe(409);
    expect(verify.json().code).toBe('payments.purpose_missing');
    expect((await ops.get(`/api/payments/${stray.id}`)).json().status).toBe('submitted');
    const deny = await ops.post(`/api/payments/${stray.id}/deny`, { reason: 'Pays for nothing' });
    expect(deny.statusCode, deny.body).toBe(200);
    expect(deny.json()).toMatchObject({ status: 'denied', denialReason: 'Pays for nothing' });
    const queue = await ops.get('/api/payments/review');
    expect(queue.json().items.map((i: { payment: { id: string } }) => i.payment.id)).not.toContain(stray.id);
  });

  it('leaves the mess’s original API paths answering, without the payment they cannot show', async () => {
    const stray = await strayProof();
    const list = await ops.get('/api/v1/payments/');
    expect(list.statusCode, list.body).toBe(200);
    const ids = list.json().results.map((p: { id: string }) => p.id);
    expect(ids).not.toContain(stray.id);
    expect(ids.length, list.body).toBeGreaterThan(0);
    for (const status of ['', '?status=uploaded', '?status=not_uploaded']) {
      const report = await ops.get(`/api/v1/admin/reports/payments${status}`);
      expect(report.statusCode, `${status}: ${report.body}`).toBe(200);
    }
    expect((await ops.get(`/api/v1/payments/${stray.id}/`)).statusCode).toBe(404);
    // The original answered a refused verify 400 with its words; ours carry the code.
    const verify = await ops.post(`/api/v1/payments/${stray.id}/verify`);
    expect(verify.statusCode, verify.body).toBe(400);
    expect(verify.json().code).toBe('payments.purpose_missing');
  });
});
