import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle, createRaffleOrder } from '../../../../test/factories/raffle.ts';
import { type RaffleHarness, startRaffleApp } from './raffle-harness.ts';

let h: RaffleHarness;

beforeAll(async () => {
  h = await startRaffleApp();
}, 60_000);
afterAll(async () => h?.close());

describe("a raffle order's payment", () => {
  it('is named on the order as soon as a proof arrives, and the console order links it', async () => {
    const raffle = await createRaffle(h.app, { title: 'Proof raffle' });
    const order = await createRaffleOrder(h.app, { raffleId: raffle.id, payment: 'proof' });
    const payments = (await h.ops.get(`/api/payments?purposeType=raffle.order&purposeId=${order.id}`)).json();
    const proofId = payments.items[0].id as string;

    const listed = (await h.ops.get(`/api/raffle/orders?raffleId=${raffle.id}`)).json();
    expect(listed).toMatchObject({
      items: [{ id: order.id, status: 'pending_payment', paymentId: proofId }],
      total: 1,
      page: 1,
      perPage: 100,
    });
    expect((await h.ops.get(`/api/raffle/orders/${order.id}`)).json().paymentId).toBe(proofId);
    expect((await h.ops.get(`/api/raffle/console/orders/${order.id}`)).json().paymentId).toBe(proofId);

    // Paid: the payment that paid it (the verified proof), the same one.
    expect((await h.ops.post(`/api/raffle/orders/${order.id}/confirm`)).json()).toMatchObject({
      status: 'paid',
      paymentId: proofId,
    });
  });

  it('is none while nothing was paid or sent', async () => {
    const raffle = await createRaffle(h.app, { title: 'Unpaid raffle' });
    const order = await createRaffleOrder(h.app, { raffleId: raffle.id });
    expect((await h.ops.get(`/api/raffle/orders/${order.id}`)).json().paymentId).toBeNull();
    expect((await h.ops.get(`/api/raffle/console/orders/${order.id}`)).json().paymentId).toBeNull();
  });
});
