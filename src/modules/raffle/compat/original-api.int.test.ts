import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle, createRaffleOrder } from '../../../../test/factories/raffle.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';

/**
 * The original raffle backoffice's REST API (issue 42, item 6), called as its scripts call it:
 * trailing slashes, snake_case, upper-case statuses, DRF pages and refusals.
 */
let app: TestApp;
let owner: ApiClient;
let viewer: ApiClient;
let raffleId: string;

beforeAll(async () => {
  app = await startTestApp();
  owner = await signedInStaff(app, { role: 'owner' });
  viewer = await signedInStaff(app, { role: 'viewer' });
  raffleId = (await createRaffle(app, { title: 'Rifa Navidad', minNumber: 1, maxNumber: 10 })).id;
  await createRaffle(app, { title: 'Borrador', status: 'draft' });
});
afterAll(() => app.close());

describe('/api/raffles/…', () => {
  it('GET /api/raffles/ pages raffles as the original wrote them; is_active=true keeps those selling', async () => {
    const res = await owner.get('/api/raffles/?is_active=true');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ count: 1, next: null, previous: null });
    expect(res.json().results[0]).toMatchObject({
      id: raffleId,
      title: 'Rifa Navidad',
      ticket_price: '15.00',
      currency: 'USD',
      is_active: true,
      min_number: 1,
      max_number: 10,
      total_tickets: 10,
    });
    expect(
      (await owner.get('/api/raffles/?is_active=false'))
        .json()
        .results.map((r: { title: string }) => r.title),
    ).toEqual(['Borrador']);
  });

  it('GET /api/raffles/{id}/ answers one raffle, 404 {detail} for another', async () => {
    expect((await viewer.get(`/api/raffles/${raffleId}/`)).json()).toMatchObject({ id: raffleId });
    const none = await viewer.get(`/api/raffles/${crypto.randomUUID()}/`);
    expect(none.statusCode).toBe(404);
    expect(none.json()).toEqual({ detail: expect.any(String), code: expect.stringMatching(/not_found$/) });
  });

  it('GET /api/raffles/{id}/availability/ and /tickets/ count and list numbers with the original statuses', async () => {
    const held = await createRaffleOrder(app, { raffleId, pick: { numbers: [3] } });
    await createRaffleOrder(app, { raffleId, pick: { numbers: [4] }, payment: 'paid' });
    const availability = await owner.get(`/api/raffles/${raffleId}/availability/`);
    expect(availability.statusCode, availability.body).toBe(200);
    expect(availability.json()).toEqual({
      raffle_id: raffleId,
      total_tickets: 10,
      available_count: 8,
      sold_count: 1,
      reserved_count: 1,
      available_numbers: [1, 2, 5, 6, 7, 8, 9, 10],
    });
    const tickets = await owner.get(`/api/raffles/${raffleId}/tickets/`);
    expect(tickets.json().slice(2, 4)).toEqual([
      expect.objectContaining({ number: 3, status: 'RESERVED', reserved_by_order: held.id }),
      expect.objectContaining({ number: 4, status: 'SOLD' }),
    ]);
  });
});

describe('/api/orders/…', () => {
  it('GET /api/orders/ pages orders with their filters; GET /api/orders/{id}/ answers one', async () => {
    const order = await createRaffleOrder(app, {
      raffleId,
      pick: { numbers: [6, 5] },
      waId: '595981111111',
      name: 'Ana',
    });
    const res = await owner.get(`/api/orders/?status=PENDING_PAYMENT&raffle=${raffleId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().results).toContainEqual(
      expect.objectContaining({
        id: order.id,
        raffle: raffleId,
        raffle_title: 'Rifa Navidad',
        contact_wa_id: '595981111111',
        contact_name: 'Ana',
        qty: 2,
        total_amount: '30.00',
        status: 'PENDING_PAYMENT',
        ticket_numbers: [5, 6],
      }),
    );
    expect(res.json().count).toBe(res.json().results.length);
    expect((await owner.get(`/api/orders/${order.id}/`)).json()).toMatchObject({ id: order.id, qty: 2 });
    expect((await owner.get('/api/orders/?status=WAITING')).statusCode).toBe(400);
  });

  it('GET /api/orders/pending-payment/ (and pending_payment/) lists what waits for payment', async () => {
    const pending = await createRaffleOrder(app, { raffleId, pick: { numbers: [7] } });
    for (const path of ['/api/orders/pending-payment/', '/api/orders/pending_payment/']) {
      const res = await owner.get(path);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().map((o: { id: string }) => o.id)).toContain(pending.id);
      expect(res.json().every((o: { status: string }) => o.status === 'PENDING_PAYMENT')).toBe(true);
    }
  });

  it('POST /api/orders/{id}/confirm-payment/ sells the tickets; a second time is 400 {error}', async () => {
    const order = await createRaffleOrder(app, { raffleId, pick: { numbers: [8] } });
    const res = await owner.post(`/api/orders/${order.id}/confirm-payment/`, {
      payment_proof_media_id: 'wamid.1',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: order.id, status: 'PAID', paid_at: expect.any(String) });
    const again = await owner.post(`/api/orders/${order.id}/confirm_payment/`);
    expect(again.statusCode).toBe(400);
    expect(again.json()).toEqual({ error: expect.any(String), code: expect.any(String) });
    // A viewer reads but does not confirm, as on the native route.
    const other = await createRaffleOrder(app, { raffleId, pick: { numbers: [9] } });
    expect((await viewer.post(`/api/orders/${other.id}/confirm-payment/`)).statusCode).toBe(403);
  });

  it('POST /api/orders/{id}/cancel/ releases the tickets', async () => {
    const order = await createRaffleOrder(app, { raffleId, pick: { numbers: [10] } });
    const res = await owner.post(`/api/orders/${order.id}/cancel/`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ released_tickets: 1, order: { id: order.id, status: 'CANCELLED' } });
  });

  it('answers 401 {detail} without a credential', async () => {
    const res = await app.anonymous().get('/api/orders/');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ detail: expect.any(String), code: 'unauthenticated' });
  });
});
