import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrepaidMeter, createPrepaidTariff } from '../../../../test/factories/prepaid.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { type MomoSandbox, startMomoSandbox } from '../../../channels/momo/index.ts';

let momo: MomoSandbox;
let app: TestApp;
let owner: ApiClient;

beforeAll(async () => {
  momo = await startMomoSandbox({
    dropCallbacks: true,
    payerRules: [{ msisdnSuffix: '111', status: 'SUCCESSFUL' }],
  });
  app = await startTestApp({ env: momo.appEnv() });
  await app.startWorker();
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  owner = await app.signIn('owner@example.com');
  await createPrepaidTariff(app);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await momo?.close();
});

const rwf = (amountMinor: number) => ({ amountMinor, currency: 'RWF' });
const today = () => new Date().toISOString().slice(0, 10);
/** The messages the outbox holds for `to` with `template`, their texts. */
const messages = async (template: string, to: string) =>
  (
    await app.database.pool.query<{ body: string }>(
      'select body from notification where template = $1 and recipient = $2 order by created_at',
      [template, to],
    )
  ).rows.map((r) => r.body);

describe('prepaid refunds', () => {
  it('an issued token: asks for a reason, says the token keeps working, then refunds in cash and tells the customer', async () => {
    const { meterId } = await createPrepaidMeter(app, {
      account: { channel: { name: 'email', to: 'household@example.com' }, language: 'fr' },
    });
    const sale = await owner.post('/api/prepaid/purchases', { meterId, method: 'cash', amount: rwf(1500) });
    expect(sale.statusCode).toBe(201);
    const purchaseId = sale.json().id as string;
    expect((await owner.get(`/api/prepaid/purchases/${purchaseId}/refund`)).json()).toMatchObject({
      tokenIssued: true,
      tokenKeepsWorking: true,
      left: rwf(1500),
    });
    const noReason = await owner.post(`/api/prepaid/purchases/${purchaseId}/refund`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe('prepaid.refund_reason_required');
    const notAcknowledged = await owner.post(`/api/prepaid/purchases/${purchaseId}/refund`, {
      reason: 'wrong meter',
    });
    expect(notAcknowledged.statusCode).toBe(409);
    expect(notAcknowledged.json().code).toBe('prepaid.token_keeps_working');
    const refunded = await owner.post(`/api/prepaid/purchases/${purchaseId}/refund`, {
      reason: 'wrong meter',
      tokenKeepsWorking: true,
    });
    expect(refunded.statusCode).toBe(200);
    expect(refunded.json()).toMatchObject({
      tokenIssued: true,
      refund: { status: 'succeeded', method: 'cash', amount: rwf(1500) },
    });
    const [mail] = await messages('prepaid.refund', 'household@example.com');
    expect(mail).toMatch(/wrong meter/);
    expect(mail).toMatch(/continue de fonctionner/);
    // The day's takings are net of it.
    const report = (await owner.get(`/api/prepaid/reports/sales?from=${today()}&to=${today()}`)).json();
    const cash = report.sales.find((r: { method: string }) => r.method === 'cash');
    expect(cash.refundedAmountMinor).toBeGreaterThanOrEqual(1500);
    expect(cash.netAmountMinor).toBe(cash.paidAmountMinor - cash.refundedAmountMinor);
  });

  it('a payment whose token was never issued (MTN reported another amount) is refunded through MoMo, without a reason asked', async () => {
    const { meterId } = await createPrepaidMeter(app);
    const sale = await owner.post('/api/prepaid/purchases', {
      meterId,
      method: 'momo',
      amount: rwf(2000),
      msisdn: '+250788000112',
    });
    expect(sale.statusCode).toBe(201);
    const purchaseId = sale.json().id as string;
    const paymentId = sale.json().paymentId as string;
    const request = await momo.waitForRequestToPay((p) => p.referenceId === paymentId);
    request.amount = '1900'; // the network took another amount: no token for it
    await momo.settle(paymentId, 'SUCCESSFUL');
    await eventually(
      async () => {
        await owner.post(`/api/payments/${paymentId}/check`);
        return (await owner.get(`/api/payments/${paymentId}`)).json().status === 'mismatch';
      },
      { what: 'the payment to be refused as mismatch' },
    );
    expect((await owner.get(`/api/prepaid/purchases/${purchaseId}/refund`)).json()).toMatchObject({
      tokenIssued: false,
      left: rwf(1900),
    });
    const res = await owner.post(`/api/prepaid/purchases/${purchaseId}/refund`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ tokenIssued: false, refund: { method: 'momo', amount: rwf(1900) } });
    const refundId = res.json().refund.id as string;
    await eventually(
      async () => (await owner.get(`/api/refunds/${refundId}`)).json().status === 'succeeded',
      {
        what: 'the MoMo refund to be paid back',
      },
    );
    expect(momo.refunds().filter((r) => r.referenceIdToRefund === paymentId)).toHaveLength(1);
    const [sms] = await eventually(async () => {
      const found = await messages('prepaid.refund_sms', '+250788000112');
      return found.length ? found : undefined;
    });
    expect(sms).toMatch(/was refunded for meter/);
    expect(sms).not.toMatch(/keeps working/);
  });
});
