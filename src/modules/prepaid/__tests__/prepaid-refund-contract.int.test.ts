import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPrepaidMeter,
  createPrepaidTariff,
  signInToPortal,
} from '../../../../test/factories/prepaid.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { moduleImport } from '../../../../test/support/import-kit.ts';
import { pdfTextRuns } from '../../../../test/support/pdf-text.ts';
import { TEST_MODULES } from '../../../../test/support/template-sources.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { type MomoSandbox, startMomoSandbox } from '../../../channels/momo/index.ts';
import { dumpdataSource } from '../../../core/imports/index.ts';

/*
 * Issue 62 for prepaid: a refund made on the payment page was missing from the purchase, the sales
 * report, the portal's purchase list and the monthly statement, and skipped the module's
 * `tokenKeepsWorking` acknowledgement; an imported purchase could not be refunded (404); two module
 * refunds under one Idempotency-Key both went through MTN. One path now: whichever route asks, the
 * purchase's refund contract decides and records, and every money view nets what went back.
 */

let momo: MomoSandbox;
let app: TestApp;
let owner: ApiClient;
let ops: ApiClient;

beforeAll(async () => {
  momo = await startMomoSandbox({
    dropCallbacks: true,
    payerRules: [{ msisdnSuffix: '111', status: 'SUCCESSFUL' }],
  });
  app = await startTestApp({ env: momo.appEnv() });
  await app.startWorker();
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  await app.createStaff({ email: 'ops@example.com', role: 'ops' });
  owner = await app.signIn('owner@example.com');
  ops = await app.signIn('ops@example.com');
  await createPrepaidTariff(app);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await momo?.close();
});

const rwf = (amountMinor: number) => ({ amountMinor, currency: 'RWF' });
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const thisMonth = () => new Date().toISOString().slice(0, 7);
let households = 0;

/** A French-speaking household with a portal phone and a cash purchase of 1,500 RWF (token issued). */
async function household() {
  const n = ++households;
  const phone = `+25078830${String(n).padStart(4, '0')}`;
  const email = `refund-household-${n}@example.com`;
  const meter = await createPrepaidMeter(app, {
    account: { phone, channel: { name: 'email', to: email }, language: 'fr' },
  });
  const sale = await owner.post('/api/prepaid/purchases', {
    meterId: meter.meterId,
    method: 'cash',
    amount: rwf(1500),
  });
  expect(sale.statusCode, sale.body).toBe(201);
  const purchase = sale.json() as { id: string; paymentId: string; token: string };
  expect(purchase.token).toBeTruthy();
  return { ...meter, phone, email, purchase };
}

/** What every money view says of a household's purchase: its record, the portal, the statement, the day's cash. */
async function moneyViews(h: Awaited<ReturnType<typeof household>>) {
  const record = (await owner.get(`/api/prepaid/purchases/${h.purchase.id}`)).json();
  const { session } = await signInToPortal(app, { phone: h.phone, meterNumber: h.number, codeTo: h.email });
  const portal = await app.http.inject({
    method: 'GET',
    url: `/api/prepaid/portal/${app.defaultOrg}/purchases`,
    headers: { 'x-portal-session': session },
  });
  expect(portal.statusCode, portal.body).toBe(200);
  const listed = portal.json().items.find((p: { id: string }) => p.id === h.purchase.id);
  const statement = await owner.get(`/api/prepaid/accounts/${h.accountId}/statement?month=${thisMonth()}`);
  expect(statement.statusCode).toBe(200);
  const report = (await owner.get(`/api/prepaid/reports/sales?from=${day(-1)}&to=${day(1)}`)).json();
  const cash = (report.sales as Array<{ method: string; refundedAmountMinor: number }>)
    .filter((r) => r.method === 'cash')
    .reduce((sum, r) => sum + r.refundedAmountMinor, 0);
  return {
    record,
    listed,
    statement: pdfTextRuns(statement.rawPayload).join(' ').replace(/\s+/g, ' '),
    cashRefunded: cash,
  };
}

const cashRefunded = async () => (await moneyViews(await household())).cashRefunded;

/** A MoMo purchase of `amountMinor` RWF for a new meter, paid (its payer's number approves every prompt). */
async function paidMomoPurchase(amountMinor: number) {
  const { meterId } = await createPrepaidMeter(app);
  const sale = await owner.post('/api/prepaid/purchases', {
    meterId,
    method: 'momo',
    amount: rwf(amountMinor),
    msisdn: '+250788000111',
  });
  const purchase = sale.json() as { id: string; paymentId: string };
  await eventually(
    async () => {
      await owner.post(`/api/payments/${purchase.paymentId}/check`);
      return (await owner.get(`/api/prepaid/purchases/${purchase.id}`)).json().status === 'paid';
    },
    { what: 'the MoMo purchase to be paid' },
  );
  return purchase;
}

/** What the customer was told of refunds, by e-mail. */
const refundMails = async (to: string) =>
  (
    await app.database.pool.query<{ body: string }>(
      `select body from notification where template = 'prepaid.refund' and recipient = $1`,
      [to],
    )
  ).rows.map((r) => r.body);

describe('a prepaid refund, whichever route asks', () => {
  it('through core’s payment route: the purchase, the sales report, the portal and the statement net it', async () => {
    const h = await household();
    const before = await cashRefunded();
    const res = await owner.post(`/api/payments/${h.purchase.paymentId}/refunds`, {
      amount: rwf(600),
      method: 'cash',
      reason: 'wrong meter',
      options: { tokenKeepsWorking: true },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'succeeded', options: { tokenKeepsWorking: true } });
    const views = await moneyViews(h);
    expect(views.record).toMatchObject({ status: 'paid', refunded: rwf(600) });
    expect(views.record.refundedAt).toBeTruthy();
    expect(views.listed).toMatchObject({ status: 'paid', refunded: rwf(600) });
    expect(views.cashRefunded - before).toBeGreaterThanOrEqual(600);
    // "Payé 1 500 RWF", and beside it what went back and what was paid less it.
    for (const words of ['Remboursé 600 RWF', 'Payé moins remboursé', '900 RWF'])
      expect(views.statement, words).toContain(words);
    const [mail] = await refundMails(h.email);
    expect(mail).toMatch(/wrong meter/);
    expect(mail).toMatch(/continue de fonctionner/);
  });

  it('through the module’s route: the same record, report, portal and statement', async () => {
    const h = await household();
    const before = await cashRefunded();
    const res = await owner.post(`/api/prepaid/purchases/${h.purchase.id}/refund`, {
      reason: 'meter replaced',
      tokenKeepsWorking: true,
      amount: rwf(1500),
      method: 'cash',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().refund).toMatchObject({ status: 'succeeded', options: { tokenKeepsWorking: true } });
    const views = await moneyViews(h);
    expect(views.record).toMatchObject({ status: 'paid', refunded: rwf(1500) });
    expect(views.listed).toMatchObject({ refunded: rwf(1500) });
    expect(views.cashRefunded - before).toBeGreaterThanOrEqual(1500);
    for (const words of ['Remboursé 1 500 RWF', 'Payé moins remboursé', '0 RWF'])
      expect(views.statement, words).toContain(words);
    const facts = (await owner.get(`/api/prepaid/purchases/${h.purchase.id}/refund`)).json();
    expect(facts).toMatchObject({ refunded: rwf(1500), left: rwf(0), refundable: false });
  });

  it('refuses core’s route on an issued token unless told it keeps working, naming the field, and records nothing', async () => {
    const h = await household();
    const res = await owner.post(`/api/payments/${h.purchase.paymentId}/refunds`, {
      amount: rwf(500),
      method: 'cash',
      reason: 'asked on the payment page',
    });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ code: 'prepaid.token_keeps_working' });
    expect(JSON.stringify(res.json())).toContain('tokenKeepsWorking');
    expect((await owner.get(`/api/payments/${h.purchase.paymentId}/refunds`)).json().items).toEqual([]);
    expect((await owner.get(`/api/prepaid/purchases/${h.purchase.id}`)).json().refunded).toEqual(rwf(0));
  });

  it('an ops refund above the limit changes nothing until approved; a rejected one leaves it as it was', async () => {
    const h = await household();
    const ask = () =>
      ops.post(`/api/prepaid/purchases/${h.purchase.id}/refund`, {
        reason: 'customer moved',
        tokenKeepsWorking: true,
        amount: rwf(500),
      });
    const waiting = (await ask()).json().refund;
    expect(waiting.status).toBe('awaiting_approval');
    const untouched = await moneyViews(h);
    expect(untouched.record.refunded).toEqual(rwf(0));
    expect(untouched.listed.refunded).toEqual(rwf(0));
    expect(untouched.statement).not.toContain('Remboursé');

    const rejected = await owner.post(`/api/refunds/${waiting.id}/reject`, { reason: 'not owed' });
    expect(rejected.json().status).toBe('rejected');
    expect((await owner.get(`/api/prepaid/purchases/${h.purchase.id}`)).json().refunded).toEqual(rwf(0));
    expect(await refundMails(h.email)).toEqual([]);

    const second = (await ask()).json().refund;
    expect((await owner.get(`/api/prepaid/purchases/${h.purchase.id}`)).json().refunded).toEqual(rwf(0));
    const approved = await owner.post(`/api/refunds/${second.id}/approve`);
    expect(approved.json().status).toBe('succeeded');
    const views = await moneyViews(h);
    expect(views.record.refunded).toEqual(rwf(500));
    expect(views.listed.refunded).toEqual(rwf(500));
    expect(views.statement).toContain('Remboursé 500 RWF');
    expect(await refundMails(h.email)).toHaveLength(1);
  });

  it('a retried module refund with the same Idempotency-Key answers the first refund, and MTN pays it once', async () => {
    const purchase = await paidMomoPurchase(1000);
    const refund = () =>
      owner.post(
        `/api/prepaid/purchases/${purchase.id}/refund`,
        { reason: 'paid twice', tokenKeepsWorking: true, amount: rwf(500) },
        { 'idempotency-key': 'prepaid-refund-retry-1' },
      );
    const [first, racing] = await Promise.all([refund(), refund()]);
    const again = await refund();
    expect([first.statusCode, racing.statusCode, again.statusCode]).toEqual([200, 200, 200]);
    const id = first.json().refund.id;
    expect(racing.json().refund.id).toBe(id);
    expect(again.json().refund.id).toBe(id);
    expect(first.json().refund).toMatchObject({ method: 'momo', amount: rwf(500) });
    await eventually(async () => (await owner.get(`/api/refunds/${id}`)).json().status === 'succeeded', {
      what: 'the MoMo refund to be paid back',
    });
    expect(momo.refunds().filter((r) => r.referenceIdToRefund === purchase.paymentId)).toHaveLength(1);
    expect((await owner.get(`/api/payments/${purchase.paymentId}/refunds`)).json().items).toHaveLength(1);
    expect((await owner.get(`/api/prepaid/purchases/${purchase.id}`)).json().refunded).toEqual(rwf(500));
  });

  it('a MoMo refund that fails for good leaves the purchase and the sales report as before it; a retry refunds it again', async () => {
    const purchase = await paidMomoPurchase(1200);
    const recordOf = async () => (await owner.get(`/api/prepaid/purchases/${purchase.id}`)).json();
    const momoRefunded = async () =>
      (
        (await owner.get(`/api/prepaid/reports/sales?from=${day(-1)}&to=${day(1)}`)).json().sales as Array<{
          method: string;
          refundedAmountMinor: number;
        }>
      )
        .filter((r) => r.method === 'momo')
        .reduce((sum, r) => sum + r.refundedAmountMinor, 0);
    const before = { record: await recordOf(), reported: await momoRefunded() };
    expect(before.record).toMatchObject({ status: 'paid', refunded: rwf(0), refundedAt: null });

    // MTN holds the refund PENDING until we fail it below, so nothing can undo it before we look.
    momo.keepNextRefundsPending(1);
    const asked = await owner.post(`/api/prepaid/purchases/${purchase.id}/refund`, {
      reason: 'meter swapped',
      tokenKeepsWorking: true,
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const id = asked.json().refund.id;
    // Going ahead, the purchase shows the money as going back.
    expect((await recordOf()).refunded).toEqual(rwf(1200));
    await eventually(async () => momo.refunds().some((r) => r.status === 'PENDING'), {
      what: 'MTN to receive the refund',
    });
    for (const r of momo.refunds().filter((r) => r.status === 'PENDING'))
      momo.settleRefund(r.referenceId, 'FAILED', 'PAYEE_NOT_FOUND');
    await eventually(
      async () => {
        await owner.post(`/api/refunds/${id}/check`);
        return (await owner.get(`/api/refunds/${id}`)).json().status === 'failed';
      },
      { what: 'MTN to fail the refund' },
    );
    // No money went back: the purchase and the report are as before the refund.
    expect(await recordOf()).toEqual(before.record);
    expect(await momoRefunded()).toBe(before.reported);
    expect(await refundsLeft(purchase.paymentId)).toEqual(rwf(1200));

    // Retried, it goes ahead again: the purchase shows it again, and MTN pays it once.
    expect((await owner.post(`/api/refunds/${id}/retry`)).statusCode).toBe(200);
    expect((await recordOf()).refunded).toEqual(rwf(1200));
    await eventually(
      async () => {
        await owner.post(`/api/refunds/${id}/check`);
        return (await owner.get(`/api/refunds/${id}`)).json().status === 'succeeded';
      },
      { what: 'the retried refund to be paid back' },
    );
    expect((await recordOf()).refunded).toEqual(rwf(1200));
    expect(await momoRefunded()).toBe(before.reported + 1200);
  });
});

/** What is left to refund of a payment. */
const refundsLeft = async (paymentId: string) =>
  (await owner.get(`/api/payments/${paymentId}/refunds`)).json().left;

describe('a purchase the original system (IngufuPay) sold', () => {
  const PHONE = '+250788777111';
  const EMAIL = 'original-customer@example.com';
  const PAYMENT = '5b0f6c1e-8d0a-4a7e-9a57-2f0e7f1c0a11';
  const now = new Date().toISOString();
  /** One customer, one meter, one MoMo payment of 1,500.50 RWF and the token the original gave for it. */
  const original = [
    {
      model: 'users.user',
      pk: 7001,
      fields: {
        username: 'uwase.original',
        first_name: 'Aline',
        last_name: 'Uwase',
        email: EMAIL,
        role: 'customer',
        phone_number: PHONE,
        is_active: true,
        date_joined: now,
      },
    },
    {
      model: 'meters.meter',
      pk: 7002,
      fields: {
        owner: 7001,
        meter_number: 'ORIG-7002',
        name: 'Inzu',
        category: 'residential',
        status: 'active',
        current_balance_units: '12.000',
        created_at: now,
        updated_at: now,
      },
    },
    {
      model: 'transactions.paymenttransaction',
      pk: PAYMENT,
      fields: {
        user: 7001,
        meter: 7002,
        amount_rwf: '1500.50',
        method: 'momo',
        status: 'success',
        external_reference: 'MP-ORIGINAL-7003',
        created_at: now,
      },
    },
    {
      model: 'transactions.tokenpurchase',
      pk: '5b0f6c1e-8d0a-4a7e-9a57-2f0e7f1c0a12',
      fields: {
        payment: PAYMENT,
        meter: 7002,
        units_generated: '15.005',
        token_generated: '12345-67890-12345-67890',
        status: 'delivered',
        created_at: now,
        updated_at: now,
      },
    },
  ];
  const run = moduleImport(
    () => app,
    TEST_MODULES.filter((m) => m.name === 'prepaid'),
    'prepaid',
  );

  it('is refunded like a native one: asked, recorded, netted in the portal and the statement', async () => {
    const report = await run(app.defaultOrg, dumpdataSource(original, 'one original sale'));
    expect(report.issues.filter((i) => i.kind === 'refused')).toEqual([]);
    const { rows } = await app.database.pool.query<{ id: string; account_id: string }>(
      `select id, account_id from prepaid_imported_payment where original_id = $1`,
      [PAYMENT],
    );
    const [{ id, account_id: accountId }] = rows as [{ id: string; account_id: string }];
    expect((await owner.get(`/api/prepaid/purchases/${id}/refund`)).json()).toMatchObject({
      original: true,
      paymentId: null,
      tokenIssued: true,
      left: rwf(1500),
      methods: ['cash'],
    });
    const unacknowledged = await owner.post(`/api/prepaid/purchases/${id}/refund`, { reason: 'double sale' });
    expect(unacknowledged.statusCode).toBe(409);
    expect(unacknowledged.json().code).toBe('prepaid.token_keeps_working');

    const res = await owner.post(`/api/prepaid/purchases/${id}/refund`, {
      reason: 'double sale',
      tokenKeepsWorking: true,
      amount: rwf(1000),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ tokenIssued: true, refund: { status: 'succeeded', method: 'cash' } });
    const facts = (await owner.get(`/api/prepaid/purchases/${id}/refund`)).json();
    expect(facts).toMatchObject({ refunded: rwf(1000), left: rwf(500) });
    // The rest through core's route on the payment the first refund made: the same contract.
    const rest = await owner.post(`/api/payments/${facts.paymentId}/refunds`, {
      amount: rwf(500),
      method: 'cash',
      reason: 'double sale',
      options: { tokenKeepsWorking: true },
    });
    expect(rest.statusCode, rest.body).toBe(201);

    const { session } = await signInToPortal(app, {
      phone: PHONE,
      meterNumber: 'ORIG-7002',
      codeTo: EMAIL,
    });
    const portal = await app.http.inject({
      method: 'GET',
      url: `/api/prepaid/portal/${app.defaultOrg}/purchases`,
      headers: { 'x-portal-session': session },
    });
    expect(portal.json().original).toEqual([
      expect.objectContaining({ id, amount: { amountCents: 150050, currency: 'RWF' }, refunded: rwf(1500) }),
    ]);
    const statement = await owner.get(`/api/prepaid/accounts/${accountId}/statement?month=${thisMonth()}`);
    const text = pdfTextRuns(statement.rawPayload).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Refunded RWF 1,500');
    expect(text).toContain('Paid less refunded');
    expect(await refundMails(EMAIL)).toHaveLength(2);
  });
});
