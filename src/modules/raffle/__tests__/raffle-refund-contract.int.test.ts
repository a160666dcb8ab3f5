import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle, createRaffleOrder } from '../../../../test/factories/raffle.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { type MomoSandbox, startMomoSandbox } from '../../../channels/momo/index.ts';
import { type RaffleHarness, startRaffleApp } from './raffle-harness.ts';

/**
 * Issue 62, the raffle's part: a refund of an order's payment goes through the raffle's refund
 * contract whichever route asks (the payment's Refund panel, core's POST /api/payments/{id}/refunds,
 * or the raffle's own cancel-with-refund), so the order, its numbers, "mis boletos", the sales, the
 * draw and the buyer's message agree; and nothing changes while a refund waits for a second person.
 */
let h: RaffleHarness;
let momo: MomoSandbox;

beforeAll(async () => {
  momo = await startMomoSandbox({ dropCallbacks: true });
  h = await startRaffleApp({ env: momo.appEnv() });
}, 60_000);
afterAll(async () => {
  await h?.close();
  await momo?.close();
});

let buyers = 0;
/** A buyer who wrote to the bot (so the raffle's messages reach them) and a paid order of theirs. */
async function paidOrderOf(raffleId: string, numbers: number[]) {
  const waId = `59597${String(++buyers).padStart(7, '0')}`;
  await h.say(waId, 'hola');
  const order = await createRaffleOrder(h.app, { raffleId, waId, pick: { numbers }, payment: 'paid' });
  expect(order.status).toBe('paid');
  await eventually(() => h.texts(waId).some((t) => /Pago confirmado/.test(t)), { what: 'the paid message' });
  return { order, waId, paymentId: order.paymentId! };
}

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
const refundWords = (texts: string[]) => texts.filter((t) => /devolvimos|went back to you/.test(t));
const orderOf = async (id: string) => (await h.owner.get(`/api/raffle/orders/${id}`)).json();
const salesOf = async (raffleId: string) =>
  (await h.owner.get(`/api/raffle/raffles/${raffleId}/sales`)).json();
const refundsOf = async (paymentId: string) =>
  (await h.owner.get(`/api/payments/${paymentId}/refunds`)).json();
const ticketsOf = async (raffleId: string, numbers: number[]) =>
  h.db
    .selectFrom('raffle_ticket')
    .select(['number', 'status'])
    .where('raffle_id', '=', raffleId)
    .where('number', 'in', numbers)
    .orderBy('number')
    .execute();
/** The refund messages queued to the buyer about an order (one per refund paid back), as stored. */
const refundNotices = async (orderId: string) =>
  (
    await h.db.selectFrom('raffle_order_notification').select('key').where('order_id', '=', orderId).execute()
  ).filter((n) => n.key.startsWith('raffle.order_refunded:'));
/** What the bot answers "mis boletos": the buyer's orders, one line each (other messages may come between). */
async function myTickets(waId: string) {
  const before = h.texts(waId).length;
  await h.say(waId, 'mis boletos');
  return eventually(
    () =>
      h
        .texts(waId)
        .slice(before)
        .find((t) => t.includes(' — ')),
    {
      what: 'the answer to "mis boletos"',
    },
  );
}

describe('a raffle order refunded through any route', () => {
  it('on the payment’s page (core’s route): the order is cancelled, its numbers free, "mis boletos", the sales and the draw net it, the buyer told once', async () => {
    const raffle = await createRaffle(h.app, { title: 'Rifa Panel' });
    const refunded = await paidOrderOf(raffle.id, [48, 95]);
    const kept = await paidOrderOf(raffle.id, [7]);
    expect(await salesOf(raffle.id)).toMatchObject({ amountMinor: 4500, tickets: { sold: 3 }, buyers: 2 });

    const res = await h.owner.post(`/api/payments/${refunded.paymentId}/refunds`, {
      amount: usd(3000),
      method: 'cash',
      reason: 'pagó dos veces',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('succeeded');

    expect(await orderOf(refunded.order.id)).toMatchObject({ status: 'cancelled', refundedMinor: 3000 });
    expect(await ticketsOf(raffle.id, [48, 95])).toEqual([
      { number: 48, status: 'available' },
      { number: 95, status: 'available' },
    ]);
    expect(await myTickets(refunded.waId)).toBe('Rifa Panel: 48, 95 — reembolsado');
    expect(await salesOf(raffle.id)).toMatchObject({ amountMinor: 1500, tickets: { sold: 1 }, buyers: 1 });
    await eventually(() => refundWords(h.texts(refunded.waId)).length === 1, { what: 'the refund message' });
    expect(refundWords(h.texts(refunded.waId))[0]).toMatch(/pagó dos veces/);

    // The raffle's own refund of it now: refused as not paid, nothing paid twice.
    const again = await h.owner.post(`/api/raffle/orders/${refunded.order.id}/refund`, {
      reason: 'otra vez',
      tickets: 'release',
    });
    expect([again.statusCode, again.json().code]).toEqual([409, 'raffle.order_not_paid']);

    // The draw picks from the sold tickets of paid orders only: the refunded buyer cannot win.
    expect((await h.owner.post(`/api/raffle/raffles/${raffle.id}/close`)).statusCode).toBe(200);
    expect((await h.owner.post(`/api/raffle/raffles/${raffle.id}/draw`)).statusCode).toBe(200);
    const draw = (await h.app.anonymous().get(`/public/raffles/${raffle.id}/draw?format=json`)).json();
    expect(draw.ledger).toEqual([{ number: 7, orderId: kept.order.id }]);
    expect(draw.prizes[0]).toMatchObject({ winningNumber: 7, winningOrderId: kept.order.id });
    expect(await refundNotices(refunded.order.id)).toHaveLength(1);
    // Once drawn, a refund that would cancel an order is refused (the ledger is fixed); a part may go back.
    const whole = await h.owner.post(`/api/payments/${kept.paymentId}/refunds`, {
      amount: usd(1500),
      method: 'cash',
      reason: 'tarde',
    });
    expect([whole.statusCode, whole.json().code]).toEqual([409, 'raffle.raffle_state_invalid']);
    const part = await h.owner.post(`/api/payments/${kept.paymentId}/refunds`, {
      amount: usd(500),
      method: 'cash',
      reason: 'descuento',
    });
    expect(part.statusCode).toBe(201);
    expect(await orderOf(kept.order.id)).toMatchObject({ status: 'paid', refundedMinor: 500 });
  });

  it('through the raffle’s own route: one path through core, numbers held; a retry with the same Idempotency-Key pays once', async () => {
    const raffle = await createRaffle(h.app, { title: 'Rifa Propia' });
    const { order, waId, paymentId } = await paidOrderOf(raffle.id, [3, 4]);
    const ask = () =>
      h.owner.post(
        `/api/raffle/orders/${order.id}/refund`,
        { reason: 'error de carga', tickets: 'hold' },
        { 'idempotency-key': `refund-${order.id}` },
      );
    const first = await ask();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      order: { status: 'cancelled', refundedMinor: 3000 },
      refund: { status: 'succeeded', method: 'cash', options: { tickets: 'hold' } },
      numbers: [3, 4],
    });
    const retry = await ask();
    expect(retry.statusCode).toBe(200);
    expect(retry.json().refund.id).toBe(first.json().refund.id);
    const refunds = await refundsOf(paymentId);
    expect(refunds.items).toHaveLength(1);
    expect(refunds.refunded).toEqual(usd(3000));

    expect(await ticketsOf(raffle.id, [3, 4])).toEqual([
      { number: 3, status: 'held' },
      { number: 4, status: 'held' },
    ]);
    expect(await myTickets(waId)).toBe('Rifa Propia: 3, 4 — reembolsado');
    expect(await salesOf(raffle.id)).toMatchObject({ amountMinor: 0, tickets: { sold: 0, held: 2 } });
    expect(await refundNotices(order.id)).toHaveLength(1);
    // The same key for another request is refused, never a second refund.
    const other = await h.owner.post(
      `/api/raffle/orders/${order.id}/refund`,
      { reason: 'otra cosa', tickets: 'release' },
      { 'idempotency-key': `refund-${order.id}` },
    );
    expect(other.statusCode).toBe(422);
    expect((await refundsOf(paymentId)).items).toHaveLength(1);
  });

  it('refuses a tickets option it does not know, naming options.tickets, and refunds nothing', async () => {
    const raffle = await createRaffle(h.app, { title: 'Rifa Opción' });
    const { order, paymentId } = await paidOrderOf(raffle.id, [9]);
    const res = await h.owner.post(`/api/payments/${paymentId}/refunds`, {
      amount: usd(1500),
      method: 'cash',
      reason: 'x',
      options: { tickets: 'burn' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'options.tickets' })]);
    expect((await refundsOf(paymentId)).items).toHaveLength(0);
    expect((await orderOf(order.id)).status).toBe('paid');
  });

  it('a part refunded leaves the order paid with its numbers, its money netted; the rest refunded cancels it', async () => {
    const raffle = await createRaffle(h.app, { title: 'Rifa Parcial' });
    const { order, waId, paymentId } = await paidOrderOf(raffle.id, [20, 21]);
    const part = await h.owner.post(`/api/payments/${paymentId}/refunds`, {
      amount: usd(1000),
      method: 'cash',
      reason: 'descuento',
    });
    expect(part.statusCode).toBe(201);
    expect(await orderOf(order.id)).toMatchObject({ status: 'paid', refundedMinor: 1000 });
    expect(await ticketsOf(raffle.id, [20, 21])).toEqual([
      { number: 20, status: 'sold' },
      { number: 21, status: 'sold' },
    ]);
    expect(await salesOf(raffle.id)).toMatchObject({ amountMinor: 2000, tickets: { sold: 2 } });
    expect(await myTickets(waId)).toBe('Rifa Parcial: 20, 21 — pagado');

    const rest = await h.owner.post(`/api/payments/${paymentId}/refunds`, {
      amount: usd(2000),
      method: 'cash',
      reason: 'se bajó',
      options: { tickets: 'hold' },
    });
    expect(rest.statusCode).toBe(201);
    expect(await orderOf(order.id)).toMatchObject({ status: 'cancelled', refundedMinor: 3000 });
    expect(await ticketsOf(raffle.id, [20, 21])).toEqual([
      { number: 20, status: 'held' },
      { number: 21, status: 'held' },
    ]);
    expect(await salesOf(raffle.id)).toMatchObject({ amountMinor: 0, tickets: { sold: 0 } });
    await eventually(() => refundWords(h.texts(waId)).length === 2, { what: 'two refund messages' });
  });
});

describe('a raffle refund MTN will not pay back', () => {
  it('fails for good: the order is paid again with its numbers, the sales count it; a retry cancels it again', async () => {
    const raffle = await createRaffle(h.app, { title: 'Rifa MoMo' });
    const order = await createRaffleOrder(h.app, { raffleId: raffle.id, pick: { numbers: [31, 32] } });
    const asked = await h.owner.post('/api/payments/mobile-money', {
      provider: 'momo',
      amount: usd(order.amountMinor),
      msisdn: '+250788000111',
      purpose: { type: 'raffle.order', id: order.id },
    });
    expect(asked.statusCode, asked.body).toBe(202);
    const paymentId = asked.json().id as string;
    const prompt = await momo.waitForRequestToPay((r) => r.referenceId === paymentId);
    // The payer's phone shows what the charge is for in words, never the purpose's code (issue 65).
    expect(prompt.payerMessage).toBe('Raffle order: Rifa MoMo, 31, 32');
    await momo.settle(paymentId, 'SUCCESSFUL');
    await eventually(
      async () => {
        await h.owner.post(`/api/payments/${paymentId}/check`);
        return (await orderOf(order.id)).status === 'paid';
      },
      { what: 'the MoMo payment to pay the order' },
    );
    const before = {
      order: await orderOf(order.id),
      tickets: await ticketsOf(raffle.id, [31, 32]),
      sales: await salesOf(raffle.id),
    };
    expect(before.tickets).toEqual([
      { number: 31, status: 'sold' },
      { number: 32, status: 'sold' },
    ]);

    // MTN holds the refund PENDING until we fail it below, so nothing can undo it before we look.
    momo.keepNextRefundsPending(1);
    const refunded = await h.owner.post(`/api/raffle/orders/${order.id}/refund`, {
      reason: 'se arrepintió',
      tickets: 'release',
    });
    expect(refunded.statusCode, refunded.body).toBe(200);
    const refund = refunded.json().refund as { id: string; method: string };
    expect(refund.method).toBe('momo');
    // Going ahead, the order is cancelled and its numbers are back on sale.
    expect(await orderOf(order.id)).toMatchObject({ status: 'cancelled' });
    await eventually(async () => momo.refunds().some((r) => r.status === 'PENDING'), {
      what: 'MTN to receive the refund',
    });
    for (const r of momo.refunds().filter((r) => r.status === 'PENDING'))
      momo.settleRefund(r.referenceId, 'FAILED', 'PAYEE_NOT_FOUND');
    await eventually(
      async () => {
        await h.owner.post(`/api/refunds/${refund.id}/check`);
        return (await h.owner.get(`/api/refunds/${refund.id}`)).json().status === 'failed';
      },
      { what: 'MTN to fail the refund' },
    );
    // No money went back: the order holds it again, with its numbers, and the sales count it.
    const { status, refundedMinor, numbers, amountMinor } = before.order;
    expect(await orderOf(order.id)).toMatchObject({ status, refundedMinor, numbers, amountMinor });
    expect(await ticketsOf(raffle.id, [31, 32])).toEqual(before.tickets);
    expect(await salesOf(raffle.id)).toEqual(before.sales);

    // Retried, the refund goes ahead again: the order is cancelled again, then paid back once.
    expect((await h.owner.post(`/api/refunds/${refund.id}/retry`)).statusCode).toBe(200);
    expect(await orderOf(order.id)).toMatchObject({ status: 'cancelled' });
    await eventually(
      async () => {
        await h.owner.post(`/api/refunds/${refund.id}/check`);
        return (await h.owner.get(`/api/refunds/${refund.id}`)).json().status === 'succeeded';
      },
      { what: 'the retried refund to be paid back' },
    );
    expect(await orderOf(order.id)).toMatchObject({ status: 'cancelled', refundedMinor: amountMinor });
    expect(momo.refunds().filter((r) => r.referenceIdToRefund === paymentId)).toHaveLength(2);
  });
});

describe('a raffle refund above the asker’s limit', () => {
  it('changes nothing while it waits; rejected, the order stays paid with its numbers and the buyer hears nothing; approved, it cancels', async () => {
    const raffle = await createRaffle(h.app, { title: 'Rifa Espera' });
    const { order, waId, paymentId } = await paidOrderOf(raffle.id, [11, 12]);
    const waiting = await h.ops.post(`/api/payments/${paymentId}/refunds`, {
      amount: usd(3000),
      method: 'cash',
      reason: 'duplicado',
      options: { tickets: 'release' },
    });
    expect(waiting.json().status).toBe('awaiting_approval');
    const unchanged = async () => {
      expect(await orderOf(order.id)).toMatchObject({ status: 'paid', refundedMinor: 0 });
      expect(await ticketsOf(raffle.id, [11, 12])).toEqual([
        { number: 11, status: 'sold' },
        { number: 12, status: 'sold' },
      ]);
      expect(await salesOf(raffle.id)).toMatchObject({ amountMinor: 3000, tickets: { sold: 2 } });
      expect(await myTickets(waId)).toBe('Rifa Espera: 11, 12 — pagado');
    };
    await unchanged();
    // Nobody else can take the numbers meanwhile.
    await expect(
      createRaffleOrder(h.app, { raffleId: raffle.id, pick: { numbers: [11] } }),
    ).rejects.toThrow();

    const rejected = await h.owner.post(`/api/refunds/${waiting.json().id}/reject`, {
      reason: 'no corresponde',
    });
    expect(rejected.json().status).toBe('rejected');
    await unchanged();
    expect(await refundNotices(order.id)).toHaveLength(0);

    // Asked again through the raffle's own route, numbers held: approved, the order is cancelled then.
    const asked = await h.ops.post(`/api/raffle/orders/${order.id}/refund`, {
      reason: 'duplicado',
      tickets: 'hold',
    });
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toMatchObject({
      order: { status: 'paid' },
      refund: { status: 'awaiting_approval', options: { tickets: 'hold' } },
      numbers: [],
    });
    await unchanged();
    const approved = await h.owner.post(`/api/refunds/${asked.json().refund.id}/approve`);
    expect(approved.json().status).toBe('succeeded');
    expect(await orderOf(order.id)).toMatchObject({ status: 'cancelled', refundedMinor: 3000 });
    expect(await ticketsOf(raffle.id, [11, 12])).toEqual([
      { number: 11, status: 'held' },
      { number: 12, status: 'held' },
    ]);
    expect(await refundNotices(order.id)).toHaveLength(1);
    await eventually(() => refundWords(h.texts(waId)).length === 1, { what: 'the refund message' });
    expect(refundWords(h.texts(waId))[0]).toMatch(/duplicado/);
  });

  it('rejected, the ops member who asked is told by e-mail: the reason, the amount, the buyer and the order; the order stays as it was', async () => {
    const raffle = await createRaffle(h.app, { title: 'Rifa Aviso' });
    const { order, waId, paymentId } = await paidOrderOf(raffle.id, [21, 22]);
    const before = await orderOf(order.id);
    const waiting = await h.ops.post(`/api/payments/${paymentId}/refunds`, {
      amount: usd(3000),
      method: 'cash',
      reason: 'cliente arrepentido',
      options: { tickets: 'release' },
    });
    expect(waiting.json().status).toBe('awaiting_approval');
    const rejected = await h.owner.post(`/api/refunds/${waiting.json().id}/reject`, {
      reason: 'ya se sorteó el premio',
    });
    expect(rejected.statusCode).toBe(200);

    const { rows } = await h.app.database.pool.query<{ recipient: string; subject: string; body: string }>(
      `select recipient, subject, body from notification where template = 'payments.refund_rejected'
       and data ->> 'reason' = 'ya se sorteó el premio'`,
    );
    expect(rows).toHaveLength(1);
    const [mail] = rows as [{ recipient: string; subject: string; body: string }];
    expect(mail.recipient).toBe('ops@example.com');
    expect(mail.subject).toBe('Refund of $30.00 turned down');
    expect(mail.body).toContain('turned down by owner@example.com');
    expect(mail.body).toContain('Amount: $30.00');
    expect(mail.body).toContain('Reason given: ya se sorteó el premio');
    expect(mail.body).toContain(`To: Buyer ${waId}`);
    expect(mail.body).toContain('For: Raffle order: Rifa Aviso, 21, 22');
    // The order, its numbers and the sales are as before the ask.
    const { status, refundedMinor, numbers, amountMinor } = before;
    expect(await orderOf(order.id)).toMatchObject({ status, refundedMinor, numbers, amountMinor });
    expect(status).toBe('paid');
    expect(await ticketsOf(raffle.id, [21, 22])).toEqual([
      { number: 21, status: 'sold' },
      { number: 22, status: 'sold' },
    ]);
    expect(await salesOf(raffle.id)).toMatchObject({ amountMinor: 3000, tickets: { sold: 2 } });
  });

  it('a call-off started by ops reports its refunds waiting, not refunded; each counts when decided', async () => {
    const raffle = await createRaffle(h.app, { title: 'Rifa Suspendida' });
    const a = await paidOrderOf(raffle.id, [31]);
    const b = await paidOrderOf(raffle.id, [32]);
    const res = await h.ops.post(`/api/raffle/raffles/${raffle.id}/call-off`, { reason: 'lluvia' });
    expect(res.statusCode).toBe(200);
    const run = async () => (await h.owner.get(`/api/raffle/raffles/${raffle.id}/call-off`)).json();
    const done = await eventually(async () => ((await run()).status === 'done' ? run() : undefined), {
      what: 'the call-off run to finish',
    });
    expect(done).toMatchObject({ total: 2, refunded: 0, awaiting: 2, rejected: 0, failed: 0 });
    expect((await orderOf(a.order.id)).status).toBe('paid');
    expect((await orderOf(b.order.id)).status).toBe('paid');
    const waitingOf = async (paymentId: string) =>
      (await refundsOf(paymentId)).items.find((r: { status: string }) => r.status === 'awaiting_approval');

    await h.owner.post(`/api/refunds/${(await waitingOf(a.paymentId)).id}/approve`);
    expect(await run()).toMatchObject({ refunded: 1, awaiting: 1, rejected: 0 });
    expect((await orderOf(a.order.id)).status).toBe('cancelled');
    expect(await ticketsOf(raffle.id, [31])).toEqual([{ number: 31, status: 'held' }]);

    await h.owner.post(`/api/refunds/${(await waitingOf(b.paymentId)).id}/reject`, {
      reason: 'se hace igual',
    });
    expect(await run()).toMatchObject({ refunded: 1, awaiting: 0, rejected: 1 });
    expect((await orderOf(b.order.id)).status).toBe('paid');
    expect(await refundNotices(a.order.id)).toHaveLength(1);
    expect(await refundNotices(b.order.id)).toHaveLength(0);
  });
});
