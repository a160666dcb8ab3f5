import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle } from '../../../../test/factories/raffle.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { type RaffleHarness, startRaffleApp } from './raffle-harness.ts';

let h: RaffleHarness;
let raffleId: string;
const BUYERS = 32;
const users = Array.from({ length: BUYERS }, (_, i) => `59598130${String(i).padStart(4, '0')}`);
/** Colliding picks: 32 buyers over numbers 1–24, two or three numbers each. */
const pickOf = (i: number) => [...new Set([(i % 12) + 1, ((i * 5) % 24) + 1, ((i * 7) % 24) + 1])];

beforeAll(async () => {
  h = await startRaffleApp();
  raffleId = (await createRaffle(h.app, { maxNumber: 24, maxPerOrder: 5 })).id;
});
afterAll(async () => h.close());

/**
 * Waits until the stored state says all work is done: every buyer message handled, and nothing to
 * these buyers in the outbox (a bot reply, a notification) still waiting to go out. Work is stored
 * before the webhook or the API answers, so nothing can still be on its way once this holds.
 */
async function settle(timeoutMs = 60_000) {
  const nothingWaiting = async () => {
    const { rows } = await h.app.database.pool.query<{ n: number }>(
      `select (select count(*) from conversation_message m join conversation c on c.id = m.conversation_id
                where c.external_id = any($1) and m.status = 'received')
            + (select count(*) from notification where recipient = any($1) and status in ('queued', 'sending'))
              as n`,
      [users],
    );
    return Number(rows[0]!.n) === 0;
  };
  await eventually(nothingWaiting, { timeoutMs, what: 'every message handled and every reply sent' });
}

async function liveAndPaidOrders() {
  return h.db
    .selectFrom('raffle_order')
    .select(['id', 'buyer_id', 'numbers', 'status', 'expires_at'])
    .where('raffle_id', '=', raffleId)
    .where('status', 'in', ['pending_payment', 'paid'])
    .execute();
}

async function assertNoNumberTwice() {
  const orders = await liveAndPaidOrders();
  const numbers = orders.flatMap((o) => o.numbers);
  expect(new Set(numbers).size).toBe(numbers.length);
  const tickets = await h.db
    .selectFrom('raffle_ticket')
    .select(['number', 'status', 'order_id'])
    .where('raffle_id', '=', raffleId)
    .where('status', '<>', 'available')
    .execute();
  for (const o of orders) {
    for (const n of o.numbers) {
      const t = tickets.find((x) => x.number === n)!;
      expect(t.order_id).toBe(o.id);
      expect(t.status).toBe(o.status === 'paid' ? 'sold' : 'held');
    }
  }
  expect(tickets.length).toBe(numbers.length);
  return orders;
}

describe('32 concurrent buyers with colliding picks', () => {
  it('never holds a number for two orders, and every buyer told "order created" has exactly that order', async () => {
    await Promise.all(users.map((u) => h.say(u, 'rifas')));
    await Promise.all(users.map((u) => h.say(u, '1')));
    // Each pick is delivered twice by "Meta" (same message id) and tapped twice by the buyer (new id).
    await Promise.all(
      users.map(async (u, i) => {
        const text = pickOf(i).join(',');
        const payload = h.wa.textMessage({ from: u, text });
        await Promise.all([
          h.deliver(payload),
          h.deliver(payload),
          h.deliver(h.wa.textMessage({ from: u, text })),
        ]);
      }),
    );
    await settle();

    const orders = await assertNoNumberTwice();
    const buyers = await h.db.selectFrom('raffle_buyer').select(['id', 'wa_id']).execute();
    let created = 0;
    for (const [i, u] of users.entries()) {
      const texts = h.texts(u).slice(2);
      const told = texts.filter((t) => t.startsWith('Pedido creado'));
      const buyerId = buyers.find((b) => b.wa_id === u)?.id;
      const mine = orders.filter((o) => o.buyer_id === buyerId);
      expect(told.length, `${u}: ${JSON.stringify(texts)}`).toBeLessThanOrEqual(1);
      expect(mine.length).toBe(told.length);
      if (told.length === 1) {
        created++;
        expect(told[0]).toContain(`Boletos: ${[...pickOf(i)].sort((a, b) => a - b).join(', ')}`);
        expect(mine[0]!.numbers.sort((a, b) => a - b)).toEqual([...pickOf(i)].sort((a, b) => a - b));
        // the double tap was answered with the same order, never a second one
        expect(texts.some((t) => t.startsWith('Ya tienes un pedido'))).toBe(true);
      } else {
        expect(texts.every((t) => /ya están tomados/.test(t))).toBe(true);
      }
    }
    expect(created).toBeGreaterThan(3);
    expect(orders).toHaveLength(created);
  });

  it('lets exactly one of a concurrent confirm and cancel win, and tells the buyer only that', async () => {
    const orders = await liveAndPaidOrders();
    const results = await Promise.all(
      orders.map(async (o) => {
        const [confirm, cancel] = await Promise.all([
          h.ops.post(`/api/raffle/orders/${o.id}/confirm`),
          h.ops.post(`/api/raffle/orders/${o.id}/cancel`),
        ]);
        return { id: o.id, confirm: confirm.statusCode, cancel: cancel.statusCode };
      }),
    );
    for (const r of results) expect([r.confirm, r.cancel].sort()).toEqual([200, 409]);
    await settle();
    const after = await h.db
      .selectFrom('raffle_order')
      .select(['id', 'status'])
      .where('raffle_id', '=', raffleId)
      .execute();
    for (const r of results) {
      expect(after.find((o) => o.id === r.id)!.status).toBe(r.confirm === 200 ? 'paid' : 'cancelled');
    }
    await assertNoNumberTwice();
    for (const u of users) {
      const texts = h.texts(u);
      const paid = texts.some((t) => t.startsWith('Pago confirmado'));
      const cancelled = texts.some((t) => /fue cancelado/.test(t));
      expect(paid && cancelled).toBe(false);
    }
    const sold = await h.db
      .selectFrom('raffle_ticket')
      .select('number')
      .where('raffle_id', '=', raffleId)
      .where('status', '=', 'sold')
      .execute();
    const paidNumbers = (await liveAndPaidOrders()).flatMap((o) => o.numbers);
    expect(sold.length).toBe(paidNumbers.length);
  });
});
