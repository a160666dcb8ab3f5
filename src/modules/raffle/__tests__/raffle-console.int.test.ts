import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle, createRaffleOrder } from '../../../../test/factories/raffle.ts';
import { fixedClock } from '../../../platform/clock/index.ts';
import { submitOrderProof } from '../order-proof.ts';
import { denyOrderProof } from '../orders.ts';
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
/** Whether the tickets list filtered by status shows the raffle's ticket (the filter reads eqSql). */
const listedAs = async (raffleId: string, number: number, status: string) => {
  const title = (await h.ops.get(`/api/raffle/raffles/${raffleId}`)).json().title;
  const res = await h.ops.get(`/api/raffle/console/tickets?number=${number}&${status}&perPage=100`);
  return res.json().items.some((t: { raffle: string }) => t.raffle === title);
};
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
    expect(await listedAs(id, 42, 'status=held')).toBe(true);
    expect(await listedAs(id, 42, 'status=available')).toBe(false);
    const pending = await h.ops.get(`/api/raffle/console/orders?status=pending_payment&perPage=100`);
    expect(pending.json().items.map((o: { id: string }) => o.id)).toContain(orderId);
    expect((await h.ops.get(`/api/raffle/console/orders/${orderId}`)).json().status).toBe('pending_payment');

    clock.advance(31 * 60_000);
    expect((await orderRow(orderId)).status).toBe('expired');
    expect((await ticketRow(id, 42)).status).toBe('available');
    expect(await listedAs(id, 42, 'status=available')).toBe(true);
    expect(await listedAs(id, 42, 'status=held')).toBe(false);
    expect(await listedAs(id, 42, 'status_in=sold,available')).toBe(true);
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
      { files: h.app.deps.files },
      { orderId, bytes: receiptPng('console proof') },
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

describe('raffle form (generated from the resource declaration)', () => {
  const newRaffle = {
    title: 'Form raffle',
    description: 'From the console form',
    currency: 'pyg',
    priceMinor: 10_000,
    minNumber: 1,
    maxNumber: 50,
    holdMinutes: 20,
    prizes: ['A bicycle'],
  };

  it('describes the form and whether the caller may submit it', async () => {
    const meta = (await h.ops.get('/api/resources')).json() as Array<{
      name: string;
      titleColumn: string | null;
      form: { creatable: boolean; editable: boolean; fields: Array<{ name: string; type: string }> } | null;
    }>;
    const raffles = meta.find((r) => r.name === 'raffle.raffles')!;
    expect(raffles.titleColumn).toBe('title');
    expect(raffles.form).toMatchObject({ creatable: true, editable: true });
    expect(raffles.form!.fields.find((f) => f.name === 'priceMinor')!.type).toBe('money');
  });

  it('creates through the use case and answers field errors as problem+json', async () => {
    const created = await h.ops.post('/api/raffle/console/raffles', newRaffle);
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const stored = (await h.ops.get(`/api/raffle/raffles/${id}`)).json();
    expect(stored).toMatchObject({
      title: 'Form raffle',
      currency: 'PYG',
      priceMinor: 10_000,
      status: 'draft',
    });

    const bad = await h.ops.post('/api/raffle/console/raffles', { ...newRaffle, title: '', prizes: [] });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const fields = (bad.json().errors as Array<{ field: string }>).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.title', 'body.prizes']));
  });

  it('edits only what changed, audits only that, and refuses price changes once selling', async () => {
    const id = (await h.ops.post('/api/raffle/console/raffles', newRaffle)).json().id as string;
    const edited = await h.ops.patch(`/api/raffle/console/raffles/${id}`, {
      title: 'Form raffle, edited',
      prizes: ['A bicycle', 'A radio'],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().title).toBe('Form raffle, edited');
    const stored = (await h.ops.get(`/api/raffle/raffles/${id}`)).json();
    expect(stored.prizes.map((p: { title: string }) => p.title)).toEqual(['A bicycle', 'A radio']);
    expect(stored.priceMinor).toBe(10_000);

    const audit = (await h.ops.get(`/api/raffle/console/raffles/${id}/audit`)).json().items as Array<{
      action: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }>;
    const update = audit.find((a) => a.action === 'raffle.raffle.updated')!;
    expect(Object.keys(update.after!).sort()).toEqual(['prizes', 'title']);
    expect(update.before).toMatchObject({ title: 'Form raffle' });

    expect((await h.ops.post(`/api/raffle/raffles/${id}/start-selling`)).statusCode).toBe(200);
    const late = await h.ops.patch(`/api/raffle/console/raffles/${id}`, { priceMinor: 1 });
    expect(late.statusCode).toBe(409);
    expect((await h.ops.get(`/api/raffle/raffles/${id}`)).json().priceMinor).toBe(10_000);
    // Closing time may still move while selling.
    const closes = new Date(clock.now().getTime() + 86_400_000).toISOString();
    expect((await h.ops.patch(`/api/raffle/console/raffles/${id}`, { closesAt: closes })).statusCode).toBe(
      200,
    );
  });
});

describe('people and orders in words (issue 41, item 12)', () => {
  it('names a buyer by profile name or WhatsApp number and an order by its tickets and amount, never an id or a test key', async () => {
    const { id } = await createRaffle(h.app, { title: 'Words raffle', priceMinor: 1500, currency: 'USD' });
    // A WhatsApp profile without a name: the buyer is known by their number.
    const sandbox = await createRaffleOrder(h.app, {
      raffleId: id,
      waId: '15551234567',
      name: '  ',
      pick: { numbers: [12, 5] },
    });
    const named = await createRaffleOrder(h.app, {
      raffleId: id,
      waId: '595981500077',
      name: 'Lucía Ortiz',
      pick: { numbers: [7] },
    });
    const orders = (await h.ops.get(`/api/raffle/console/orders?q=Words&perPage=100`)).json().items;
    const row = (orderId: string) => orders.find((o: { id: string }) => o.id === orderId);
    expect(row(sandbox.id)).toMatchObject({ title: { text: '#5 #12 · USD 30.00' }, buyer: '+15551234567' });
    expect(row(named.id)).toMatchObject({ title: { text: '#7 · USD 15.00' }, buyer: 'Lucía Ortiz' });

    const meta = (await h.ops.get('/api/resources')).json() as Array<{
      name: string;
      titleColumn: string | null;
    }>;
    expect(meta.find((r) => r.name === 'raffle.orders')!.titleColumn).toBe('title');
    expect(meta.find((r) => r.name === 'raffle.tickets')!.titleColumn).toBe('number');

    const buyers = (await h.ops.get('/api/raffle/console/buyers?perPage=100')).json().items;
    expect(buyers.map((b: { name: string }) => b.name)).toEqual(
      expect.arrayContaining(['+15551234567', 'Lucía Ortiz']),
    );

    const ticket = await ticketRow(id, 12);
    // The order's title: its tickets and amount, the amount for the console to write in the reader's
    // format as the bot does (issue 66); the English words stay for API clients and CSV.
    expect(ticket).toMatchObject({
      buyer: '+15551234567',
      orderTitle: {
        key: 'raffle.order_title',
        params: { tickets: '#5 #12', amount: { amountMinor: 3000, currency: 'USD' } },
        text: '#5 #12 · USD 30.00',
      },
    });
    expect((await ticketRow(id, 30)).buyer).toBeNull();
  });
});

describe('raffle console actions offered by state (issue 54, item 17)', () => {
  const offered = async (path: string) => (await h.ops.get(path)).json()._actions as string[];

  it('offers "Deny proof" only while a proof waits: not on one already denied, again on the next one', async () => {
    const { id } = await createRaffle(h.app, { title: 'Denied proof raffle', holdMinutes: 60 });
    const order = await createRaffleOrder(h.app, {
      raffleId: id,
      waId: '595981500003',
      pick: { numbers: [3] },
    });
    const page = `/api/raffle/console/orders/${order.id}`;
    const send = (tag: string) =>
      submitOrderProof(h.ctx, { files: h.app.deps.files }, { orderId: order.id, bytes: receiptPng(tag) });
    await send('first proof');
    expect(await offered(page)).toEqual(['confirm', 'deny', 'cancel']);
    await denyOrderProof(h.ctx, order.id, 'the amount does not match');
    // The denied proof is still the order's latest (its page shows it), but there is nothing to deny.
    expect(await offered(page)).toEqual(['confirm', 'cancel']);
    expect((await h.ops.get(page)).json()).toMatchObject({ proofWaiting: false, proof: expect.any(String) });
    const denyAgain = await h.ops.post('/api/raffle/console/orders/actions/deny', {
      ids: [order.id],
      input: { reason: 'again' },
    });
    expect(denyAgain.json().failed).toEqual([expect.objectContaining({ code: 'raffle.proof_not_found' })]);
    await send('second proof');
    expect(await offered(page)).toEqual(['confirm', 'deny', 'cancel']);
  });

  it('offers "Draw winners" on a closed raffle only once no order waits for payment, by the app clock', async () => {
    const { id } = await createRaffle(h.app, { title: 'Waiting draw raffle', holdMinutes: 30 });
    await createRaffleOrder(h.app, {
      raffleId: id,
      waId: '595981500004',
      pick: { numbers: [1] },
      payment: 'paid',
    });
    await createRaffleOrder(h.app, { raffleId: id, waId: '595981500005', pick: { numbers: [2] } });
    expect((await h.ops.post(`/api/raffle/raffles/${id}/close`)).statusCode).toBe(200);
    const page = `/api/raffle/console/raffles/${id}`;
    expect(await offered(page)).not.toContain('draw');
    expect((await h.ops.get(page)).json().waitingOrders).toBe(1);
    // The hold runs out (by the app's clock, an hour behind the server's): the draw is offered.
    clock.advance(31 * 60_000);
    expect(await offered(page)).toContain('draw');
  });
});
