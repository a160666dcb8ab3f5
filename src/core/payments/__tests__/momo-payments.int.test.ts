import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.ts';
import { type MomoSandbox, startMomoSandbox } from '../../../channels/momo/index.ts';
import { searchAudit } from '../../audit/index.ts';
import { inTransaction } from '../../context/index.ts';
import { findOrganizationBySlug } from '../../orgs/index.ts';
import { reconcileJob, requestMobileMoneyPayment, requestToPayJob } from '../index.ts';
import { sendRequestToPay } from '../send-request-to-pay.ts';
import {
  completedJobs,
  type PaymentsTestApp,
  recordPaymentOutcomes,
  startPaymentsApp,
} from './payments-test-kit.ts';

let momo: MomoSandbox;
let t: PaymentsTestApp;
let appUrl: string;
const { settled, failed, module: outcomes } = recordPaymentOutcomes('momo_test.order');

beforeAll(async () => {
  momo = await startMomoSandbox({
    dropCallbacks: true,
    payerRules: [{ msisdnSuffix: '222', status: 'FAILED', reason: 'NOT_ENOUGH_FUNDS' }],
  });
  t = await startPaymentsApp(momo.appEnv(), [outcomes]);
  appUrl = await t.app.http.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await t?.close();
  await momo?.close();
});

let order = 0;
async function requestPayment(msisdn = '+250788000111', headers: Record<string, string> = {}) {
  const res = await t.call(
    'POST',
    '/api/payments/mobile-money',
    {
      provider: 'momo',
      amount: { amountMinor: 1500, currency: 'RWF' },
      msisdn,
      purpose: { type: 'momo_test.order', id: `o-${++order}` },
    },
    headers,
  );
  expect(res.statusCode).toBe(202);
  return res.json() as { id: string; status: string; providerReference: string };
}

const payment = async (id: string) => (await t.call('GET', `/api/payments/${id}`)).json();
const statusBecomes = (id: string, status: string) =>
  eventually(
    async () => {
      const p = await payment(id);
      return p.status === status ? p : undefined;
    },
    { what: `payment ${id} to become ${status}` },
  );
const requested = (id: string) =>
  eventually(async () => (await payment(id)).requestedAt, { what: `request of ${id}` });
const requestsToPay = (id: string) =>
  momo.requests.filter(
    (r) =>
      r.method === 'POST' && r.path === '/collection/v1_0/requesttopay' && r.headers['x-reference-id'] === id,
  );
/** The job about `paymentId` once it has completed or failed for good, as pg-boss stored it. */
async function settledJob(name: string, paymentId: string) {
  const { rows } = await t.app.database.pool.query<{ state: string; retry_count: number }>(
    `select state, retry_count from pgboss.job where name = $1 and data->>'paymentId' = $2`,
    [name, paymentId],
  );
  const row = rows[0];
  if (!row || (row.state !== 'completed' && row.state !== 'failed')) return undefined;
  return { state: row.state, attempts: row.retry_count + 1 };
}

/**
 * How long a job failing once may take to finish, from its queue's stored retry settings: pg-boss
 * waits between retry_delay and twice that (backoff with jitter) before the first retry, the worker
 * sees it at its next poll (0.5 s in test apps), and the rest is room for a loaded machine (a minute:
 * on a machine shared by other work the worker's poll and the job itself can each take seconds).
 */
async function firstRetryBoundMs(name: string): Promise<number> {
  const { rows } = await t.app.database.pool.query<{ retry_delay: number; retry_backoff: boolean }>(
    'select retry_delay, retry_backoff from pgboss.queue where name = $1',
    [name],
  );
  const { retry_delay: delay, retry_backoff: backoff } = rows[0]!;
  const firstRetrySeconds = backoff ? 2 * Math.max(delay, 1) : delay;
  return (firstRetrySeconds + 0.5) * 1000 + 60_000;
}

/** One tick of the reconciliation schedule, after the first poll is due. */
async function pollNow(ms = 60_000) {
  t.clock.advance(ms);
  await t.app.jobs.send(reconcileJob, {});
}

/** One tick of the reconciliation schedule once the clock has reached `at` (a payment's next check). */
async function pollAt(at: string) {
  t.clock.advance(Math.max(0, new Date(at).getTime() - t.clock.now().getTime()) + 1000);
  await t.app.jobs.send(reconcileJob, {});
}

async function auditActions(paymentId: string) {
  const org = await findOrganizationBySlug(t.app.database.db, 'default');
  const ctx = t.app.deps.systemCtx(org!.id, 'test');
  const { items } = await searchAudit(ctx, { subjectType: 'payment', subjectId: paymentId, limit: 50 });
  return items.map((i) => i.action).reverse();
}

describe('MTN MoMo payments', () => {
  it('sends one request-to-pay keyed by the payment id, with the amount as a decimal string', async () => {
    const p = await requestPayment();
    expect(p).toMatchObject({ status: 'pending', providerReference: p.id });
    const sent = await momo.waitForRequestToPay((r) => r.referenceId === p.id);
    expect(sent).toMatchObject({
      amount: '1500',
      currency: 'RWF',
      payer: { partyIdType: 'MSISDN', partyId: '250788000111' },
    });
    await requested(p.id);
  });

  it('settles by polling when the callback never arrives', async () => {
    const p = await requestPayment();
    await momo.waitForRequestToPay((r) => r.referenceId === p.id);
    await requested(p.id);
    await momo.settle(p.id, 'SUCCESSFUL');
    expect(momo.callbacks.filter((c) => c.referenceId === p.id)).toEqual([]);
    await pollNow();
    const done = await statusBecomes(p.id, 'succeeded');
    expect(done.providerTransactionId).toBe(momo.payment(p.id)!.financialTransactionId);
    expect(settled.filter((s) => s.id === p.id)).toHaveLength(1);
  });

  it('settles once when the callback is delivered twice, telling the module once', async () => {
    const p = await requestPayment();
    await momo.waitForRequestToPay((r) => r.referenceId === p.id);
    await momo.settle(p.id, 'SUCCESSFUL');
    const deliveries = await momo.sendCallback(p.id, { times: 2, url: `${appUrl}/webhooks/momo` });
    expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
    await statusBecomes(p.id, 'succeeded');
    // Each callback's check runs in this process, one after the other for one payment: the second
    // finds the payment settled. Once both are done, it settled, and the module was told, once.
    await t.app.jobs.settled();
    expect(settled.filter((s) => s.id === p.id)).toHaveLength(1);
    expect((await auditActions(p.id)).filter((a) => a === 'payments.payment.succeeded')).toHaveLength(1);
  });

  it('polls by its own back-off whatever duplicate callbacks say, and settles when its check comes due', async () => {
    // Issue 61 item 6: each callback's check counted as a poll and put the next one later (up to
    // 5 minutes), so a payer whose callbacks came while the payment was pending waited for minutes.
    const p = await requestPayment();
    await momo.waitForRequestToPay((r) => r.referenceId === p.id);
    await requested(p.id);
    const hints = async () => {
      const deliveries = await momo.sendCallback(p.id, { times: 3, url: `${appUrl}/webhooks/momo` });
      expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
      await t.app.jobs.settled();
    };
    const asRequested = await payment(p.id);
    expect(asRequested).toMatchObject({ status: 'pending', checkCount: 0, lastCheckedAt: null });

    await hints();
    const afterHints = await payment(p.id);
    expect(afterHints.lastCheckedAt).not.toBeNull(); // each hint asked the provider …
    expect(afterHints).toMatchObject({
      status: 'pending',
      checkCount: 0,
      nextCheckAt: asRequested.nextCheckAt,
    });

    await pollAt(asRequested.nextCheckAt); // … but the first poll comes when it was scheduled
    const polled = await eventually(async () => {
      const now = await payment(p.id);
      return now.checkCount === 1 ? now : undefined;
    });
    const spacing = Date.parse(polled.nextCheckAt) - Date.parse(polled.lastCheckedAt);
    expect(spacing).toBeGreaterThan(25_000); // the second poll 30 s after the first (then 60, 120 … 300)
    expect(spacing).toBeLessThanOrEqual(30_000);

    await hints();
    expect(await payment(p.id)).toMatchObject({
      status: 'pending',
      checkCount: 1,
      nextCheckAt: polled.nextCheckAt,
    });

    await momo.settle(p.id, 'SUCCESSFUL'); // the callbacks are dropped: only the poll can tell
    await pollAt(polled.nextCheckAt);
    const done = await statusBecomes(p.id, 'succeeded');
    expect(done.providerTransactionId).toBe(momo.payment(p.id)!.financialTransactionId);
    expect(await completedJobs(t.app, 'payments.check-status', p.id)).toBe(2); // the two polls' checks
    expect(settled.filter((s) => s.id === p.id)).toHaveLength(1);
  });

  it('does not trust the callback body: a forged SUCCESSFUL callback changes nothing', async () => {
    const p = await requestPayment();
    await momo.waitForRequestToPay((r) => r.referenceId === p.id);
    await requested(p.id);
    const forged = await fetch(`${appUrl}/webhooks/momo`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ externalId: p.id, status: 'SUCCESSFUL', amount: '1500', currency: 'RWF' }),
    });
    expect(forged.status).toBe(200);
    await eventually(async () => (await payment(p.id)).lastCheckedAt);
    expect((await payment(p.id)).status).toBe('pending');
    const unknown = await fetch(`${appUrl}/webhooks/momo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ externalId: 'nope', status: 'SUCCESSFUL' }),
    });
    expect(unknown.status).toBe(200);
  });

  it('fails with the provider reason when the payer cannot pay', async () => {
    const p = await requestPayment('+250788000222');
    await momo.waitForRequestToPay((r) => r.referenceId === p.id && r.status === 'FAILED');
    await requested(p.id); // the provider has it; wait until our side has recorded sending it, then poll
    await pollNow();
    const done = await statusBecomes(p.id, 'failed');
    expect(done.failureReason).toBe('NOT_ENOUGH_FUNDS');
    expect(failed.filter((f) => f.id === p.id)).toHaveLength(1);
  });

  it('fetches a new token when the cached one stops working mid-run', async () => {
    const p = await requestPayment();
    await momo.waitForRequestToPay((r) => r.referenceId === p.id);
    await requested(p.id);
    const tokensBefore = momo.requests.filter((r) => r.path === '/collection/token/').length;
    momo.expireTokens();
    await momo.settle(p.id, 'SUCCESSFUL');
    await pollNow();
    await statusBecomes(p.id, 'succeeded');
    expect(momo.requests.filter((r) => r.path === '/collection/token/').length).toBe(tokensBefore + 1);
  });

  it('retries the request after a 500 and still charges once', async () => {
    // Only the request-to-pay may fail: status checks of earlier tests' payments still run in the
    // background and used to take the failure, leaving this request unretried.
    momo.failNextRequests(1, 500, 'POST /collection/v1_0/requesttopay');
    const p = await requestPayment();
    const job = await eventually(() => settledJob(requestToPayJob.name, p.id), {
      timeoutMs: await firstRetryBoundMs(requestToPayJob.name),
      what: 'the request-to-pay job to finish',
    });
    expect(job).toEqual({ state: 'completed', attempts: 2 });
    expect((await payment(p.id)).requestedAt).not.toBeNull();
    expect(requestsToPay(p.id)).toHaveLength(2);
    expect(momo.payments().filter((r) => r.referenceId === p.id)).toHaveLength(1);
    // Bounded by the stored retry settings, not the default test timeout: a loaded machine waits longer.
  }, 150_000);

  it('treats a repeated request-to-pay (409) as already sent', async () => {
    const p = await requestPayment();
    await requested(p.id);
    const org = await findOrganizationBySlug(t.app.database.db, 'default');
    await t.app.jobs.send(requestToPayJob, { orgId: org!.id, paymentId: p.id });
    await eventually(async () =>
      (await completedJobs(t.app, requestToPayJob.name, p.id)) === 2 ? true : undefined,
    );
    expect(requestsToPay(p.id)).toHaveLength(2);
    expect(momo.payments().filter((r) => r.referenceId === p.id)).toHaveLength(1);
    expect((await payment(p.id)).status).toBe('pending');
    expect((await auditActions(p.id)).filter((a) => a === 'payments.payment.sent')).toHaveLength(1);
  });

  it('does not send a request MTN already has again, when a retry finds its record lost (a failover)', async () => {
    const p = await requestPayment();
    await requested(p.id);
    // The first attempt's call reached MTN, and the write that recorded it did not reach the database.
    await t.app.database.pool.query('update payment set requested_at = null where id = $1', [p.id]);
    const org = await findOrganizationBySlug(t.app.database.db, 'default');
    await sendRequestToPay(t.app.deps.systemCtx(org!.id, 'test'), t.app.deps, {
      paymentId: p.id,
      attempt: 2,
    });
    expect(requestsToPay(p.id)).toHaveLength(1);
    expect((await payment(p.id)).requestedAt).not.toBeNull();
    expect((await payment(p.id)).status).toBe('pending');
  });

  it('creates one payment and one charge for two concurrent requests with one Idempotency-Key', async () => {
    const body = {
      provider: 'momo',
      amount: { amountMinor: 900, currency: 'RWF' },
      msisdn: '+250788000111',
      purpose: { type: 'momo_test.order', id: 'idem-1' },
    };
    const headers = { 'idempotency-key': 'momo-idem-1' };
    const [a, b] = await Promise.all([
      t.call('POST', '/api/payments/mobile-money', body, headers),
      t.call('POST', '/api/payments/mobile-money', body, headers),
    ]);
    expect(a.json().id).toBe(b.json().id);
    await requested(a.json().id);
    expect(
      (await t.call('GET', '/api/payments?purposeType=momo_test.order&purposeId=idem-1')).json().total,
    ).toBe(1);
    expect(momo.payments().filter((r) => r.referenceId === a.json().id)).toHaveLength(1);
  });

  it('times out an unanswered request at the deadline, and flags a success reported afterwards', async () => {
    const p = await requestPayment();
    await requested(p.id);
    await pollNow(31 * 60_000);
    const timedOut = await statusBecomes(p.id, 'failed');
    expect(timedOut.failureReason).toBe('timeout');
    expect(failed.filter((f) => f.id === p.id)).toHaveLength(1);
    await momo.settle(p.id, 'SUCCESSFUL');
    await momo.sendCallback(p.id, { url: `${appUrl}/webhooks/momo` });
    const late = await statusBecomes(p.id, 'mismatch');
    expect(late.failureReason).toBe('succeeded_after_timeout');
    expect(settled.filter((s) => s.id === p.id)).toHaveLength(0);
    expect(failed.filter((f) => f.id === p.id)).toHaveLength(1);
  });

  it('refuses a request for a provider that is not configured', async () => {
    const res = await t.call('POST', '/api/payments/mobile-money', {
      provider: 'airtel',
      amount: { amountMinor: 900, currency: 'RWF' },
      msisdn: '+250733000111',
      purpose: { type: 'momo_test.order', id: 'x' },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('payments.provider_not_configured');
  });

  it("queues the request with the caller's transaction: nothing on rollback, one charge after commit", async () => {
    const org = await findOrganizationBySlug(t.app.database.db, 'default');
    const ctx = t.app.deps.systemCtx(org!.id, 'test');
    const deps = t.app.deps;
    const input = (id: string) => ({
      provider: 'momo' as const,
      amount: { amountMinor: 700, currency: 'RWF' },
      msisdn: '+250788000111',
      purpose: { type: 'momo_test.order', id },
    });
    let rolledBack = '';
    await expect(
      inTransaction(ctx, async (tx) => {
        rolledBack = (await requestMobileMoneyPayment(tx, deps, input('tx-rollback'))).id;
        throw new Error('caller gives up');
      }),
    ).rejects.toThrow('caller gives up');
    const kept = await inTransaction(ctx, (tx) => requestMobileMoneyPayment(tx, deps, input('tx-commit')));
    await momo.waitForRequestToPay((r) => r.referenceId === kept.id);
    await requested(kept.id);
    expect(requestsToPay(kept.id)).toHaveLength(1);
    const { rows } = await t.app.database.pool.query(
      `select id from pgboss.job where name = $1 and data->>'paymentId' = $2`,
      [requestToPayJob.name, rolledBack],
    );
    expect(rows).toEqual([]);
    expect(requestsToPay(rolledBack)).toEqual([]);
  });
});
