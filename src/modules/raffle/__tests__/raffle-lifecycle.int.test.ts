import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle, createRaffleOrder } from '../../../../test/factories/raffle.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { runJob } from '../../../../test/support/jobs.ts';
import { shiftableClock } from '../../../../test/support/test-clock.ts';
import { searchAudit } from '../../../core/audit/index.ts';
import { sql } from '../../../platform/db/index.ts';
import { verifyDraw } from '../draw.rules.ts';
import { sweepHoldsJob } from '../raffle.queue.ts';
import { type RaffleHarness, startRaffleApp } from './raffle-harness.ts';

const HOLD_MS = 15 * 60_000; // the default hold
let h: RaffleHarness;

beforeAll(async () => {
  h = await startRaffleApp();
});
afterAll(async () => h.close());

const reserveIn =
  (harness: () => RaffleHarness) =>
  (raffleId: string, waId: string, body: Record<string, unknown>, key?: string) =>
    harness().ops.post(
      `/api/raffle/raffles/${raffleId}/reservations`,
      { waId, ...body },
      key ? { 'idempotency-key': key } : {},
    );
const reserve = reserveIn(() => h);

describe('holds, expiry and payment', () => {
  // An app of its own: these tests run its clock past holds, ahead of the database's time.
  const clock = shiftableClock();
  let t: RaffleHarness;
  const reserveHere = reserveIn(() => t);
  beforeAll(async () => {
    t = await startRaffleApp({ clock });
  });
  afterAll(async () => t.close());

  const orderRow = (orderId: string) =>
    t.db
      .selectFrom('raffle_order')
      .select(['status', 'expired_at'])
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();

  it('expires a hold that ran out without any new reservation, frees its numbers and tells the buyer', async () => {
    const { id } = await createRaffle(t.app);
    await t.say('595981400001', 'hola'); // opens the 24-hour window: free-form messages may go out
    const res = await reserveHere(id, '595981400001', { numbers: [7, 8] });
    expect(res.statusCode, res.body).toBe(201);
    const orderId = res.json().id as string;
    // The sweeper leaves a hold alone until it runs out…
    await runJob(t.app, sweepHoldsJob, {});
    expect(await orderRow(orderId)).toEqual({ status: 'pending_payment', expired_at: null });

    clock.advance(HOLD_MS + 1_000);
    await runJob(t.app, sweepHoldsJob, {});
    // …and expires it once it has: nobody had to try the numbers again.
    const row = await orderRow(orderId);
    expect(row.status).toBe('expired');
    expect(row.expired_at!.getTime()).toBeGreaterThanOrEqual(Date.parse(res.json().expiresAt));
    const tickets = await t.db
      .selectFrom('raffle_ticket')
      .select(['status', 'order_id'])
      .where('raffle_id', '=', id)
      .where('number', 'in', [7, 8])
      .execute();
    expect(tickets).toEqual([
      { status: 'available', order_id: null },
      { status: 'available', order_id: null },
    ]);
    await eventually(async () => t.texts('595981400001').some((text) => /venció/.test(text)));
    const audit = await searchAudit(t.ctx, {
      subjectType: 'raffle_order',
      subjectId: orderId,
      action: 'raffle.order.',
      limit: 50,
    });
    expect(audit.items.map((a) => a.action).sort()).toEqual([
      'raffle.order.expired',
      'raffle.order.reserved',
    ]);
  });

  it('refuses to confirm an expired hold whose number another buyer now holds (no double sale)', async () => {
    const { id } = await createRaffle(t.app);
    const first = await reserveHere(id, '595981400002', { numbers: [5] });
    clock.advance(HOLD_MS + 1_000);
    // The number is free again at once (the hold ran out), whether or not any job has run yet.
    const second = await reserveHere(id, '595981400003', { numbers: [5] });
    expect(second.statusCode, second.body).toBe(201);
    const late = await t.ops.post(`/api/raffle/orders/${first.json().id}/confirm`);
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toMatch(/hold_expired|order_not_pending/);
    const ok = await t.ops.post(`/api/raffle/orders/${second.json().id}/confirm`);
    expect(ok.statusCode, ok.body).toBe(200);
    const ticket = await t.db
      .selectFrom('raffle_ticket')
      .select(['status', 'order_id'])
      .where('raffle_id', '=', id)
      .where('number', '=', 5)
      .executeTakeFirstOrThrow();
    expect(ticket).toEqual({ status: 'sold', order_id: second.json().id });
  });

  it('replays a reservation with the same Idempotency-Key and keeps one live order per buyer', async () => {
    const { id } = await createRaffle(t.app, { maxPerBuyer: 4, maxPerOrder: 3 });
    const a = await reserveHere(id, '595981400004', { numbers: [1, 2] }, 'key-1');
    const b = await reserveHere(id, '595981400004', { numbers: [1, 2] }, 'key-1');
    expect(b.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    const other = await reserveHere(id, '595981400004', { random: 1 });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('raffle.live_order_exists');
    expect((await t.ops.post(`/api/raffle/orders/${a.json().id}/confirm`)).statusCode).toBe(200);
    expect((await reserveHere(id, '595981400004', { random: 3 })).json().code).toBe(
      'raffle.buyer_limit_reached',
    );
    const avail = (await t.ops.get(`/api/raffle/raffles/${id}/availability`)).json();
    expect(avail).toMatchObject({ total: 100, sold: 2, held: 0, available: 98 });
    const grid = (await t.ops.get(`/api/raffle/raffles/${id}/tickets/grid`)).json();
    expect(grid.statuses).toHaveLength(100);
    expect(grid.statuses.slice(0, 3)).toBe('ssa');
    // The ticket list pages as every list does (issue 67): the sold two, one a page.
    const sold = (page: number) =>
      t.ops.get(`/api/raffle/raffles/${id}/tickets?status=sold&page=${page}&perPage=1`);
    expect((await sold(1)).json()).toMatchObject({ items: [{ number: 1 }], total: 2, page: 1, perPage: 1 });
    expect((await sold(2)).json()).toMatchObject({ items: [{ number: 2 }], total: 2, page: 2, perPage: 1 });
  });
});

describe('refused reservations', () => {
  /** Rows a reservation writes, across organizations; and the identities of the callers used here. */
  const written = async (waIds: string[]) => {
    const { rows } = await sql<Record<string, string>>`
      select (select count(*) from contact) as contacts,
             (select count(*) from contact_identity) as identities,
             (select count(*) from raffle_buyer) as buyers,
             (select count(*) from raffle_order) as orders,
             (select count(*) from idempotency_key) as idempotency_keys,
             (select count(*) from contact_identity
               where external_id like any(${waIds.map((w) => `%${w}`)}::text[])) as callers
    `.execute(h.app.database.db);
    return rows[0];
  };

  it('writes no contact, buyer or order for a raffle that does not exist or is not selling', async () => {
    const draft = await h.ops.post('/api/raffle/raffles', {
      title: 'Not selling yet',
      priceMinor: 1500,
      currency: 'USD',
      minNumber: 1,
      maxNumber: 10,
      prizes: ['Kettle'],
    });
    expect(draft.statusCode).toBe(201);
    const callers = ['595981400301', '595981400302'];
    const before = await written(callers);
    expect(before?.callers).toBe('0');

    const unknown = await reserve(randomUUID(), callers[0]!, { numbers: [1] }, 'refused-unknown');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('raffle.raffle_not_found');
    const notSelling = await reserve(draft.json().id, callers[1]!, { random: 1, name: 'Caller' });
    expect(notSelling.statusCode).toBe(409);
    expect(notSelling.json().code).toBe('raffle.raffle_not_selling');

    expect(await written(callers)).toEqual(before);
  });
});

describe('verifiable draw', () => {
  it('publishes the commitment first, draws from sold tickets, and anyone can re-run it', async () => {
    const { id, commitment } = await createRaffle(h.app, { prizes: ['Bike', 'Hamper'], maxNumber: 30 });
    const before = await h.app.anonymous().get(`/public/raffles/${id}/draw`);
    expect(before.json()).toMatchObject({ commitment, seed: null, status: 'selling' });
    for (const [i, nums] of [[3, 4], [10], [22, 23, 24]].entries()) {
      await h.say(`59598140010${i}`, 'hola');
      const r = await reserve(id, `59598140010${i}`, { numbers: nums });
      expect((await h.ops.post(`/api/raffle/orders/${r.json().id}/confirm`)).statusCode).toBe(200);
    }
    expect((await h.ops.post(`/api/raffle/raffles/${id}/draw`)).statusCode).toBe(403);
    expect((await h.owner.post(`/api/raffle/raffles/${id}/draw`)).json().code).toBe(
      'raffle.raffle_state_invalid',
    );
    expect((await h.ops.post(`/api/raffle/raffles/${id}/close`)).statusCode).toBe(200);
    const drawn = await h.owner.post(`/api/raffle/raffles/${id}/draw`);
    expect(drawn.statusCode, drawn.body).toBe(200);

    const page = (await h.app.anonymous().get(`/public/raffles/${id}/draw`)).json();
    expect(page.verified).toBe(true);
    expect(page.ledger).toHaveLength(6);
    const published = {
      commitment: page.commitment,
      seed: page.seed,
      ledgerHash: page.ledgerHash,
      ledger: page.ledger,
      prizes: 2,
      winners: page.prizes.map((p: { winningNumber: number; winningOrderId: string }) => ({
        number: p.winningNumber,
        orderId: p.winningOrderId,
      })),
    };
    expect(verifyDraw(published).ok).toBe(true);
    expect(
      verifyDraw({ ...published, seed: page.seed.replace(/^./, (c: string) => (c === '0' ? '1' : '0')) }).ok,
    ).toBe(false);
    expect(verifyDraw({ ...published, ledger: page.ledger.slice(1) }).ok).toBe(false);
    const html = await h.app
      .anonymous()
      .request('GET', `/public/raffles/${id}/draw`, undefined, { accept: 'text/html' });
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain(page.seed);
    const winnerOrder = page.prizes[0].winningOrderId as string;
    const buyer = await h.db
      .selectFrom('raffle_order')
      .innerJoin('raffle_buyer', 'raffle_buyer.id', 'raffle_order.buyer_id')
      .select('raffle_buyer.wa_id')
      .where('raffle_order.id', '=', winnerOrder)
      .executeTakeFirstOrThrow();
    await eventually(async () => h.texts(buyer.wa_id!).some((t) => t.includes('Felicidades')));
  });
});

describe('console lists', () => {
  it("links the buyer's latest proof of payment from the order list, and only from its own order", async () => {
    const { id } = await createRaffle(h.app);
    const withProof = await createRaffleOrder(h.app, { raffleId: id, payment: 'proof' });
    const without = await createRaffleOrder(h.app, { raffleId: id });
    const list = (await h.ops.get(`/api/raffle/console/orders?perPage=100`)).json();
    const proofOf = (orderId: string) =>
      list.items.find((o: { id: string }) => o.id === orderId)?.proof as string | null | undefined;
    expect(proofOf(withProof.id)).toMatch(/^\/api\/files\/[0-9a-f-]{36}\/content$/);
    expect(proofOf(without.id)).toBeNull();
    const file = await h.ops.get(proofOf(withProof.id)!);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.toString()).toBe(`%PDF-1.4 proof of ${withProof.id}`);
  });
});

describe('organization scope', () => {
  it("does not let another organization see or touch this organization's raffles and orders", async () => {
    const { id } = await createRaffle(h.app);
    const order = (await reserve(id, '595981400200', { numbers: [60] })).json();
    await h.app.createOrg('other', 'owner@other.example');
    const other = await h.app.signIn('owner@other.example', undefined, 'other');
    expect((await other.get(`/api/raffle/raffles/${id}`)).statusCode).toBe(404);
    expect((await other.get('/api/raffle/raffles')).json()).toEqual([]);
    expect((await other.get(`/api/raffle/raffles/${id}/availability`)).statusCode).toBe(404);
    expect((await other.get(`/api/raffle/orders/${order.id}`)).statusCode).toBe(404);
    expect((await other.post(`/api/raffle/orders/${order.id}/confirm`)).statusCode).toBe(404);
    expect((await other.post(`/api/raffle/orders/${order.id}/cancel`)).statusCode).toBe(404);
    expect(
      (await other.post(`/api/raffle/raffles/${id}/reservations`, { waId: '595981400201', numbers: [61] }))
        .statusCode,
    ).toBe(404);
    expect((await other.get('/api/raffle/console/orders')).json().items ?? []).toEqual([]);
    expect((await h.ops.get(`/api/raffle/orders/${order.id}`)).json().status).toBe('pending_payment');
  });
});
