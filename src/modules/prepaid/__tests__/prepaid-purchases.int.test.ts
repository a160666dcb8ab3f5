import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPrepaidMeter } from '../../../../test/factories/prepaid.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { shiftableClock } from '../../../../test/support/test-clock.ts';
import { type MomoSandbox, startMomoSandbox } from '../../../channels/momo/index.ts';
import { findOrganizationBySlug } from '../../../core/orgs/index.ts';
import { reconcileJob } from '../../../core/payments/index.ts';
import { checkTokensHavePayments } from '../fraud-flags.ts';
import { type DeviceState, decodeToken } from '../openpaygo/openpaygo.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';
import { momoEnv } from './prepaid-harness.ts';

// A loaded CI machine: each purchase waits on the job worker's polls.
vi.setConfig({ testTimeout: 60_000 });

const KEY = 'bc41ec9530f6dac86b1a29ab82edc5fb';
const STARTING_CODE = 516959010;

let momo: MomoSandbox;
let app: TestApp;
let appUrl: string;
let token: string;
const clock = shiftableClock();

const call = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
  app.http.inject({
    method: method as 'GET',
    url,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });

async function orgDb() {
  const org = await findOrganizationBySlug(app.database.db, 'default');
  return app.deps.systemCtx(org!.id, 'test').db.withTables<PrepaidTables>();
}

let meterId: string;
/** A meter on the test account with the official vectors' key and starting code. */
const ourMeter = () => createPrepaidMeter(app, { accountId, openPaygoKey: KEY, startingCode: STARTING_CODE });

beforeAll(async () => {
  momo = await startMomoSandbox({
    dropCallbacks: true,
    payerRules: [{ msisdnSuffix: '222', status: 'FAILED', reason: 'NOT_ENOUGH_FUNDS' }],
  });
  app = await startTestApp({
    clock,
    env: momoEnv(momo),
  });
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  const session = await app.signIn('owner@example.com');
  const res = await session.post('/api/tokens', {
    name: 'prepaid test',
    scopes: [
      'prepaid.meter.read',
      'prepaid.meter.manage',
      'prepaid.tariff.manage',
      'prepaid.purchase.read',
      'prepaid.purchase.create',
      'prepaid.token.check',
      'payments.payment.read',
    ],
  });
  expect(res.statusCode).toBe(201);
  token = res.json().token;
  await app.startWorker();
  appUrl = await app.http.listen({ host: '127.0.0.1', port: 0 });
  const tariff = await call('POST', '/api/prepaid/tariffs', {
    category: 'residential',
    currency: 'RWF',
    tiers: [
      { uptoKwh: 15, priceMinorPerKwh: 89 },
      { uptoKwh: 50, priceMinorPerKwh: 310 },
      { uptoKwh: null, priceMinorPerKwh: 369 },
    ],
    feeMinor: 0,
    taxBasisPoints: 1800,
    effectiveFrom: '2020-01-01T00:00:00Z',
  });
  expect(tariff.statusCode).toBe(201);
  const account = await call('POST', '/api/prepaid/accounts', {
    kind: 'household',
    name: 'Uwase household',
    channel: { name: 'email', to: 'uwase@example.com' },
  });
  expect(account.statusCode).toBe(201);
  accountId = account.json().id;
  meterId = (await ourMeter()).meterId;
}, 120_000);
let accountId: string;

afterAll(async () => {
  await app?.close();
  await momo?.close();
});

async function buy(msisdn: string, amountMinor = 1000, meter = meterId) {
  const res = await call('POST', '/api/prepaid/purchases', {
    meterId: meter,
    method: 'momo',
    amount: { amountMinor, currency: 'RWF' },
    msisdn,
  });
  expect(res.statusCode, res.body).toBe(201);
  const p = res.json() as { id: string; paymentId: string; status: string };
  expect(p.status).toBe('pending');
  await momo.waitForRequestToPay((r) => r.referenceId === p.paymentId, 20_000);
  await eventually(async () => (await call('GET', `/api/payments/${p.paymentId}`)).json().requestedAt, {
    what: 'request recorded',
  });
  return p;
}

const purchase = async (id: string) => (await call('GET', `/api/prepaid/purchases/${id}`)).json();
const purchaseBecomes = (id: string, status: string) =>
  eventually(
    async () => {
      const p = await purchase(id);
      return p.status === status ? p : undefined;
    },
    { what: `purchase ${id} ${status}` },
  );

async function tokensOf(paymentId: string) {
  return (await orgDb())
    .selectFrom('prepaid_token')
    .selectAll()
    .where('payment_id', '=', paymentId)
    .execute();
}
async function pollNow() {
  clock.advance(60_000);
  await app.jobs.send(reconcileJob, {});
}

describe('prepaid purchases', () => {
  it('quotes units for an amount and the amount for units, with the tier breakdown', async () => {
    const q = (await call('GET', `/api/prepaid/meters/${meterId}/quote?amountMinor=1000`)).json();
    expect(q).toMatchObject({ currency: 'RWF', monthUnitsTenths: 0, feeMinor: 0 });
    expect(q.totalMinor).toBeLessThanOrEqual(1000);
    expect(q.tiers[0]).toMatchObject({ tier: 1, priceMinorPerKwh: 89 });
    const back = (
      await call('GET', `/api/prepaid/meters/${meterId}/quote?unitsTenths=${q.unitsTenths}`)
    ).json();
    expect(back.totalMinor).toBe(q.totalMinor);
  });

  it('a purchase whose callback never arrives is settled by polling and yields one token the meter accepts once', async () => {
    const before = await (await orgDb())
      .selectFrom('prepaid_meter')
      .selectAll()
      .where('id', '=', meterId)
      .executeTakeFirstOrThrow();
    const p = await buy('+250788000111');
    await momo.settle(p.paymentId, 'SUCCESSFUL');
    expect(momo.callbacks.filter((c) => c.referenceId === p.paymentId)).toEqual([]);
    await pollNow();
    const paid = await purchaseBecomes(p.id, 'paid');
    const tokens = await tokensOf(p.paymentId);
    expect(tokens).toHaveLength(1);
    expect(paid.token).toBe(tokens[0]!.token);
    const meter = await (await orgDb())
      .selectFrom('prepaid_meter')
      .selectAll()
      .where('id', '=', meterId)
      .executeTakeFirstOrThrow();
    expect(meter.opg_last_count).toBe(tokens[0]!.count);
    expect(meter.opg_last_count).toBeGreaterThan(before.opg_last_count);
    // the meter (decoder) adds exactly the units paid for, once
    const device: DeviceState = {
      key: KEY,
      startingCode: STARTING_CODE,
      lastCount: before.opg_last_count,
      usedCounts: [],
    };
    const first = decodeToken(device, paid.token);
    expect(first).toMatchObject({ status: 'valid', type: 'ADD_TIME', value: paid.unitsTenths });
    if (first.status === 'valid')
      expect(decodeToken(first.device, paid.token)).toEqual({ status: 'already_used' });
    // the token message, with amount and units, queued through the outbox in the same transaction
    const { rows } = await app.database.pool.query<{ body: string; recipient: string }>(
      `select body, recipient from notification where template = 'prepaid.token' and body like $1`,
      [`%${paid.token.slice(0, 3)} ${paid.token.slice(3, 6)}%`],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.recipient).toBe('uwase@example.com');
    // 1,000 asked buys 9.5 kWh costing 999: what is paid is the sum of the lines (issue 41, item 1)
    expect(rows[0]!.body).toMatch(/paid RWF\s?999, 9\.5 kWh/);
  });

  it('duplicated and racing callbacks and polls yield no second token', async () => {
    const p = await buy('+250788000333');
    await momo.settle(p.paymentId, 'SUCCESSFUL');
    const [deliveries] = await Promise.all([
      momo.sendCallback(p.paymentId, { times: 3, url: `${appUrl}/webhooks/momo` }),
      pollNow(),
      pollNow(),
    ]);
    expect(deliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    await purchaseBecomes(p.id, 'paid');
    await momo.sendCallback(p.paymentId, { times: 1, url: `${appUrl}/webhooks/momo` });
    await pollNow();
    const tokens = await tokensOf(p.paymentId);
    expect(tokens).toHaveLength(1);
    const issued = await app.database.pool.query(
      `select count(*)::int as n from audit_event where action = 'prepaid.token.issued' and meta->>'paymentId' = $1`,
      [p.paymentId],
    );
    expect(issued.rows[0].n).toBe(1);
    // The trail names the token it made and the count it moved from, and the purchase as it was asked.
    const trail = await app.database.pool.query(
      `select action, before, after from audit_event
       where subject_id = $1 and action in ('prepaid.purchase.created', 'prepaid.token.issued') order by id`,
      [p.id],
    );
    expect(trail.rows).toEqual([
      expect.objectContaining({
        action: 'prepaid.purchase.created',
        after: expect.objectContaining({ method: 'momo', askedMinor: 1000, source: 'staff' }),
      }),
      expect.objectContaining({
        action: 'prepaid.token.issued',
        before: expect.objectContaining({ status: 'pending', count: expect.any(Number) }),
        after: expect.objectContaining({ status: 'paid', count: tokens[0]!.count, tokenId: tokens[0]!.id }),
      }),
    ]);
  });

  it('a callback settles the purchase at once, with no poll interval passing on the clock', async () => {
    const p = await buy('+250788000444');
    await momo.settle(p.paymentId, 'SUCCESSFUL');
    const before = clock.now().getTime();
    const [delivery] = await momo.sendCallback(p.paymentId, { times: 1, url: `${appUrl}/webhooks/momo` });
    expect(delivery!.status).toBe(200);
    // The status check runs in the process the callback reached, right away (no worker fetch), and
    // well before the payment's first poll is due (30 s after it was created, on the test's clock).
    await app.jobs.settled();
    const paid = await purchase(p.id);
    expect(paid).toMatchObject({ status: 'paid', token: expect.stringMatching(/^\d{9,}$/) });
    expect(clock.now().getTime() - before).toBeLessThan(30_000);
  });

  it('two callbacks for one purchase at the same moment issue one token and one message', async () => {
    const p = await buy('+250788000555');
    await momo.settle(p.paymentId, 'SUCCESSFUL');
    const both = await Promise.all(
      [1, 2].map(() => momo.sendCallback(p.paymentId, { times: 1, url: `${appUrl}/webhooks/momo` })),
    );
    expect(both.flat().map((d) => d.status)).toEqual([200, 200]);
    await app.jobs.settled();
    expect((await purchase(p.id)).status).toBe('paid');
    const tokens = await tokensOf(p.paymentId);
    expect(tokens).toHaveLength(1);
    const { rows } = await app.database.pool.query<{ n: number }>(
      `select count(*)::int as n from notification where template = 'prepaid.token' and body like $1`,
      [`%${tokens[0]!.token.slice(0, 3)} ${tokens[0]!.token.slice(3, 6)}%`],
    );
    expect(rows[0]!.n).toBe(1);
    const settled = await app.database.pool.query<{ n: number }>(
      `select count(*)::int as n from audit_event where action = 'prepaid.token.issued' and meta->>'paymentId' = $1`,
      [p.paymentId],
    );
    expect(settled.rows[0]!.n).toBe(1);
  });

  it('a failed payment yields no token', async () => {
    const p = await buy('+250788000222');
    await pollNow();
    const failed = await purchaseBecomes(p.id, 'failed');
    expect(failed).toMatchObject({ token: null, failureReason: 'NOT_ENOUGH_FUNDS' });
    expect(await tokensOf(p.paymentId)).toHaveLength(0);
  });

  it('cash taken by staff yields the token at once; an inactive meter cannot be topped up', async () => {
    const res = await call('POST', '/api/prepaid/purchases', {
      meterId,
      method: 'cash',
      amount: { amountMinor: 500, currency: 'RWF' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'paid', method: 'cash' });
    expect(res.json().token).toMatch(/^\d{9}$/);
    // Staff see what the payment was for in words, linked to the sale, with the account as payer.
    const sale = await (await orgDb())
      .selectFrom('prepaid_purchase')
      .innerJoin('prepaid_meter', 'prepaid_meter.id', 'prepaid_purchase.meter_id')
      .select(['prepaid_purchase.id', 'prepaid_purchase.payment_id', 'prepaid_meter.number'])
      .where('prepaid_purchase.id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    const review = await call('GET', `/api/payments/${sale.payment_id}/review`);
    expect(review.statusCode, review.body).toBe(200);
    expect(review.json().purpose).toMatchObject({
      key: 'prepaid.purpose.purchase',
      params: { meter: sale.number },
      record: { resource: 'prepaid.purchases', id: sale.id },
    });
    const other = await ourMeter();
    const off = await call('POST', `/api/prepaid/meters/${other.meterId}/status`, {
      status: 'suspended',
      reason: 'tamper',
    });
    expect(off.json()).toMatchObject({ status: 'suspended' });
    const refused = await call('POST', '/api/prepaid/purchases', {
      meterId: other.meterId,
      method: 'cash',
      amount: { amountMinor: 500, currency: 'RWF' },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('prepaid.meter_not_active');
  });

  it('never shows the meter key, and stores it sealed', async () => {
    const m = await call('GET', `/api/prepaid/meters/${meterId}`);
    expect(m.body).not.toContain(KEY);
    const row = await (await orgDb())
      .selectFrom('prepaid_meter')
      .select('opg_key_sealed')
      .where('id', '=', meterId)
      .executeTakeFirstOrThrow();
    expect(row.opg_key_sealed).not.toContain(KEY);
    expect(row.opg_key_sealed.startsWith('v1.')).toBe(true);
  });

  it('flags a meter paid for by many phones, a phone paying for many meters, repeated failures, and a token without a settled payment', async () => {
    const flagged = new Set<string>();
    const meter = await ourMeter();
    for (const phone of ['+250788300001', '+250788300002', '+250788300003'])
      await buy(phone, 1000, meter.meterId);
    const failing = '+250788300222';
    for (let i = 0; i < 3; i++) {
      const m = await ourMeter();
      const p = await buy(failing, 1000, m.meterId);
      await pollNow();
      await purchaseBecomes(p.id, 'failed');
    }
    const flags = await (await orgDb()).selectFrom('prepaid_fraud_flag').selectAll().execute();
    for (const f of flags) flagged.add(`${f.kind}:${f.meter_number}:${f.payer_msisdn ?? ''}`);
    const mine = (await orgDb()).selectFrom('prepaid_meter').select('number').where('id', '=', meter.meterId);
    const number = (await mine.executeTakeFirstOrThrow()).number;
    expect(flagged).toContain(`many_payers:${number}:+250788300003`);
    expect(flags.filter((f) => f.kind === 'many_meters' && f.payer_msisdn === failing)).toHaveLength(1);
    expect(flags.filter((f) => f.kind === 'repeated_failures' && f.payer_msisdn === failing)).toHaveLength(1);
    expect(flags.filter((f) => f.kind === 'token_without_payment')).toEqual([]);

    // A token written behind the settlement hook's back (a hand-edited database) is found and audited.
    const org = await findOrganizationBySlug(app.database.db, 'default');
    const ctx = app.deps.systemCtx(org!.id, 'test');
    const purchaseRow = await (await orgDb())
      .selectFrom('prepaid_purchase')
      .select('id')
      .where('meter_id', '=', meter.meterId)
      .limit(1)
      .executeTakeFirstOrThrow();
    await app.database.pool.query(
      `insert into prepaid_token (org_id, meter_id, purchase_id, payment_id, token, token_type, count, value, units_tenths, amount_minor, currency)
       values ($1, $2, $3, gen_random_uuid(), '123456789', 'ADD_TIME', 999, 10, 10, 100, 'RWF')`,
      [org!.id, meter.meterId, purchaseRow.id],
    );
    expect(await checkTokensHavePayments(ctx)).toEqual([purchaseRow.id]);
    const audited = await app.database.pool.query(
      `select 1 from audit_event where action = 'prepaid.fraud.token_without_payment' and subject_id = $1`,
      [purchaseRow.id],
    );
    expect(audited.rows).toHaveLength(1);
  });
});
