import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPayment } from '../factories/payment.ts';
import { signedInStaff } from '../factories/staff.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
let ops: ApiClient;

// Two proofs with the same bytes: the second is flagged as a likely duplicate.
const proof = (purposeId: string) =>
  createPayment(app, {
    amountMinor: 150_000,
    currency: 'INR',
    purpose: { type: 'test.purchase', id: purposeId },
  });

beforeAll(async () => {
  app = await startTestApp();
  ops = await signedInStaff(app, { role: 'ops' });
});
afterAll(() => app.close());

describe('payments screen', () => {
  it('lists proofs with their duplicate flag, verifies in bulk and denies with a reason', async () => {
    const first = await proof('student-1');
    const again = await proof('student-2');
    const list = (await ops.get('/api/payments/records?status=submitted&sort=createdAt&order=asc')).json();
    expect(list.items.map((p: { id: string }) => p.id)).toEqual([first.id, again.id]);
    expect(list.items.map((p: { likelyDuplicate: boolean }) => p.likelyDuplicate)).toEqual([false, true]);
    expect(list.items[0].amount).toBe(150_000);

    const meta = (await ops.get('/api/resources'))
      .json()
      .find((r: { name: string }) => r.name === 'payments.payments');
    const deny = meta.actions.find((a: { name: string }) => a.name === 'deny');
    expect(deny.inputFields).toEqual([{ name: 'reason', type: 'text', required: true, maxLength: 500 }]);

    const withoutReason = await ops.post('/api/payments/records/actions/deny', { ids: [again.id] });
    expect(withoutReason.statusCode).toBe(400);
    const denied = (
      await ops.post('/api/payments/records/actions/deny', {
        ids: [again.id],
        input: { reason: 'same screenshot as student-1' },
      })
    ).json();
    expect(denied).toEqual({ done: [again.id], failed: [] });
    const verified = (
      await ops.post('/api/payments/records/actions/verify', { ids: [first.id, again.id] })
    ).json();
    expect(verified.done).toEqual([first.id]);
    expect(verified.failed).toMatchObject([{ id: again.id }]);
    const after = (await ops.get(`/api/payments/records/${again.id}`)).json();
    expect(after).toMatchObject({ status: 'denied', denialReason: 'same screenshot as student-1' });
  });
});

describe('contacts screen', () => {
  it('imports contacts from CSV with a dry run first, and refuses bad phone numbers per row', async () => {
    const csv =
      'Name,Phone,Lang\nAsha Rao,+91 98450 12345,hi\nBad Number,12,en\nLuis Paz,+595 981 123456,es\n';
    const mapping = { Name: 'displayName', Phone: 'phone', Lang: 'language' };
    const dry = (await ops.post('/api/contacts/records/import?dryRun=true', { csv, mapping })).json();
    expect(dry).toMatchObject({ rows: 3, created: 0 });
    expect((await ops.get('/api/contacts/records')).json().total).toBe(0);
    const real = (await ops.post('/api/contacts/records/import?dryRun=false', { csv, mapping })).json();
    expect(real).toMatchObject({ rows: 3, created: 2, invalid: 1 });
    expect(real.failedRowsCsv).toContain('Bad Number');
    const list = (await ops.get('/api/contacts/records?q=asha')).json();
    expect(list.items).toMatchObject([{ displayName: 'Asha Rao', language: 'hi' }]);
  });
});
