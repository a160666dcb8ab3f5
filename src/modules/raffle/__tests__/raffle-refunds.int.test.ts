import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle, createRaffleOrder } from '../../../../test/factories/raffle.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { type RaffleHarness, startRaffleApp } from './raffle-harness.ts';

let h: RaffleHarness;

beforeAll(async () => {
  h = await startRaffleApp();
}, 60_000);
afterAll(async () => h?.close());

let buyers = 0;
/** A buyer who wrote to the bot (so the raffle's free-text messages reach them) and a paid order of theirs. */
async function paidOrderOf(raffleId: string, numbers: number[]) {
  const waId = `59598${String(++buyers).padStart(7, '0')}`;
  await h.say(waId, 'hola');
  const order = await createRaffleOrder(h.app, { raffleId, waId, pick: { numbers }, payment: 'paid' });
  expect(order.status).toBe('paid');
  return { order, waId };
}

const ticketsOf = async (raffleId: string, numbers: number[]) =>
  h.db
    .selectFrom('raffle_ticket')
    .select(['number', 'status', 'order_id'])
    .where('raffle_id', '=', raffleId)
    .where('number', 'in', numbers)
    .orderBy('number')
    .execute();

const refundWords = (texts: string[]) => texts.filter((t) => /devolvimos|went back to you/.test(t));

describe('raffle refunds', () => {
  it('cancels a paid order with a cash refund, its numbers back on sale, and tells the buyer on WhatsApp', async () => {
    const raffle = await createRaffle(h.app, { title: 'Rifa Reembolso' });
    const { order, waId } = await paidOrderOf(raffle.id, [3, 4]);
    const res = await h.owner.post(`/api/raffle/orders/${order.id}/refund`, {
      reason: 'pagó dos veces',
      tickets: 'release',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      order: { status: 'cancelled' },
      refund: { status: 'succeeded', method: 'cash', reason: 'pagó dos veces' },
      numbers: [3, 4],
    });
    expect(await ticketsOf(raffle.id, [3, 4])).toEqual([
      { number: 3, status: 'available', order_id: null },
      { number: 4, status: 'available', order_id: null },
    ]);
    await eventually(() => refundWords(h.texts(waId)).length === 1, { what: 'the refund message' });
    expect(refundWords(h.texts(waId))[0]).toMatch(/Rifa Reembolso/);
    expect(refundWords(h.texts(waId))[0]).toMatch(/pagó dos veces/);
    const again = await h.owner.post(`/api/raffle/orders/${order.id}/refund`, {
      reason: 'x',
      tickets: 'release',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('raffle.order_not_paid');
  });

  it('holds the numbers off sale when staff choose so: nobody can buy them, and they are never drawn', async () => {
    const raffle = await createRaffle(h.app, { title: 'Rifa Retenida' });
    const { order } = await paidOrderOf(raffle.id, [7]);
    const res = await h.owner.post(`/api/raffle/orders/${order.id}/refund`, {
      reason: 'error',
      tickets: 'hold',
    });
    expect(res.statusCode).toBe(200);
    expect(await ticketsOf(raffle.id, [7])).toEqual([{ number: 7, status: 'held', order_id: order.id }]);
    await expect(createRaffleOrder(h.app, { raffleId: raffle.id, pick: { numbers: [7] } })).rejects.toThrow();
  });

  it('an ops refund waits for a second person; the buyer hears once the money went back', async () => {
    const raffle = await createRaffle(h.app, { title: 'Rifa Dos Personas' });
    const { order, waId } = await paidOrderOf(raffle.id, [11]);
    const res = await h.ops.post(`/api/raffle/orders/${order.id}/refund`, {
      reason: 'duplicado',
      tickets: 'release',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().refund.status).toBe('awaiting_approval');
    expect(refundWords(h.texts(waId))).toHaveLength(0);
    const approved = await h.owner.post(`/api/refunds/${res.json().refund.id}/approve`);
    expect(approved.json().status).toBe('succeeded');
    await eventually(() => refundWords(h.texts(waId)).length === 1, {
      what: 'the refund message after approval',
    });
  });

  it('a called-off raffle refunds every paid order in one run, with progress and a message to each buyer', async () => {
    const raffle = await createRaffle(h.app, { title: 'Rifa Cancelada' });
    const paid = [];
    for (const n of [21, 22, 23]) paid.push(await paidOrderOf(raffle.id, [n]));
    const waiting = await createRaffleOrder(h.app, { raffleId: raffle.id, pick: { numbers: [30] } });
    const res = await h.owner.post(`/api/raffle/raffles/${raffle.id}/call-off`, {
      reason: 'la rifa se suspendió',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 3, tickets: 'hold' });
    const done = await eventually(
      async () => {
        const run = (await h.owner.get(`/api/raffle/raffles/${raffle.id}/call-off`)).json();
        return run.status === 'done' ? run : undefined;
      },
      { what: 'the refund run to finish' },
    );
    expect(done).toMatchObject({ total: 3, refunded: 3, failed: 0, failures: [] });
    for (const { order, waId } of paid) {
      expect((await h.owner.get(`/api/raffle/orders/${order.id}`)).json().status).toBe('cancelled');
      await eventually(() => refundWords(h.texts(waId)).length === 1, { what: `the message to ${waId}` });
      expect(refundWords(h.texts(waId))[0]).toMatch(/la rifa se suspendió/);
    }
    expect((await h.owner.get(`/api/raffle/orders/${waiting.id}`)).json().status).toBe('cancelled');
    expect((await h.owner.get(`/api/raffle/raffles/${raffle.id}`)).json().status).toBe('closed');
    // Calling it off again answers the same run, refunding nothing twice.
    const again = await h.owner.post(`/api/raffle/raffles/${raffle.id}/call-off`, { reason: 'otra vez' });
    expect(again.json()).toMatchObject({ id: res.json().id, refunded: 3 });
  });
});
