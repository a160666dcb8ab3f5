import type pg from 'pg';
import { expect } from 'vitest';
import type { MomoSandbox } from '../../src/channels/momo/index.ts';
import type { WhatsAppStandin } from '../../src/channels/whatsapp/sandbox/whatsapp-graph.ts';
import { eventually } from '../support/eventually.ts';
import type { Ledger } from './mixed-load.ts';

/**
 * What must hold after a failover (issue 68), read on the database the product now writes to and at
 * the outside services' stand-ins: nothing the product acknowledged is lost, nothing is done twice,
 * and the work left in the background finishes.
 */
export interface Outside {
  momo: MomoSandbox;
  wa: WhatsAppStandin;
  raffleId: string;
  meterId: string;
  /** Staff pressing "check now" on a payment or a refund (`POST <path>`), as they do when one lingers. */
  pressCheck(path: string): Promise<void>;
}

const sorted = (values: Iterable<string>) => [...values].sort();

/** Every check, after the background work has settled. */
export async function expectNothingLostOrDoubled(db: pg.Client, ledger: Ledger, outside: Outside) {
  await expectJobsFinished(db);
  await expectSalesOnce(db, ledger, outside);
  await expectRefundsOnce(db, ledger, outside);
  await expectRaffleOrdersOnce(db, ledger, outside);
  await expectChatsOnce(db, ledger, outside);
  await expectScansOnce(db, ledger);
}

const count = async (db: pg.Client, query: string, params: unknown[] = []) =>
  (await db.query<{ n: number }>(query, params)).rows[0]!.n;

const OPEN_JOBS = `
  from pgboss.job
  where state in ('created', 'retry', 'active') and start_after <= now() and name not like '\\_\\_%'
    and name not in (select name from pgboss.schedule)`;

/**
 * Every background job settles: nothing left waiting or running, nothing dead-lettered. A job running
 * when the primary died, whose completion was lost with it, stays `active` until its expiry (or its
 * heartbeat's) and then runs again: the wait covers the longest expiry of the jobs this load starts
 * (120 s) and the run after it; a failure names the jobs still open.
 */
async function expectJobsFinished(db: pg.Client) {
  await eventually(async () => (await count(db, `select count(*)::int as n ${OPEN_JOBS}`)) === 0, {
    what: 'every job to finish',
    timeoutMs: 150_000,
    everyMs: 250,
  }).catch(async (err: Error) => {
    const open = await db.query(`select name, state, started_on, expire_seconds ${OPEN_JOBS}`);
    throw new Error(`${err.message}; still open: ${JSON.stringify(open.rows)}`);
  });
  const failed = await db.query(`select name, output from pgboss.job where state = 'failed'`);
  expect(failed.rows).toEqual([]);
}

/**
 * Each acknowledged sale is stored once (one per Idempotency-Key: a sale stored but unacknowledged, then
 * stored again by its retry, would be a purchase the ledger does not know), paid, with one token; no
 * token count issued twice; MTN asked once per MoMo payment.
 */
async function expectSalesOnce(db: pg.Client, ledger: Ledger, outside: Outside) {
  const { rows: stored } = await db.query<{ id: string }>(
    'select id from prepaid_purchase where meter_id = $1',
    [outside.meterId],
  );
  expect(sorted(stored.map((r) => r.id))).toEqual(sorted(ledger.purchases.map((p) => p.id)));
  // A MoMo sale whose callback came while no primary took writes is settled by the product's own poll.
  await eventually(
    async () =>
      (await count(
        db,
        `select count(*)::int as n from prepaid_purchase where meter_id = $1 and status <> 'paid'`,
        [outside.meterId],
      )) === 0,
    { what: 'every sale to be paid', timeoutMs: 120_000, everyMs: 500 },
  );
  const { rows: tokens } = await db.query<{ purchase_id: string; count: number }>(
    'select purchase_id, count from prepaid_token where meter_id = $1',
    [outside.meterId],
  );
  expect(sorted(tokens.map((t) => t.purchase_id))).toEqual(sorted(ledger.purchases.map((p) => p.id)));
  expect(new Set(tokens.map((t) => t.count)).size).toBe(tokens.length);

  const asked = referencesCalled(outside.momo, '/collection/v1_0/requesttopay');
  const momoPayments = ledger.purchases.filter((p) => p.method === 'momo').map((p) => p.paymentId!);
  expect(sorted(asked)).toEqual(sorted(momoPayments));
}

/** The X-Reference-Id of every call to MTN's `path` (a reference twice is a claim sent twice). */
function referencesCalled(momo: MomoSandbox, path: string): string[] {
  return momo.requests
    .filter((r) => r.method === 'POST' && r.path === path)
    .map((r) => String(r.headers['x-reference-id']));
}

/** Each acknowledged refund is stored once and paid back; MTN paid each MoMo payment back once, asked once. */
async function expectRefundsOnce(db: pg.Client, ledger: Ledger, outside: Outside) {
  const paymentIds = ledger.purchases.map((p) => p.paymentId);
  // A refund whose callback from MTN came while no server took writes waits for the product's
  // reconciliation (minutes): staff press "check now", as the refund screen lets them.
  await eventually(
    async () => {
      const { rows: open } = await db.query<{ id: string }>(
        `select id from payment_refund where payment_id = any($1) and status <> 'succeeded'`,
        [paymentIds],
      );
      for (const refund of open) await outside.pressCheck(`/api/refunds/${refund.id}/check`);
      return open.length === 0;
    },
    { what: 'every refund to be paid back', timeoutMs: 120_000, everyMs: 2_000 },
  );
  const { rows } = await db.query<{ id: string; provider_reference: string | null; method: string }>(
    'select id, provider_reference, method from payment_refund where payment_id = any($1)',
    [paymentIds],
  );
  expect(sorted(rows.map((r) => r.id))).toEqual(sorted(ledger.refunds.map((r) => r.id)));

  const momoRefunds = rows.filter((r) => r.method === 'momo');
  const atMtn = outside.momo.refunds();
  expect(new Set(atMtn.map((r) => r.referenceIdToRefund)).size).toBe(atMtn.length);
  expect(sorted(atMtn.map((r) => r.referenceId))).toEqual(
    sorted(momoRefunds.map((r) => r.provider_reference!)),
  );
  expect(sorted(referencesCalled(outside.momo, '/disbursement/v1_0/refund'))).toEqual(
    sorted(atMtn.map((r) => r.referenceId)),
  );
}

/** One order per phone call's Idempotency-Key; no number held by two orders; tickets agree with orders. */
async function expectRaffleOrdersOnce(db: pg.Client, ledger: Ledger, outside: Outside) {
  const { rows: phone } = await db.query<{ id: string }>(
    `select id from raffle_order where raffle_id = $1 and source_key like 'api:%'`,
    [outside.raffleId],
  );
  expect(sorted(phone.map((r) => r.id))).toEqual(sorted(ledger.reservations.map((r) => r.id)));
  const doubled = await db.query(
    `select n, count(*) from raffle_order o, unnest(o.numbers) n
      where o.raffle_id = $1 and o.status in ('pending_payment', 'paid') group by n having count(*) > 1`,
    [outside.raffleId],
  );
  expect(doubled.rows).toEqual([]);
  const mismatched = await db.query(
    `select t.number from raffle_ticket t left join raffle_order o on o.id = t.order_id
      where t.raffle_id = $1 and t.status <> 'available'
        and (o.id is null or o.status not in ('pending_payment', 'paid') or not t.number = any(o.numbers))`,
    [outside.raffleId],
  );
  expect(mismatched.rows).toEqual([]);
}

/**
 * No inbound message lost or handled twice; no reply sent twice (each send carries its message's id
 * in biz_opaque_callback_data) and none lost: each recorded under the id Meta gave it. Every message
 * to WhatsApp is a row of the outbox (issue 75), whose `failed` is a retry still to come.
 */
async function expectChatsOnce(db: pg.Client, ledger: Ledger, outside: Outside) {
  const inbound = await db.query<{ channel_message_id: string; status: string }>(
    `select channel_message_id, status from conversation_message
      where direction = 'in' and channel_message_id like 'wamid.ha-%'`,
  );
  expect(sorted(inbound.rows.map((r) => r.channel_message_id))).toEqual(sorted(ledger.webhooks));
  expect(inbound.rows.filter((r) => r.status !== 'processed')).toEqual([]);
  await eventually(
    async () =>
      (await count(
        db,
        `select count(*)::int as n from notification
          where channel = 'whatsapp' and status in ('queued', 'sending', 'unconfirmed')`,
      )) === 0,
    { what: 'every reply sent and recorded', timeoutMs: 150_000, everyMs: 500 },
  );
  const outbound = await db.query<{ id: string; status: string; channel_message_id: string | null }>(
    `select id, status, provider_message_id as channel_message_id from notification where channel = 'whatsapp'`,
  );
  const sent = outside.wa.sentMessages().map((m) => ({
    id: m.id,
    reference: String((m.body as { biz_opaque_callback_data?: string }).biz_opaque_callback_data),
  }));
  expect(new Set(sent.map((m) => m.reference)).size).toBe(sent.length);
  expect(outbound.rows.filter((r) => r.status !== 'sent')).toEqual([]);
  expect(sorted(outbound.rows.map((r) => `${r.id} ${r.channel_message_id}`))).toEqual(
    sorted(sent.map((m) => `${m.reference} ${m.id}`)),
  );
}

/** Each acknowledged scan logged once (by its nonce); no student served twice in a meal window. */
async function expectScansOnce(db: pg.Client, ledger: Ledger) {
  const { rows } = await db.query<{ nonce: string }>('select nonce from mess_scan');
  expect(sorted(rows.map((r) => r.nonce))).toEqual(sorted(ledger.scans));
  const servedTwice = await db.query(
    `select student_id, window_key from mess_scan where decision = 'allowed'
      group by student_id, window_key having count(*) > 1`,
  );
  expect(servedTwice.rows).toEqual([]);
}
