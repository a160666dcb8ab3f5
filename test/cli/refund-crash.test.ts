import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MomoSandbox, startMomoSandbox } from '../../src/channels/momo/index.ts';
import { eventually } from '../support/eventually.ts';
import { type RunningApp, spawnApp } from '../support/processes.ts';
import { freshDatabaseEnv } from '../support/test-database.ts';

/**
 * Issue 53: a process killed (SIGKILL) in the middle of a MoMo refund call loses no refund it
 * acknowledged and pays none twice. MTN's stand-in holds the refund call unanswered, the app is
 * killed while it waits, and a fresh process settles what was out: by MTN's status when MTN had it
 * (once), by sending it again under the same reference when MTN never got it (once).
 */
const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-refund-crash-'));
let env: Record<string, string>;
let momo: MomoSandbox;
let running: RunningApp | undefined;

beforeAll(async () => {
  momo = await startMomoSandbox({
    dropCallbacks: true,
    payerRules: [{ msisdnSuffix: '111', status: 'SUCCESSFUL' }],
  });
  env = {
    ...(await freshDatabaseEnv(dataDir)),
    ...momo.appEnv(),
    // A refund's call is bounded by this (4 × it plus 2 s is how long a claimed send may be in flight).
    OPSDESK_OUTSIDE_CALL_TIMEOUTS: 'momo=1500',
    FIXTURE_OWNER: 'owner@example.com:correct horse battery',
  };
});
afterAll(async () => {
  running?.child.kill('SIGKILL');
  await momo?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

type Json = Record<string, unknown> & { id: string; status: string };

async function signIn(app: RunningApp) {
  const res = await fetch(app.url('/api/auth/login'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@example.com', password: 'correct horse battery' }),
  });
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async (path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const r = await fetch(app.url(path), {
      method: body ? 'POST' : 'GET',
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: r.status, json: (await r.json()) as Json };
  };
}
type Call = Awaited<ReturnType<typeof signIn>>;

/** A raffle order paid through MoMo (the stand-in's payer approves at once). */
async function momoPayment(call: Call, amountMinor: number): Promise<string> {
  const raffle = await call('/api/raffle/raffles', {
    title: `Crash ${amountMinor}`,
    priceMinor: amountMinor,
    currency: 'RWF',
    minNumber: 1,
    maxNumber: 50,
    prizes: ['A bicycle'],
  });
  expect(raffle.status).toBe(201);
  expect((await call(`/api/raffle/raffles/${raffle.json.id}/start-selling`, {})).status).toBe(200);
  const order = await call(`/api/raffle/raffles/${raffle.json.id}/reservations`, {
    waId: `2507880${String(amountMinor).padStart(5, '0')}`,
    numbers: [1],
  });
  expect(order.status).toBe(201);
  const payment = await call('/api/payments/mobile-money', {
    provider: 'momo',
    amount: { amountMinor, currency: 'RWF' },
    msisdn: '+250788000111',
    purpose: { type: 'raffle.order', id: order.json.id },
  });
  expect(payment.status).toBe(202);
  await eventually(
    async () => {
      await call(`/api/payments/${payment.json.id}/check`, {});
      return (await call(`/api/payments/${payment.json.id}`)).json.status === 'succeeded';
    },
    { what: 'the MoMo payment to succeed' },
  );
  return payment.json.id;
}

async function killAndRestart(): Promise<Call> {
  running!.child.kill('SIGKILL');
  await new Promise((r) => running!.child.once('exit', r));
  momo.releaseRefunds();
  momo.holdRefundCalls(null);
  running = await spawnApp(env);
  return signIn(running);
}

/** Waits until the refund is paid back, as staff pressing "check" (or the minute's poll) would find it. */
const settled = (call: Call, refundId: string) =>
  eventually(
    async () => {
      await call(`/api/refunds/${refundId}/check`, {});
      const refund = (await call(`/api/refunds/${refundId}`)).json;
      return refund.status === 'succeeded' ? refund : undefined;
    },
    { timeoutMs: 45_000, what: `refund ${refundId} to be paid back after the restart` },
  );

describe('a refund whose process is killed mid-call', () => {
  it('MTN had paid it, only the answer was lost: settled by its status, paid once', async () => {
    running = await spawnApp(env);
    let call = await signIn(running);
    const paymentId = await momoPayment(call, 4000);
    momo.holdRefundCalls('after');
    const asked = await call(
      `/api/payments/${paymentId}/refunds`,
      { amount: { amountMinor: 4000, currency: 'RWF' }, method: 'momo', reason: 'raffle called off' },
      { 'idempotency-key': 'crash-after' },
    );
    expect(asked.status).toBe(201);
    await eventually(() => momo.heldRefundCalls() >= 1, { what: 'the refund call to reach MTN' });

    call = await killAndRestart();
    const refund = await settled(call, asked.json.id);
    expect(refund.status).toBe('succeeded');
    const atMtn = momo.refunds().filter((r) => r.referenceIdToRefund === paymentId);
    expect(atMtn).toHaveLength(1);
    expect(atMtn[0]).toMatchObject({ amount: '4000', status: 'SUCCESSFUL' });
    // The acknowledged request is kept: sent again with its key, it answers the same refund.
    const again = await call(
      `/api/payments/${paymentId}/refunds`,
      { amount: { amountMinor: 4000, currency: 'RWF' }, method: 'momo', reason: 'raffle called off' },
      { 'idempotency-key': 'crash-after' },
    );
    expect(again.json.id).toBe(asked.json.id);
    expect((await call(`/api/payments/${paymentId}/refunds`)).json).toMatchObject({
      refunded: { amountMinor: 4000 },
      left: { amountMinor: 0 },
    });
  }, 180_000);

  it('MTN never got it: sent again under the same reference after the restart, paid once', async () => {
    let call = await signIn(running!);
    const paymentId = await momoPayment(call, 2500);
    momo.holdRefundCalls('before');
    const before = momo.heldRefundCalls();
    const asked = await call(`/api/payments/${paymentId}/refunds`, {
      amount: { amountMinor: 1000, currency: 'RWF' },
      method: 'momo',
      reason: 'paid twice',
    });
    expect(asked.status).toBe(201);
    await eventually(() => momo.heldRefundCalls() > before, { what: 'the refund call to be held' });

    call = await killAndRestart();
    const refund = await settled(call, asked.json.id);
    const atMtn = momo.refunds().filter((r) => r.referenceIdToRefund === paymentId);
    expect(atMtn).toHaveLength(1);
    expect(atMtn[0]).toMatchObject({ referenceId: refund.providerReference, amount: '1000' });
    expect((await call(`/api/payments/${paymentId}/refunds`)).json).toMatchObject({
      refunded: { amountMinor: 1000 },
      left: { amountMinor: 1500 },
    });
  }, 180_000);
});
