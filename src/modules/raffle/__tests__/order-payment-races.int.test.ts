import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle, createRaffleOrder } from '../../../../test/factories/raffle.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { RaffleTables } from '../raffle.tables.ts';

/**
 * Issue 26 item 3: staff deciding a proof (`/api/payments/:id/verify|deny`) while others decide its
 * raffle order (`/api/raffle/orders/:id/confirm|deny|cancel`). The two paths used to lock the
 * payment and the order in opposite orders, and PostgreSQL answered `deadlock detected` as a 500.
 */
const ROUNDS = 200;

let app: TestApp;
let staff: ApiClient;
let raffleId: string;

beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'decider@example.com', role: 'owner' });
  staff = await app.signIn('decider@example.com');
  raffleId = (await createRaffle(app, { maxNumber: ROUNDS + 10, maxPerOrder: 1 })).id;
});
afterAll(async () => app?.close());

/** The five decisions two or more staff can take at once on one order and its proof. */
const decisions = (orderId: string, paymentId: string) => [
  () => staff.post(`/api/payments/${paymentId}/verify`),
  () => staff.post(`/api/payments/${paymentId}/deny`, { reason: 'blurry' }),
  () => staff.post(`/api/raffle/orders/${orderId}/confirm`),
  () => staff.post(`/api/raffle/orders/${orderId}/deny`, { reason: 'wrong amount' }),
  () => staff.post(`/api/raffle/orders/${orderId}/cancel`),
];

/** Rotates the start so every decision gets to go first in some rounds. */
const rotate = <T>(items: T[], by: number) => items.map((_, i) => items[(i + by) % items.length]!);

async function orderWithProof(): Promise<{ orderId: string; paymentId: string }> {
  const order = await createRaffleOrder(app, { raffleId, payment: 'proof' });
  const [proof] = await paymentsOf(order.id);
  return { orderId: order.id, paymentId: proof!.id };
}

/** The payments of an order, read as stored (the core keeps its table to itself; a test may look). */
async function paymentsOf(orderId: string): Promise<Array<{ id: string; status: string }>> {
  const { rows } = await app.database.pool.query<{ id: string; status: string }>(
    `select id, status from payment where purpose_type = 'raffle.order' and purpose_id = $1 order by created_at`,
    [orderId],
  );
  return rows;
}

/** What a person would call inconsistent between an order and its proof once the dust settles. */
async function inconsistencies(orderId: string, proofId: string): Promise<string[]> {
  const db = app.database.db.withTables<RaffleTables>();
  const order = await db
    .selectFrom('raffle_order')
    .selectAll()
    .where('id', '=', orderId)
    .executeTakeFirstOrThrow();
  const payments = await paymentsOf(orderId);
  const proof = payments.find((p) => p.id === proofId)!;
  const paidWith = payments.find((p) => p.id === order.payment_id);
  const tickets = await db
    .selectFrom('raffle_ticket')
    .select(['number', 'status', 'order_id'])
    .where('raffle_id', '=', raffleId)
    .where('number', 'in', order.numbers)
    .execute();
  const problems: string[] = [];
  const say = (what: string) => problems.push(`${what} (order ${order.status}, proof ${proof.status})`);
  if (order.status === 'paid' && !paidWith) say('paid order without its payment');
  if (paidWith && !['verified', 'recorded'].includes(paidWith.status))
    say(`order paid by a ${paidWith.status} payment`);
  if (proof.status === 'verified' && order.payment_id !== proof.id && !order.refund_due)
    say('verified proof neither paid its order nor flagged it for a refund');
  if (proof.status === 'denied' && order.payment_id === proof.id) say('order paid by a denied proof');
  for (const t of tickets) {
    if (order.status === 'paid' && (t.status !== 'sold' || t.order_id !== order.id))
      say(`ticket ${t.number} not sold`);
    if (order.status === 'cancelled' && t.order_id === order.id) say(`ticket ${t.number} still held`);
  }
  return problems;
}

describe('a proof and its raffle order decided at once', () => {
  it(`never answers 5xx and leaves order and proof consistent, over ${ROUNDS} races`, async () => {
    const statuses = new Map<number, number>();
    const serverErrors: string[] = [];
    const problems: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const { orderId, paymentId } = await orderWithProof();
      const answers = await Promise.all(rotate(decisions(orderId, paymentId), round).map((send) => send()));
      for (const res of answers) {
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode >= 500) serverErrors.push(res.body);
        // A lost race is told what happened, as problem+json with a stable code.
        if (res.statusCode === 409) {
          expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
          expect(res.json().code).toMatch(/^[a-z._]+$/);
        }
      }
      problems.push(...(await inconsistencies(orderId, paymentId)));
    }
    console.info('order/proof races, answers by status:', Object.fromEntries(statuses));
    expect(serverErrors.slice(0, 3)).toEqual([]);
    expect(problems.slice(0, 5)).toEqual([]);
    expect([...statuses.keys()].sort()).toEqual([200, 409]);
  }, 240_000);
});
