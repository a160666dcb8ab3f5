import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle } from '../../../../test/factories/raffle.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { buyerForWhatsApp } from '../buyers.ts';
import { submitOrderProof } from '../order-proof.ts';
import { reserveTickets } from '../reservations.ts';
import { type RaffleHarness, receiptPng, startRaffleApp } from './raffle-harness.ts';

let h: RaffleHarness;

beforeAll(async () => {
  h = await startRaffleApp();
});
afterAll(async () => h.close());

type QueueItem = {
  payment: { id: string; externalReference: string | null; amount: { amountMinor: number } };
  payerName: string | null;
  proof: { url: string; contentType: string } | null;
  purpose: { key: string; params: Record<string, string>; record: { resource: string; id: string } } | null;
  duplicates: Array<{
    payment: { id: string };
    proof: { url: string } | null;
    purpose: { params: Record<string, string> } | null;
  }>;
};

/** An order for `numbers` by a named WhatsApp buyer, with a proof of the given bytes. */
async function orderWithProof(raffleId: string, name: string, numbers: number[], proof: Buffer) {
  const buyerId = await buyerForWhatsApp(h.ctx, {
    waId: `59598${Date.now() % 10_000_000}`,
    displayName: name,
  });
  const { order } = await reserveTickets(h.ctx, { raffleId, buyerId, pick: { numbers } });
  const { paymentId } = await submitOrderProof(
    h.ctx,
    { files: h.app.deps.files },
    { orderId: order.id, bytes: proof },
  );
  return { orderId: order.id, paymentId };
}

describe('payment review queue', () => {
  it('lists waiting proofs oldest first, saying in words what each pays for, with the earlier look-alike beside it', async () => {
    const { id: raffleId } = await createRaffle(h.app, { title: 'Rifa Navidad' });
    const first = await orderWithProof(raffleId, 'Ana Benítez', [12, 5], receiptPng('same screenshot'));
    const second = await orderWithProof(raffleId, 'Carlos Ruiz', [40], receiptPng('same screenshot'));

    const res = await h.ops.get('/api/payments/review');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as QueueItem[];
    const ids = items.map((i) => i.payment.id);
    expect(ids.indexOf(first.paymentId)).toBeLessThan(ids.indexOf(second.paymentId));

    const one = items.find((i) => i.payment.id === first.paymentId)!;
    expect(one.purpose).toEqual({
      key: 'raffle.purpose.order',
      params: { title: 'Rifa Navidad', numbers: '5, 12' },
      record: { resource: 'raffle.orders', id: first.orderId },
      payer: 'Ana Benítez',
    });
    // No contact on the payment: the queue names the payer as the raffle knows the buyer.
    expect(one.payerName).toBe('Ana Benítez');
    expect(one.proof?.contentType).toBe('image/png');
    expect((await h.ops.get(one.proof!.url)).statusCode).toBe(200);
    expect(one.payment.amount.amountMinor).toBe(3000);
    expect(one.duplicates).toEqual([]);

    // The second sent the same picture: the queue shows the first one's proof and purpose beside it.
    const two = items.find((i) => i.payment.id === second.paymentId)!;
    expect(two.duplicates.map((d) => d.payment.id)).toEqual([first.paymentId]);
    expect(two.duplicates[0]!.proof?.url).toBe(one.proof!.url);
    expect(two.duplicates[0]!.purpose?.params.numbers).toBe('5, 12');
  });

  it('drops a verified proof from the queue and pays its order', async () => {
    const { id: raffleId } = await createRaffle(h.app, { title: 'Rifa Verificada' });
    const order = await orderWithProof(raffleId, 'Dora Paz', [7], receiptPng('dora'));
    const offered = async () => ({
      order: (await h.owner.get(`/api/raffle/console/orders/${order.orderId}`)).json()._actions,
      payment: (await h.owner.get(`/api/payments/records/${order.paymentId}`)).json()._actions,
    });
    expect(await offered()).toEqual({ order: ['confirm', 'deny', 'cancel'], payment: ['verify', 'deny'] });
    expect((await h.ops.post(`/api/payments/${order.paymentId}/verify`)).statusCode).toBe(200);
    // Decided: neither the paid order nor its verified payment offers a decision again.
    expect(await offered()).toEqual({ order: [], payment: [] });
    const queue = (await h.ops.get('/api/payments/review')).json().items as QueueItem[];
    expect(queue.map((i) => i.payment.id)).not.toContain(order.paymentId);
    // The order's page still shows the decided payment in the same panel, now verified.
    const panel = await h.ops.get(`/api/payments/${order.paymentId}/review`);
    expect(panel.statusCode, panel.body).toBe(200);
    expect(panel.json()).toMatchObject({
      payment: { id: order.paymentId, status: 'verified' },
      payerName: 'Dora Paz',
      purpose: { params: { title: 'Rifa Verificada', numbers: '7' } },
    });
    const stored = await h.db
      .selectFrom('raffle_order')
      .select('status')
      .where('id', '=', order.orderId)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('paid');
  });

  it('is read under the payments read permission and scoped to the organization', async () => {
    const { id: raffleId } = await createRaffle(h.app, { title: 'Rifa ajena' });
    await orderWithProof(raffleId, 'Eva Gómez', [3], receiptPng('eva'));
    await h.app.createOrg('other-review', 'boss@other.example');
    const other = await h.app.signIn('boss@other.example', undefined, 'other-review');
    const theirs = await other.get('/api/payments/review');
    expect(theirs.statusCode, theirs.body).toBe(200);
    expect(theirs.json()).toEqual({ total: 0, items: [], page: 1, perPage: 50 });
    expect((await h.app.http.inject({ method: 'GET', url: '/api/payments/review' })).statusCode).toBe(401);
  });
});

describe("a raffle's life from its console page", () => {
  it('offers start, close and draw each only in the state it applies to, and runs them', async () => {
    const { id } = await createRaffle(h.app, { title: 'Rifa de pasos', status: 'draft' });
    const actionsOf = async () => (await h.owner.get(`/api/raffle/console/raffles/${id}`)).json()._actions;
    const run = (action: string) =>
      h.owner.post(`/api/raffle/console/raffles/actions/${action}`, { ids: [id] });
    expect(await actionsOf()).toEqual(['start-selling', 'delete']);
    expect((await run('start-selling')).statusCode).toBe(200);
    expect(await actionsOf()).toEqual(['close']);
    const sold = await orderWithProof(id, 'Fabio Sosa', [9], receiptPng('fabio'));
    await h.ops.post(`/api/payments/${sold.paymentId}/verify`);
    // Drawing an open raffle is refused as a failed row, and nothing changes.
    expect((await run('draw')).json().failed).toHaveLength(1);
    expect((await run('close')).statusCode).toBe(200);
    expect(await actionsOf()).toEqual(['draw']);
    expect((await run('draw')).statusCode).toBe(200);
    const stored = await h.db
      .selectFrom('raffle_raffle')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('drawn');
    expect(await actionsOf()).toEqual([]);
  });
});

describe("the seller's reports and to-do list", () => {
  it('reports paid sales per day with ticket counts, and counts money in today', async () => {
    const before = (await h.ops.get('/api/raffle/today')).json();
    const usdBefore =
      before.moneyToday.find((m: { currency: string }) => m.currency === 'USD')?.amountMinor ?? 0;
    const { id } = await createRaffle(h.app, { title: 'Rifa Reporte' });
    const a = await orderWithProof(id, 'Gina Vera', [1, 2], receiptPng('gina'));
    const b = await orderWithProof(id, 'Hugo Lima', [3], receiptPng('hugo'));
    await h.ops.post(`/api/payments/${a.paymentId}/verify`);
    await h.ops.post(`/api/payments/${b.paymentId}/verify`);

    const sales = await h.ops.get(`/api/raffle/raffles/${id}/sales`);
    expect(sales.statusCode, sales.body).toBe(200);
    expect(sales.json()).toMatchObject({
      currency: 'USD',
      buyers: 2,
      amountMinor: 4500,
      tickets: { sold: 3 },
      days: [{ orders: 2, tickets: 3, amountMinor: 4500 }],
    });
    const today = (await h.ops.get('/api/raffle/today')).json();
    const usd = today.moneyToday.find((m: { currency: string }) => m.currency === 'USD').amountMinor;
    expect(usd - usdBefore).toBe(4500);
  });

  it('lists holds about to run out without a proof, and not the ones with time or a proof', async () => {
    const { id } = await createRaffle(h.app, { title: 'Rifa Apurada', holdMinutes: 20 });
    const soon = await buyerForWhatsApp(h.ctx, { waId: '595981900001', displayName: 'Iris Soon' });
    const { order } = await reserveTickets(h.ctx, {
      raffleId: id,
      buyerId: soon,
      pick: { numbers: [11] },
    });
    const proofed = await orderWithProof(id, 'Juan Proof', [12], receiptPng('juan'));
    const { id: relaxed } = await createRaffle(h.app, { title: 'Rifa Tranquila', holdMinutes: 120 });
    const later = await buyerForWhatsApp(h.ctx, { waId: '595981900002', displayName: 'Kai Later' });
    const calm = await reserveTickets(h.ctx, {
      raffleId: relaxed,
      buyerId: later,
      pick: { numbers: [1] },
    });

    const today = (await h.ops.get('/api/raffle/today')).json();
    const expiring = today.holdsExpiring.map((x: { orderId: string }) => x.orderId);
    expect(expiring).toContain(order.id);
    expect(expiring).not.toContain(proofed.orderId);
    expect(expiring).not.toContain(calm.order.id);
    expect(today.holdsExpiring.find((x: { orderId: string }) => x.orderId === order.id)).toMatchObject({
      raffle: 'Rifa Apurada',
      buyer: 'Iris Soon',
      numbers: [11],
    });
    expect(today.proofsWaiting).toBeGreaterThanOrEqual(1);
  });

  it('sends one message to every buyer with a paid ticket, once per text', async () => {
    const { id } = await createRaffle(h.app, { title: 'Rifa Anuncio' });
    const paid = [
      await orderWithProof(id, 'Lara Paid', [21], receiptPng('lara')),
      await orderWithProof(id, 'Mario Paid', [22], receiptPng('mario')),
    ];
    for (const p of paid) await h.ops.post(`/api/payments/${p.paymentId}/verify`);
    await orderWithProof(id, 'Nora Waiting', [23], receiptPng('nora'));

    await h.app.database.pool.query(
      `update organization set settings = jsonb_set(settings, '{whatsapp}', $1::jsonb) where id = $2`,
      [
        JSON.stringify({
          templates: {
            'raffle.announcement': {
              name: 'raffle_announcement',
              language: { es: 'es', en: 'en_US' },
              parameters: ['raffle', 'message'],
            },
          },
        }),
        h.orgId,
      ],
    );
    const message = 'El sorteo es el 24 de diciembre a las 20:00';
    const sent = await h.owner.post(`/api/raffle/raffles/${id}/announcements`, { message });
    expect(sent.statusCode, sent.body).toBe(202);
    expect(sent.json()).toEqual({ buyers: 2 });
    expect((await h.owner.post(`/api/raffle/raffles/${id}/announcements`, { message })).json()).toEqual({
      buyers: 2,
    });
    const { rows } = await h.app.database.pool.query(
      `select recipient from notification where template = 'raffle.announcement' and idempotency_key like $1`,
      [`raffle.announcement:${id}:%`],
    );
    expect(rows).toHaveLength(2);
    const waIds = (
      await h.db
        .selectFrom('raffle_buyer')
        .select('wa_id')
        .where('display_name', 'in', ['Lara Paid', 'Mario Paid'])
        .execute()
    ).map((b) => b.wa_id!);
    // They never wrote (no 24-hour window): it goes out as the approved announcement template.
    for (const waId of waIds) {
      const template = await eventually(() => h.wa.sentMessages(waId).find((m) => m.type === 'template'), {
        what: `the announcement to ${waId}`,
      });
      expect(template.body.template).toMatchObject({
        name: 'raffle_announcement',
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Rifa Anuncio' },
              { type: 'text', text: message },
            ],
          },
        ],
      });
    }
    const refused = await h.owner.post(`/api/raffle/raffles/${id}/announcements`, { message: '   ' });
    expect(refused.statusCode).toBe(400);
  });
});
