import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle } from '../../../../test/factories/raffle.ts';
import { fixedClock } from '../../../platform/clock/index.ts';
import { submitOrderProof } from '../order-proof.ts';
import { type RaffleHarness, receiptPng, startRaffleApp } from './raffle-harness.ts';

// The app's clock runs an hour behind the database server's: what the console lists must follow
// the app's clock (the one the rules use), not the server's `now()`.
const clock = fixedClock(new Date(Date.now() - 60 * 60_000));
let h: RaffleHarness;

beforeAll(async () => {
  h = await startRaffleApp({ clock });
});
afterAll(async () => h.close());

const orderRow = async (orderId: string) =>
  (await h.ops.get(`/api/raffle/console/orders?status_in=pending_payment,expired&perPage=100`))
    .json()
    .items.find((o: { id: string }) => o.id === orderId);
const ticketRow = async (raffleId: string, number: number) => {
  const items = (await h.ops.get(`/api/raffle/console/tickets?number=${number}&perPage=100`)).json().items;
  const title = (await h.ops.get(`/api/raffle/raffles/${raffleId}`)).json().title;
  return items.find((t: { raffle: string }) => t.raffle === title);
};

describe('raffle console lists', () => {
  it('shows a hold as held until the app clock passes it, whatever the database clock says', async () => {
    const { id } = await createRaffle(h.app, { title: 'Clock raffle', holdMinutes: 30 });
    const reserved = await h.ops.post(`/api/raffle/raffles/${id}/reservations`, {
      waId: '595981500001',
      numbers: [42],
    });
    expect(reserved.statusCode, reserved.body).toBe(201);
    const orderId = reserved.json().id as string;

    // By the server's clock this hold ran out half an hour ago; by the app's it has 30 minutes left.
    expect((await orderRow(orderId)).status).toBe('pending_payment');
    // No proof yet: the list does not offer "Deny proof" on this order.
    expect((await orderRow(orderId))._actions).toEqual(['confirm', 'cancel']);
    expect((await ticketRow(id, 42)).status).toBe('held');
    const pending = await h.ops.get(`/api/raffle/console/orders?status=pending_payment&perPage=100`);
    expect(pending.json().items.map((o: { id: string }) => o.id)).toContain(orderId);
    expect((await h.ops.get(`/api/raffle/console/orders/${orderId}`)).json().status).toBe('pending_payment');

    clock.advance(31 * 60_000);
    expect((await orderRow(orderId)).status).toBe('expired');
    expect((await ticketRow(id, 42)).status).toBe('available');
    const expired = await h.ops.get(`/api/raffle/console/orders?status=expired&perPage=100`);
    expect(expired.json().items.map((o: { id: string }) => o.id)).toContain(orderId);
  });

  it("links an order's latest proof of payment, read through the payments area's public view", async () => {
    const { id } = await createRaffle(h.app, { title: 'Proof raffle', holdMinutes: 30 });
    const reserved = await h.ops.post(`/api/raffle/raffles/${id}/reservations`, {
      waId: '595981500002',
      numbers: [7],
    });
    const orderId = reserved.json().id as string;
    expect((await orderRow(orderId)).proof).toBeNull();

    const { paymentId } = await submitOrderProof(
      h.ctx,
      { orderId, bytes: receiptPng('console proof') },
      { files: h.app.deps.files },
    );
    const proof = (await orderRow(orderId)).proof as string;
    expect(proof).toMatch(/^\/api\/files\/[0-9a-f-]{36}\/content$/);
    const payment = (await h.ops.get(`/api/payments/${paymentId}`)).json();
    expect(proof).toBe(`/api/files/${payment.proofFileId}/content`);
    const file = await h.ops.get(proof);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');

    // The view is scoped like a table: another organization's query builder sees none of it.
    type View = { v_payments_payment: { id: string; org_id: string } };
    const read = (orgId: string) =>
      h.app.database.forOrg(orgId).withTables<View>().selectFrom('v_payments_payment').select('id').execute();
    expect((await read(h.orgId)).map((p) => p.id)).toContain(paymentId);
    expect(await read(randomUUID())).toEqual([]);
  });
});
