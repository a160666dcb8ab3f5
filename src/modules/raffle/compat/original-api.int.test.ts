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
      created_at: expect.any(String),
      updated_at: expect.any(String),
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
    expect(Object.keys(tickets.json()[0]).sort()).toEqual(
      ['id', 'number', 'status', 'reserved_until', 'reserved_by_order', 'created_at', 'updated_at'].sort(),
    );
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
        updated_at: expect.any(String),
        tickets: [
          { id: `${raffleId}#5`, ticket_number: 5, created_at: expect.any(String) },
          { id: `${raffleId}#6`, ticket_number: 6, created_at: expect.any(String) },
        ],
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

  it('answers 404 {detail} for an integer id the import never brought', async () => {
    const res = await owner.get('/api/orders/4242/');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ detail: expect.any(String), code: expect.stringMatching(/not_found$/) });
  });

  it('answers 401 {detail} without a credential', async () => {
    const res = await app.anonymous().get('/api/orders/');
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ detail: expect.any(String), code: 'unauthenticated' });
  });
});

describe('/api/raffles/… writes, as the original ModelViewSet took them', () => {
  it('POST /api/raffles/ creates a raffle with the original fields, selling at once; 400 on a field it refuses', async () => {
    const res = await owner.post('/api/raffles/', {
      title: 'Rifa Ñandutí 新年',
      description: 'A beneficio del comedor',
      ticket_price: '20000.00',
      currency: 'PYG',
      min_number: 1,
      max_number: 50,
      draw_date: '2099-01-01T00:00:00Z',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      title: 'Rifa Ñandutí 新年',
      ticket_price: '20000',
      currency: 'PYG',
      is_active: true,
      total_tickets: 50,
      available_count: 50,
      draw_date: '2099-01-01T00:00:00.000Z',
    });
    const bad = await owner.post('/api/raffles/', { title: 'x', ticket_price: 'diez', max_number: 5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toHaveProperty('ticket_price');
    expect(
      (await viewer.post('/api/raffles/', { title: 'x', ticket_price: '1.00', max_number: 5 })).statusCode,
    ).toBe(403);
  });

  it('PATCH and PUT change a raffle (is_active=false closes its sales); DELETE removes a draft and refuses one that sold', async () => {
    const created = (
      await owner.post('/api/raffles/', {
        title: 'Borrador API',
        ticket_price: 5,
        currency: 'USD',
        max_number: 20,
        is_active: false,
      })
    ).json();
    expect(created).toMatchObject({ is_active: false, ticket_price: '5.00' });
    const patched = await owner.patch(`/api/raffles/${created.id}/`, {
      ticket_price: '7.50',
      title: 'Rifa API',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ title: 'Rifa API', ticket_price: '7.50' });
    const put = await owner.request('PUT', `/api/raffles/${created.id}/`, {
      title: 'Rifa API',
      ticket_price: '7.50',
      max_number: 20,
      is_active: true,
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({ is_active: true, available_count: 20 });
    const closed = await owner.patch(`/api/raffles/${created.id}/`, { is_active: false });
    expect(closed.json()).toMatchObject({ is_active: false });
    expect((await owner.delete(`/api/raffles/${created.id}/`)).statusCode).toBe(400);
    const draft = (
      await owner.post('/api/raffles/', {
        title: 'Se va',
        ticket_price: '1.00',
        max_number: 3,
        is_active: false,
      })
    ).json();
    expect((await owner.delete(`/api/raffles/${draft.id}/`)).statusCode).toBe(204);
    expect((await owner.get(`/api/raffles/${draft.id}/`)).statusCode).toBe(404);
  });

  it('POST /api/raffles/{id}/reserve/ holds specific or random numbers for a WhatsApp number typed any way', async () => {
    const raffle = (
      await owner.post('/api/raffles/', {
        title: 'Reservas',
        ticket_price: '2.50',
        currency: 'USD',
        max_number: 30,
      })
    ).json();
    const specific = await owner.post(`/api/raffles/${raffle.id}/reserve/`, {
      wa_id: '+595 981 555-123',
      type: 'specific',
      numbers: [7, 8],
    });
    expect(specific.statusCode, specific.body).toBe(201);
    expect(specific.json()).toMatchObject({
      contact_wa_id: '595981555123',
      status: 'PENDING_PAYMENT',
      ticket_numbers: [7, 8],
      total_amount: '5.00',
    });
    const random = await owner.post(`/api/raffles/${raffle.id}/reserve/`, {
      wa_id: '595981555124',
      type: 'random',
      qty: 3,
    });
    expect(random.statusCode, random.body).toBe(201);
    expect(random.json().ticket_numbers).toHaveLength(3);
    const taken = await owner.post(`/api/raffles/${raffle.id}/reserve/`, {
      wa_id: '595981555125',
      type: 'specific',
      numbers: [7],
    });
    expect(taken.statusCode).toBe(400);
    const missing = await owner.post(`/api/raffles/${raffle.id}/reserve/`, {
      wa_id: '595981555125',
      type: 'random',
    });
    expect(missing.statusCode).toBe(400);
  });
});

describe('the original WhatsApp webhook URLs', () => {
  it('GET /whatsapp/webhook/ and /whatsapp/webhook/verify/ answer as the WhatsApp handshake does; a POST with no valid signature is refused there', async () => {
    for (const path of ['/whatsapp/webhook/', '/whatsapp/webhook/verify/']) {
      const ours = await app
        .anonymous()
        .get('/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=x&hub.challenge=7');
      const theirs = await app
        .anonymous()
        .get(`${path}?hub.mode=subscribe&hub.verify_token=x&hub.challenge=7`);
      expect([theirs.statusCode, theirs.json().code], path).toEqual([ours.statusCode, ours.json().code]);
    }
    const ours = await app.anonymous().post('/webhooks/whatsapp', { entry: [] });
    const theirs = await app.anonymous().post('/whatsapp/webhook/', { entry: [] });
    expect(theirs.statusCode).toBe(ours.statusCode);
    expect(theirs.statusCode).toBeGreaterThanOrEqual(400);
  });
});
