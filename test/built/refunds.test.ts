import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AirtelSandbox, startAirtelSandbox } from '../../src/channels/airtel/index.ts';
import { type MomoSandbox, startMomoSandbox } from '../../src/channels/momo/index.ts';
import { eventually } from '../support/eventually.ts';
import { type BuiltServer, freePort, runCli, startBuiltServer } from '../support/processes.ts';
import { freshDatabaseEnv } from '../support/test-database.ts';
import { showServerLogOnFailure } from './server-log.ts';
import { type StaffSession, signIn } from './staff-session.ts';

// Issue 53 on the built server (`node dist/src/app/cli.js start`): money back through MTN MoMo's
// Disbursements refund and Airtel Money's reversal, each provider a stand-in on 127.0.0.1 that calls
// the server back; the refund is settled by the status check, once, and its receipt is a PDF.

const OWNER = 'owner@refunds.example';
const PASSWORD = 'correct horse battery staple';
const AIRTEL_CALLBACK_SECRET = 'dist-refund-airtel-secret';

const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-dist-refunds-'));
let momo: MomoSandbox;
let airtel: AirtelSandbox;
let server: BuiltServer;
let owner: StaffSession;
let raffleId: string;

beforeAll(async () => {
  const port = String(await freePort());
  const url = `http://127.0.0.1:${port}`;
  [momo, airtel] = await Promise.all([
    startMomoSandbox({ payerRules: [{ msisdnSuffix: '111', status: 'SUCCESSFUL' }] }),
    startAirtelSandbox({
      callbackUrl: `${url}/webhooks/airtel`,
      callbackHmacSecret: AIRTEL_CALLBACK_SECRET,
      payerRules: [{ msisdnSuffix: '733', status: 'TS' }],
    }),
  ]);
  const env = {
    ...(await freshDatabaseEnv(dataDir)),
    PORT: port,
    OPSDESK_PUBLIC_URL: url,
    OPSDESK_CURRENCY: 'RWF',
    ...momo.appEnv(),
    ...airtel.appEnv(AIRTEL_CALLBACK_SECRET),
  };
  const created = await runCli(['create-user', '--email', OWNER, '--role', 'owner'], {
    ...env,
    OPSDESK_NEW_PASSWORD: PASSWORD,
  });
  expect(created.code, created.output).toBe(0);
  server = await startBuiltServer(['start'], env);
  owner = await signIn(server.url, OWNER, PASSWORD);
  const raffle = await owner.post('/api/raffle/raffles', {
    title: 'Rifa devuelta',
    priceMinor: 3000,
    currency: 'RWF',
    minNumber: 1,
    maxNumber: 30,
    prizes: ['Bicycle'],
  });
  expect(raffle.status, raffle.text).toBe(201);
  raffleId = raffle.json().id;
  expect((await owner.post(`/api/raffle/raffles/${raffleId}/start-selling`)).status).toBe(200);
}, 240_000);

showServerLogOnFailure(() => server?.output());
afterAll(async () => {
  await server?.stop();
  await Promise.all([momo?.close(), airtel?.close()]);
  rmSync(dataDir, { recursive: true, force: true });
});

let buyers = 0;
/** A raffle order paid by mobile money: the stand-in's payer approves and calls the server back. */
async function paidOrder(provider: 'momo' | 'airtel'): Promise<{ orderId: string; paymentId: string }> {
  const order = await owner.post(`/api/raffle/raffles/${raffleId}/reservations`, {
    waId: `59598170${String(++buyers).padStart(4, '0')}`,
    numbers: [buyers],
  });
  expect(order.status, order.text).toBe(201);
  const payment = await owner.post('/api/payments/mobile-money', {
    provider,
    amount: { amountMinor: 3000, currency: 'RWF' },
    msisdn: provider === 'momo' ? '+250788000111' : '+250733000733',
    purpose: { type: 'raffle.order', id: order.json().id },
  });
  expect(payment.status, payment.text).toBe(202);
  const paymentId = payment.json().id as string;
  await eventually(
    async () => (await owner.get(`/api/payments/${paymentId}`)).json().status === 'succeeded',
    {
      what: `the ${provider} payment to settle`,
      timeoutMs: 45_000,
    },
  );
  return { orderId: order.json().id, paymentId };
}

const refundSettles = (refundId: string) =>
  eventually(
    async () => {
      const refund = (await owner.get(`/api/refunds/${refundId}`)).json();
      return refund.status === 'succeeded' ? refund : undefined;
    },
    { what: `refund ${refundId} to be paid back`, timeoutMs: 45_000 },
  );

describe('refunds on the built server', () => {
  it('cancels a MoMo-paid order with a refund through MTN, paid back once, with a PDF receipt', async () => {
    const { orderId, paymentId } = await paidOrder('momo');
    const res = await owner.post(`/api/raffle/orders/${orderId}/refund`, {
      reason: 'raffle postponed',
      tickets: 'release',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json().refund).toMatchObject({ method: 'momo', amount: { amountMinor: 3000 } });
    const refund = await refundSettles(res.json().refund.id);
    const atMtn = momo.refunds().filter((r) => r.referenceIdToRefund === paymentId);
    expect(atMtn).toHaveLength(1);
    expect(atMtn[0]).toMatchObject({
      referenceId: refund.providerReference,
      amount: '3000',
      status: 'SUCCESSFUL',
    });
    expect(momo.phone().find((p) => p.reference === paymentId)?.refunded).toBe('3000');
    const receipt = await owner.get(`/api/refunds/${refund.id}/receipt.pdf?lang=es`);
    expect(receipt.status).toBe(200);
    expect(receipt.headers.get('content-type')).toMatch(/application\/pdf/);
    // Its words are drawn in the embedded Noto faces (Devanagari too), which keep no plain text to read.
    expect(receipt.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(receipt.bytes.length).toBeGreaterThan(2_000);
  });

  it('refunds an Airtel payment in full through its reversal, settled after the signed callback', async () => {
    const { paymentId } = await paidOrder('airtel');
    const res = await owner.call(
      'POST',
      `/api/payments/${paymentId}/refunds`,
      {
        amount: { amountMinor: 3000, currency: 'RWF' },
        method: 'airtel',
        reason: 'paid twice',
      },
      { 'idempotency-key': 'dist-airtel-refund' },
    );
    expect(res.status, res.text).toBe(201);
    await refundSettles(res.json().id);
    expect(airtel.payment(paymentId)?.status).toBe('TR');
    const list = (await owner.get('/api/refunds?status=succeeded')).json();
    expect(list.items.length).toBeGreaterThanOrEqual(2);
    const csv = await owner.get('/api/refunds/export.csv');
    expect(csv.status).toBe(200);
    expect(csv.text).toMatch(/paid twice/);
  });
});
