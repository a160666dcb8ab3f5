import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeDevices } from '../factories/coffee.ts';
import { createExhibition, registerExhibitionCustomer } from '../factories/exhibition.ts';
import { createPrepaidMeter, createPrepaidTariff } from '../factories/prepaid.ts';
import { createRaffle, createRaffleOrder } from '../factories/raffle.ts';
import { createMessSetup, createStudent } from '../factories/student.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Issue 40, item 5, on a real PostgreSQL server (test/scale runs only with DATABASE_URL; PGlite has
 * one connection, so nothing ever waits there): many sales of one thing at once are all made, one
 * after the other, on every money path. A prepaid meter's cash sales deadlocked: each inserted its
 * purchase (the foreign key's share lock on the meter) and then asked for the meter's row lock to
 * issue the token; of 4 concurrent sales 1 was made and 3 were told 409 `busy`.
 */
const SALES = 8;
let app: TestApp;
let owner: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'till@example.com', role: 'owner' });
  owner = await app.signIn('till@example.com');
}, 60_000);
afterAll(async () => app?.close());

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
async function allAtOnce(sale: (i: number) => Promise<{ statusCode: number; body: string }>) {
  const before = await deadlocks();
  const answers = await Promise.all(Array.from({ length: SALES }, (_, i) => sale(i)));
  expect(answers.map((a) => `${a.statusCode} ${a.statusCode >= 300 ? a.body : ''}`.trim())).toEqual(
    Array(SALES).fill('201'),
  );
  expect(await deadlocks()).toBe(before);
  return answers;
}

describe('concurrent sales of one thing', () => {
  it('sells a prepaid meter 8 times in cash at once: 8 tokens, one count after the other', async () => {
    await createPrepaidTariff(app);
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
    const { cycleId } = await createMessSetup(app);
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
});
