import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MomoSandbox, startMomoSandbox } from '../../src/channels/momo/index.ts';
import { feePurpose } from '../../src/modules/mess/fee-payments.ts';
import { coffeeDevices } from '../factories/coffee.ts';
import { createExhibition, registerExhibitionCustomer } from '../factories/exhibition.ts';
import { createPayment } from '../factories/payment.ts';
import { createPrepaidMeter, createPrepaidTariff } from '../factories/prepaid.ts';
import { createRaffle, createRaffleOrder } from '../factories/raffle.ts';
import { createMessSetup, createStudent } from '../factories/student.ts';
import { eventually } from '../support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Issue 40, item 5, on a real PostgreSQL server (test/scale runs only with DATABASE_URL; PGlite has
 * one connection, so nothing ever waits there): many sales of one thing at once are all made, one
 * after the other, on every money path. A prepaid meter's cash sales deadlocked: each inserted its
 * purchase (the foreign key's share lock on the meter) and then asked for the meter's row lock to
 * issue the token; of 4 concurrent sales 1 was made and 3 were told 409 `busy`.
 *
 * The money paths: raffle holds, confirmations and proofs; mess cash fees and verified proofs;
 * exhibition bills and voids; coffee machine sales; prepaid sales in cash and by mobile money, whose
 * settlement issues the token.
 */
const SALES = 8;
let app: TestApp;
let owner: ApiClient;
let momo: MomoSandbox;

beforeAll(async () => {
  momo = await startMomoSandbox({ dropCallbacks: true });
  app = await startTestApp({
    env: {
      MOMO_BASE_URL: momo.url,
      MOMO_SUBSCRIPTION_KEY: momo.subscriptionKey,
      MOMO_API_USER: momo.apiUser,
      MOMO_API_KEY: momo.apiKey,
      MOMO_TARGET_ENVIRONMENT: momo.targetEnvironment,
    },
  });
  await app.createStaff({ email: 'till@example.com', role: 'owner' });
  owner = await app.signIn('till@example.com');
  await createPrepaidTariff(app);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await momo?.close();
});

/**
 * The deadlocks PostgreSQL broke in this test's database so far. Each of the app's connections
 * reports its counts once idle after `pg_stat_force_next_flush()`, before it answers that query.
 */
async function deadlocks(): Promise<number> {
  const { pool } = app.database;
  const clients = await Promise.all(Array.from({ length: pool.totalCount }, () => pool.connect()));
  try {
    for (const client of clients) await client.query('select pg_stat_force_next_flush()');
    await clients[0]!.query('select pg_stat_clear_snapshot()');
    const { rows } = await clients[0]!.query<{ n: string }>(
      'select deadlocks as n from pg_stat_database where datname = current_database()',
    );
    return Number(rows[0]!.n);
  } finally {
    for (const client of clients) client.release();
  }
}

/** Runs `sale` SALES times at once; every one must be made, and no deadlock broken on the way. */
async function allAtOnce(sale: (i: number) => Promise<{ statusCode: number; body: string }>, status = 201) {
  const before = await deadlocks();
  const answers = await Promise.all(Array.from({ length: SALES }, (_, i) => sale(i)));
  expect(answers.map((a) => `${a.statusCode} ${a.statusCode >= 300 ? a.body : ''}`.trim())).toEqual(
    Array(SALES).fill(String(status)),
  );
  expect(await deadlocks()).toBe(before);
  return answers;
}

let cycle: Promise<string> | undefined;
/** The mess's meals and November's cycle, made once for the file. */
const messCycle = () => {
  cycle ??= createMessSetup(app).then((setup) => setup.cycleId);
  return cycle;
};

const count = async (sql: string, params: unknown[]) =>
  (await app.database.pool.query<{ n: number }>(sql, params)).rows[0]!.n;

describe('concurrent sales of one thing', () => {
  it('sells a prepaid meter 8 times in cash at once: 8 tokens, one count after the other', async () => {
    const { meterId } = await createPrepaidMeter(app);
    const answers = await allAtOnce(() =>
      owner.post('/api/prepaid/purchases', {
        meterId,
        method: 'cash',
        amount: { amountMinor: 500, currency: 'RWF' },
      }),
    );
    const counts = answers.map((a) => JSON.parse(a.body).tokenCount as number).sort((a, b) => a - b);
    expect(new Set(counts).size).toBe(SALES);
    const { rows } = await app.database.pool.query<{ n: number; last: number }>(
      `select (select count(*)::int from prepaid_token where meter_id = $1) as n,
              (select opg_last_count from prepaid_meter where id = $1) as last`,
      [meterId],
    );
    expect(rows[0]).toEqual({ n: SALES, last: counts.at(-1) });
  });

  it('records 8 cash fees of one mess student at once', async () => {
    const cycleId = await messCycle();
    const student = await createStudent(app);
    await allAtOnce(() =>
      owner.post(`/api/mess/students/${student.id}/cash-payments`, {
        cycleId,
        amountMinor: 10_000,
        receivedOn: '2026-11-02',
      }),
    );
  });

  it('adds 8 bills to one exhibition customer at one booth at once, and the tab adds up', async () => {
    const { exhibition, booths } = await createExhibition(app, { booths: ['Tea'] });
    const customer = await registerExhibitionCustomer(app, { exhibitionId: exhibition.id });
    await allAtOnce(() =>
      owner.post(`/api/exhibition/customers/${customer.id}/bills`, {
        boothId: booths[0]!.id,
        amountMinor: 250,
      }),
    );
    const tab = (await owner.get(`/api/exhibition/customers/${customer.id}`)).json();
    expect(tab).toMatchObject({ billCount: SALES, totalMinor: SALES * 250 });
  });

  it('stores 8 sales of one coffee machine at once', async () => {
    const [machine] = await coffeeDevices(app, 1);
    const before = await deadlocks();
    const answers = await Promise.all(
      Array.from({ length: SALES }, (_, i) =>
        app.anonymous().post(
          '/api/coffee/device/orders',
          {
            orderId: `race-${i}`,
            orderedAt: new Date().toISOString(),
            items: [{ name: 'Espresso', qty: 1, unitPriceMinor: 250 }],
            currency: 'USD',
          },
          { authorization: `Bearer ${machine!.token}` },
        ),
      ),
    );
    expect(answers.map((a) => [a.statusCode, a.json().created])).toEqual(Array(SALES).fill([200, true]));
    expect(await deadlocks()).toBe(before);
  });

  it('holds tickets of one raffle for 8 buyers at once', async () => {
    const raffle = await createRaffle(app);
    const before = await deadlocks();
    const held = await Promise.allSettled(
      Array.from({ length: SALES }, () =>
        createRaffleOrder(app, { raffleId: raffle.id, pick: { random: 2 } }),
      ),
    );
    expect(held.map((h) => h.status)).toEqual(Array(SALES).fill('fulfilled'));
    expect(await deadlocks()).toBe(before);
  });
  it('settles 8 mobile-money sales of one prepaid meter at once: 8 tokens, one count after the other', async () => {
    await app.startWorker();
    const { meterId } = await createPrepaidMeter(app);
    const answers = await allAtOnce((i) =>
      owner.post('/api/prepaid/purchases', {
        meterId,
        method: 'momo',
        amount: { amountMinor: 500, currency: 'RWF' },
        msisdn: `+25078800${String(1000 + i)}`,
      }),
    );
    const paymentIds = answers.map((a) => JSON.parse(a.body).paymentId as string);
    for (const id of paymentIds) {
      await momo.waitForRequestToPay((r) => r.referenceId === id, 20_000);
      await eventually(async () => (await owner.get(`/api/payments/${id}`)).json().requestedAt, {
        what: 'the request to pay recorded',
      });
      await momo.settle(id, 'SUCCESSFUL');
    }
    // Staff's "check now" on every sale at once: each status check runs in this process, settles its
    // payment and issues its token under the meter's lock.
    await allAtOnce((i) => owner.post(`/api/payments/${paymentIds[i]}/check`, {}), 202);
    const before = await deadlocks();
    await app.jobs.settled();
    expect(await deadlocks()).toBe(before);
    const { rows } = await app.database.pool.query<{ count: number }>(
      'select count from prepaid_token where meter_id = $1 order by count',
      [meterId],
    );
    expect(rows).toHaveLength(SALES);
    expect(new Set(rows.map((r) => r.count)).size).toBe(SALES);
    // none of the checks failed and was left to a stored retry
    expect(
      await count(
        `select count(*)::int as n from pgboss.job where name = 'payments.check-status' and data->>'paymentId' = any($1)`,
        [paymentIds],
      ),
    ).toBe(0);
  });

  it('sells the same numbers of one raffle to one of 8 buyers at once, never twice', async () => {
    const raffle = await createRaffle(app);
    const before = await deadlocks();
    const held = await Promise.allSettled(
      Array.from({ length: SALES }, () =>
        createRaffleOrder(app, { raffleId: raffle.id, pick: { numbers: [7, 8, 9] } }),
      ),
    );
    expect(held.filter((h) => h.status === 'fulfilled')).toHaveLength(1);
    for (const refused of held.filter((h) => h.status === 'rejected'))
      expect((refused as PromiseRejectedResult).reason).toMatchObject({ code: 'raffle.tickets_unavailable' });
    expect(await deadlocks()).toBe(before);
    expect(
      await count(
        `select count(distinct order_id)::int as n from raffle_ticket where raffle_id = $1 and number in (7, 8, 9)`,
        [raffle.id],
      ),
    ).toBe(1);
  });

  it('confirms 8 orders of one raffle at once, by proof and in cash: every ticket sold once', async () => {
    const raffle = await createRaffle(app);
    const orders: Array<{ id: string }> = [];
    for (let i = 0; i < SALES; i++)
      orders.push(
        await createRaffleOrder(app, {
          raffleId: raffle.id,
          pick: { random: 2 },
          ...(i % 2 ? { payment: 'proof' as const } : {}),
        }),
      );
    await allAtOnce((i) => owner.post(`/api/raffle/orders/${orders[i]!.id}/confirm`, {}), 200);
    expect(
      await count(`select count(*)::int as n from raffle_order where raffle_id = $1 and status = 'paid'`, [
        raffle.id,
      ]),
    ).toBe(SALES);
    expect(
      await count(`select count(*)::int as n from raffle_ticket where raffle_id = $1 and status = 'sold'`, [
        raffle.id,
      ]),
    ).toBe(2 * SALES);
  });

  it('verifies one proof clicked 8 times at once: settled once, the order paid once', async () => {
    const raffle = await createRaffle(app);
    const order = await createRaffleOrder(app, { raffleId: raffle.id, payment: 'proof' });
    const { rows } = await app.database.pool.query<{ id: string }>(
      'select id from payment where purpose_id = $1',
      [order.id],
    );
    const proofId = rows[0]!.id;
    const before = await deadlocks();
    const answers = await Promise.all(
      Array.from({ length: SALES }, () => owner.post(`/api/payments/${proofId}/verify`, {})),
    );
    expect(await deadlocks()).toBe(before);
    const outcomes = answers.map((a) => (a.statusCode === 200 ? '200' : `${a.statusCode} ${a.json().code}`));
    expect(outcomes.filter((o) => o === '200')).toHaveLength(1);
    expect(new Set(outcomes.filter((o) => o !== '200'))).toEqual(
      new Set(['409 payments.payment_state_changed']),
    );
    expect(
      await count(
        `select count(*)::int as n from audit_event where action = 'payments.payment.verified' and subject_id = $1`,
        [proofId],
      ),
    ).toBe(1);
    expect((await owner.get(`/api/raffle/orders/${order.id}`)).json().status).toBe('paid');
  });

  it('verifies 8 fee proofs of one mess student at once', async () => {
    const cycleId = await messCycle();
    const student = await createStudent(app);
    const proofs: Array<{ id: string }> = [];
    for (let i = 0; i < SALES; i++)
      proofs.push(
        await createPayment(app, {
          purpose: feePurpose(student.id, cycleId),
          amountMinor: 10_000,
          currency: 'INR',
          proof: Buffer.from(`%PDF-1.4 receipt ${i} of ${student.id}`),
        }),
      );
    await allAtOnce((i) => owner.post(`/api/payments/${proofs[i]!.id}/verify`, {}), 200);
    expect(
      await count('select count(*)::int as n from mess_fee_payment where student_id = $1', [student.id]),
    ).toBe(SALES);
  });

  it('voids 4 bills of one exhibition customer while 4 more are added, and the tab adds up', async () => {
    const { exhibition, booths } = await createExhibition(app, { booths: ['Coffee'] });
    const customer = await registerExhibitionCustomer(app, { exhibitionId: exhibition.id });
    const bill = (amountMinor: number) =>
      owner.post(`/api/exhibition/customers/${customer.id}/bills`, { boothId: booths[0]!.id, amountMinor });
    const first: string[] = [];
    for (let i = 0; i < SALES / 2; i++) first.push((await bill(100)).json().id as string);
    await allAtOnce(async (i) => {
      if (i >= SALES / 2) return bill(250);
      const res = await owner.post(`/api/exhibition/bills/${first[i]}/void`, { reason: 'typed twice' });
      return { statusCode: res.statusCode === 200 ? 201 : res.statusCode, body: res.body };
    });
    const tab = (await owner.get(`/api/exhibition/customers/${customer.id}`)).json();
    expect(tab).toMatchObject({ billCount: SALES / 2, totalMinor: (SALES / 2) * 250 });
  });

  it('stores one coffee sale the machine sent 8 times at once, once', async () => {
    const [machine] = await coffeeDevices(app, 1);
    const before = await deadlocks();
    const answers = await Promise.all(
      Array.from({ length: SALES }, () =>
        app.anonymous().post(
          '/api/coffee/device/orders',
          {
            orderId: 'sent-again',
            orderedAt: new Date().toISOString(),
            items: [{ name: 'Latte', qty: 1, unitPriceMinor: 300 }],
            currency: 'USD',
          },
          { authorization: `Bearer ${machine!.token}` },
        ),
      ),
    );
    expect(await deadlocks()).toBe(before);
    expect(answers.map((a) => a.statusCode)).toEqual(Array(SALES).fill(200));
    expect(answers.filter((a) => a.json().created)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
  });
});
