import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.ts';
import { type AirtelSandbox, startAirtelSandbox } from '../../../channels/airtel/index.ts';
import { reconcileJob } from '../index.ts';
import { type PaymentsTestApp, recordPaymentOutcomes, startPaymentsApp } from './payments-test-kit.ts';

let airtel: AirtelSandbox;
let t: PaymentsTestApp;
let appUrl: string;
const CALLBACK_SECRET = 'airtel-callback-secret';
const { settled, failed, module: outcomes } = recordPaymentOutcomes('airtel_test.order');

beforeAll(async () => {
  airtel = await startAirtelSandbox({
    dropCallbacks: true,
    payerRules: [
      { msisdnSuffix: '111', status: 'TS' },
      { msisdnSuffix: '222', status: 'TF', message: 'Insufficient balance' },
      { msisdnSuffix: '333', status: 'TA' },
    ],
  });
  t = await startPaymentsApp(airtel.appEnv(CALLBACK_SECRET), [outcomes]);
  appUrl = await t.app.http.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await t?.close();
  await airtel?.close();
});

let order = 0;
async function requestPayment(msisdn: string) {
  const res = await t.call('POST', '/api/payments/mobile-money', {
    provider: 'airtel',
    amount: { amountMinor: 2000, currency: 'RWF' },
    msisdn,
    purpose: { type: 'airtel_test.order', id: `o-${++order}` },
  });
  expect(res.statusCode).toBe(202);
  return res.json() as { id: string };
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
const callback = (id: string, times = 1) =>
  airtel.sendCallback(id, `${appUrl}/webhooks/airtel`, { times, hmacSecret: CALLBACK_SECRET });

describe('Airtel Money payments', () => {
  it('pushes the national number, our id and the amount, and settles on TS after the callback hint', async () => {
    const p = await requestPayment('+250733000111');
    const pushed = await airtel.waitForPayment((x) => x.id === p.id && x.status === 'TS');
    expect(pushed).toMatchObject({ msisdn: '733000111', amount: 2000, currency: 'RWF' });
    await eventually(async () => (await payment(p.id)).requestedAt);
    const deliveries = await callback(p.id, 2);
    expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
    const done = await statusBecomes(p.id, 'succeeded');
    expect(done).toMatchObject({
      providerStatus: 'TS',
      providerTransactionId: airtel.payment(p.id)!.airtelMoneyId,
    });
    // Each callback's check runs in this process, one after the other for one payment: the second
    // finds the payment settled. Once both are done, it settled, and the module was told, once.
    await t.app.jobs.settled();
    expect(settled.filter((s) => s.id === p.id)).toHaveLength(1);
  });

  it('fails on TF with the message as reason', async () => {
    const p = await requestPayment('+250733000222');
    await airtel.waitForPayment((x) => x.id === p.id && x.status === 'TF');
    await callback(p.id);
    const done = await statusBecomes(p.id, 'failed');
    expect(done.failureReason).toBe('Insufficient balance');
    expect(failed.filter((f) => f.id === p.id)).toHaveLength(1);
  });

  it('keeps an ambiguous TA payment open, asks again, and settles when Airtel is sure', async () => {
    const p = await requestPayment('+250733000333');
    await airtel.waitForPayment((x) => x.id === p.id && x.status === 'TA');
    await callback(p.id);
    const unsure = await statusBecomes(p.id, 'ambiguous');
    expect(unsure.providerStatus).toBe('TA');
    expect(settled.concat(failed).filter((x) => x.id === p.id)).toEqual([]);
    await airtel.settle(p.id, 'TS');
    t.clock.advance(5 * 60_000);
    await t.app.jobs.send(reconcileJob, {});
    await statusBecomes(p.id, 'succeeded');
    expect(settled.filter((s) => s.id === p.id)).toHaveLength(1);
  });

  it('polls a payment still in progress (TIP) without settling it', async () => {
    const p = await requestPayment('+250733000444');
    await airtel.waitForPayment((x) => x.id === p.id);
    await callback(p.id);
    await eventually(async () => (await payment(p.id)).lastCheckedAt);
    // The callback's check is a hint: it leaves the poll's count and schedule alone (issue 61 item 6).
    expect(await payment(p.id)).toMatchObject({ status: 'pending', providerStatus: 'TIP', checkCount: 0 });
  });

  it('refuses a callback without the right hash and checks nothing for it', async () => {
    const p = await requestPayment('+250733000555');
    await airtel.waitForPayment((x) => x.id === p.id);
    const [unsigned] = await airtel.sendCallback(p.id, `${appUrl}/webhooks/airtel`);
    const [forged] = await airtel.sendCallback(p.id, `${appUrl}/webhooks/airtel`, { hmacSecret: 'guess' });
    expect([unsigned!.status, forged!.status]).toEqual([401, 401]);
    expect(await payment(p.id)).toMatchObject({ status: 'pending', checkCount: 0, lastCheckedAt: null });
  });
});
