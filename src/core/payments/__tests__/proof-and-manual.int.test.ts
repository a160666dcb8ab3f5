import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.ts';
import { searchAudit } from '../../audit/index.ts';
import { inTransaction } from '../../context/index.ts';
import { defineModule } from '../../modules/index.ts';
import { findOrganizationBySlug } from '../../orgs/index.ts';
import { type Payment, submitProofPayment } from '../index.ts';
import {
  multipart,
  type PaymentsTestApp,
  pngBytes,
  startPaymentsApp,
  testPurposeLabel,
  tokenFor,
} from './payments-test-kit.ts';

let t: PaymentsTestApp;
const settled: Payment[] = [];
const failed: Payment[] = [];
const voided: Payment[] = [];
let failNextSettlement = false;

/** A module that records what the payment hooks tell it. */
const recorder = defineModule({
  name: 'recorder',
  purposeLabel: testPurposeLabel('test.order'),
  hooks: {
    paymentSettled: {
      'test.order': async (_tx, _rt, p) => {
        if (failNextSettlement) {
          failNextSettlement = false;
          throw new Error('module could not record the payment');
        }
        settled.push(p);
      },
    },
    paymentFailed: {
      'test.order': async (_tx, _rt, p) => {
        failed.push(p);
      },
    },
    paymentVoided: {
      'test.order': async (_tx, _rt, p) => {
        voided.push(p);
      },
    },
  },
});

beforeAll(async () => {
  t = await startPaymentsApp({}, [recorder]);
});
afterAll(async () => {
  await t.close();
});

const amount = { amountMinor: 25_000, currency: 'INR' };
let order = 0;
const purpose = () => ({ type: 'test.order', id: `order-${++order}` });

async function uploadProof(seed: number, fields: Record<string, string> = {}) {
  const p = purpose();
  const body = await multipart(
    { amountMinor: '25000', currency: 'INR', purposeType: p.type, purposeId: p.id, ...fields },
    { name: 'screenshot.png', bytes: pngBytes(seed), type: 'image/png' },
  );
  return t.app.http.inject({
    method: 'POST',
    url: '/api/payments/proof',
    headers: { authorization: `Bearer ${t.token}`, 'content-type': body.contentType },
    payload: body.payload,
  });
}

/**
 * Records a proof with `bytes` in a transaction that stays open until `commit`: what a second
 * payer's identical screenshot meets while the first payer's step is still running.
 */
async function proofInFlight(bytes: Uint8Array) {
  const orgId = (await findOrganizationBySlug(t.app.database.db, 'default'))!.id;
  const ctx = t.app.deps.systemCtx(orgId, 'test.proof-in-flight');
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let written!: () => void;
  const recorded = new Promise<void>((resolve) => (written = resolve));
  const done = inTransaction(ctx, async (tx) => {
    const payment = await submitProofPayment(
      tx,
      { files: t.app.deps.files, jobs: t.app.deps.jobs },
      { amount, purpose: purpose(), bytes, originalName: 'screenshot.png' },
    );
    written();
    await held;
    return payment;
  });
  await Promise.race([recorded, done]);
  return {
    commit: () => {
      release();
      return done;
    },
  };
}

describe('payment proofs', () => {
  it('flags the same screenshot sent twice as a likely duplicate, without refusing it', async () => {
    const first = await uploadProof(1);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ method: 'proof', status: 'submitted', duplicateOfPaymentIds: [] });
    const second = await uploadProof(1);
    expect(second.statusCode).toBe(201);
    expect(second.json().status).toBe('submitted');
    expect(second.json().duplicateOfPaymentIds).toEqual([first.json().id]);
    expect(second.json().proofFileId).not.toBe(first.json().proofFileId);
  });

  it('records a screenshot while an identical one is being recorded without waiting for it, and links them after', async () => {
    const bytes = pngBytes(41);
    // An identical proof in flight: its file and payment are written, its transaction still open. On
    // the embedded database (one connection) nothing runs beside it, so there the two take turns.
    const inFlight = t.app.database.kind === 'postgres' ? await proofInFlight(bytes) : null;
    const first = inFlight ? null : await uploadProof(41);
    const second = await uploadProof(41);
    expect(second.statusCode, second.body).toBe(201);
    const firstId = inFlight ? (await inFlight.commit()).id : first!.json().id;
    // Each pair is flagged once, on the one recorded second, once the links are made.
    const links = await eventually(async () => {
      const { rows } = await t.app.database.pool.query<{ id: string; dups: string[] }>(
        'select id, duplicate_of_payment_ids as dups from payment where id = any($1::uuid[])',
        [[firstId, second.json().id]],
      );
      const byId = Object.fromEntries(rows.map((r) => [r.id, r.dups]));
      return byId[second.json().id]?.length === 1 ? byId : undefined;
    });
    expect(links).toEqual({ [firstId]: [], [second.json().id]: [firstId] });
  });

  it('keeps a reference as typed and flags its reuse however it is typed', async () => {
    const first = await uploadProof(2, { externalReference: 'TRX-NEWCOMER-1' });
    const second = await uploadProof(3, { externalReference: 'trx newcomer 1' });
    expect(first.json().externalReference).toBe('TRX-NEWCOMER-1');
    expect(second.json().externalReference).toBe('trx newcomer 1');
    expect(second.json().duplicateOfPaymentIds).toEqual([first.json().id]);
    const { rows } = await t.app.database.pool.query(
      'select external_reference, external_reference_key from payment where id = $1',
      [first.json().id],
    );
    expect(rows[0]).toEqual({ external_reference: 'TRX-NEWCOMER-1', external_reference_key: 'TRXNEWCOMER1' });
  });

  it('accepts a proof uploaded earlier through /api/files, by its id', async () => {
    const upload = await multipart(
      { purpose: 'payment_proof' },
      { name: 'p.png', bytes: pngBytes(4), type: 'image/png' },
    );
    const file = await t.app.http.inject({
      method: 'POST',
      url: '/api/files',
      headers: { authorization: `Bearer ${t.token}`, 'content-type': upload.contentType },
      payload: upload.payload,
    });
    expect(file.statusCode).toBe(201);
    const res = await t.call('POST', '/api/payments/proof', {
      amount,
      purpose: purpose(),
      fileId: file.json().id,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ proofFileId: file.json().id, status: 'submitted' });
    const unknown = await t.call('POST', '/api/payments/proof', {
      amount,
      purpose: purpose(),
      fileId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('payments.proof_file_not_found');
  });

  it('settles on verify, telling the module once in the same transaction, with before/after in the audit', async () => {
    const proof = (await uploadProof(5)).json();
    const res = await t.call('POST', `/api/payments/${proof.id}/verify`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'verified', decidedBy: { type: 'token' } });
    expect(res.json().verifiedAt).not.toBeNull();
    expect(settled.filter((p) => p.id === proof.id)).toHaveLength(1);
    const again = await t.call('POST', `/api/payments/${proof.id}/verify`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'payments.payment_state_changed',
      details: { status: 'verified' },
    });
    expect(settled.filter((p) => p.id === proof.id)).toHaveLength(1);
    const ctx = await defaultCtx();
    const audit = await searchAudit(ctx, { subjectType: 'payment', subjectId: proof.id, limit: 50 });
    const verified = audit.items.find((e) => e.action === 'payments.payment.verified');
    expect(verified?.before).toMatchObject({ status: 'submitted' });
    expect(verified?.after).toMatchObject({ status: 'verified' });
  });

  it('rolls the verification back when the module cannot record it', async () => {
    const proof = (await uploadProof(6)).json();
    failNextSettlement = true;
    const res = await t.call('POST', `/api/payments/${proof.id}/verify`);
    expect(res.statusCode).toBe(500);
    expect((await t.call('GET', `/api/payments/${proof.id}`)).json().status).toBe('submitted');
    expect((await t.call('POST', `/api/payments/${proof.id}/verify`)).json().status).toBe('verified');
  });

  it('refuses a denial without a reason and keeps the reason of a denial', async () => {
    const proof = (await uploadProof(7)).json();
    const blank = await t.call('POST', `/api/payments/${proof.id}/deny`, { reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().code).toBe('payments.reason_required');
    const missing = await t.call('POST', `/api/payments/${proof.id}/deny`, {});
    expect(missing.statusCode).toBe(400);
    expect((await t.call('GET', `/api/payments/${proof.id}`)).json().status).toBe('submitted');
    const denied = await t.call('POST', `/api/payments/${proof.id}/deny`, {
      reason: 'Amount on the screenshot is 2,500',
    });
    expect(denied.json()).toMatchObject({
      status: 'denied',
      denialReason: 'Amount on the screenshot is 2,500',
    });
    expect(failed.filter((p) => p.id === proof.id)).toHaveLength(1);
  });

  it('lets exactly one of a concurrent verify and deny win', async () => {
    for (let round = 0; round < 5; round++) {
      const proof = (await uploadProof(100 + round)).json();
      const [verify, deny] = await Promise.all([
        t.call('POST', `/api/payments/${proof.id}/verify`),
        t.call('POST', `/api/payments/${proof.id}/deny`, { reason: 'Not in the bank statement' }),
      ]);
      expect([verify.statusCode, deny.statusCode].sort()).toEqual([200, 409]);
      const winner = verify.statusCode === 200 ? 'verified' : 'denied';
      expect((await t.call('GET', `/api/payments/${proof.id}`)).json().status).toBe(winner);
      const told = [...settled, ...failed].filter((p) => p.id === proof.id);
      expect(told.map((p) => p.status)).toEqual([winner]);
    }
  });
});

describe('manual payments', () => {
  it('records cash as settled at once and voids it only with a reason', async () => {
    const p = purpose();
    const res = await t.call('POST', '/api/payments/manual', {
      amount,
      purpose: p,
      kind: 'cash',
      note: 'Paid at the desk',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ method: 'manual', status: 'recorded', manualKind: 'cash' });
    expect(settled.filter((s) => s.id === res.json().id)).toHaveLength(1);
    const noReason = await t.call('POST', `/api/payments/${res.json().id}/void`, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    const voidRes = await t.call('POST', `/api/payments/${res.json().id}/void`, { reason: 'Entered twice' });
    expect(voidRes.json()).toMatchObject({ status: 'voided', voidReason: 'Entered twice' });
    expect(voided.map((v) => v.id)).toContain(res.json().id);
  });

  it('refuses zero amounts and malformed purposes', async () => {
    const zero = await t.call('POST', '/api/payments/manual', {
      amount: { amountMinor: 0, currency: 'INR' },
      purpose: purpose(),
      kind: 'cash',
    });
    expect(zero.statusCode).toBe(400);
    const bad = await t.call('POST', '/api/payments/manual', {
      amount,
      purpose: { type: 'Raffle', id: 'x' },
      kind: 'cash',
    });
    expect(bad.statusCode).toBe(400);
    const currency = await t.call('POST', '/api/payments/manual', {
      amount: { amountMinor: 5, currency: 'ABC' },
      purpose: purpose(),
      kind: 'cash',
    });
    expect(currency.statusCode).toBe(400);
    const stranger = await t.call('POST', '/api/payments/manual', {
      amount,
      purpose: purpose(),
      kind: 'cash',
      payerContactId: '00000000-0000-4000-8000-000000000001',
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().code).toBe('payments.unknown_payer_contact');
  });

  it('creates one payment for two concurrent requests with one Idempotency-Key', async () => {
    const body = { amount, purpose: purpose(), kind: 'bank', externalReference: 'NEFT-77' };
    const headers = { 'idempotency-key': 'manual-key-1' };
    const [a, b] = await Promise.all([
      t.call('POST', '/api/payments/manual', body, headers),
      t.call('POST', '/api/payments/manual', body, headers),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(a.json().id).toBe(b.json().id);
    const list = await t.call('GET', `/api/payments?purposeType=test.order&purposeId=${body.purpose.id}`);
    expect(list.json().total).toBe(1);
    expect(settled.filter((s) => s.id === a.json().id)).toHaveLength(1);
    const reused = await t.call('POST', '/api/payments/manual', { ...body, kind: 'cash' }, headers);
    expect(reused.statusCode).toBe(422);
  });

  it('lists with filters and totals', async () => {
    const submitted = await t.call('GET', '/api/payments?status=submitted&method=proof&perPage=2');
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().items.length).toBeLessThanOrEqual(2);
    expect(submitted.json().total).toBeGreaterThan(2);
    for (const item of submitted.json().items)
      expect(item).toMatchObject({ status: 'submitted', method: 'proof' });
    expect(submitted.json()).toMatchObject({ page: 1, perPage: 2 });
    const next = await t.call('GET', '/api/payments?status=submitted&method=proof&page=2&perPage=2');
    expect(next.json()).toMatchObject({ page: 2, perPage: 2, total: submitted.json().total });
    const ids = (page: { items: Array<{ id: string }> }) => page.items.map((p) => p.id);
    expect(ids(next.json())).not.toContain(ids(submitted.json())[0]);
  });
});

describe('permissions and organizations', () => {
  it('keeps another organization from seeing or verifying a payment', async () => {
    const proof = (await uploadProof(8)).json();
    await t.app.createOrg('org-b', 'owner-b@example.com');
    const tokenB = await tokenFor(t.app, 'owner-b@example.com', 'org-b');
    const asB = (method: string, url: string, body?: unknown) =>
      t.app.http.inject({
        method: method as 'GET',
        url,
        headers: {
          authorization: `Bearer ${tokenB}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { payload: JSON.stringify(body) } : {}),
      });
    expect((await asB('GET', `/api/payments/${proof.id}`)).statusCode).toBe(404);
    expect((await asB('POST', `/api/payments/${proof.id}/verify`)).statusCode).toBe(404);
    expect((await asB('POST', `/api/payments/${proof.id}/deny`, { reason: 'x' })).statusCode).toBe(404);
    expect((await asB('GET', '/api/payments')).json()).toEqual({ items: [], total: 0, page: 1, perPage: 50 });
    expect((await t.call('GET', `/api/payments/${proof.id}`)).json().status).toBe('submitted');
  });

  it('lets viewers read but not verify', async () => {
    await t.app.createStaff({ email: 'viewer@example.com', role: 'viewer' });
    const viewer = await t.app.signIn('viewer@example.com');
    expect((await viewer.get('/api/payments')).statusCode).toBe(200);
    const proof = (await uploadProof(9)).json();
    expect((await viewer.post(`/api/payments/${proof.id}/verify`)).statusCode).toBe(403);
  });
});

async function defaultCtx() {
  const org = await findOrganizationBySlug(t.app.database.db, 'default');
  return t.app.deps.systemCtx(org!.id, 'test');
}
