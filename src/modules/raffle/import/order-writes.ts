import { sql } from 'kysely';
import type { Ctx } from '../../../core/context/index.ts';
import { FieldProblem } from '../../../core/imports/index.ts';
import { money } from '../../../core/money/index.ts';
import {
  type ImportedPayment,
  importPayments,
  listPayments,
  verifyPayment,
} from '../../../core/payments/index.ts';
import { ORDER_PURPOSE } from '../orders.ts';
import type { ImportedOrder, RaffleImportTables } from './import-tables.ts';
import { linkWinners } from './winners.import.ts';

const IMPORT_ACTOR = { type: 'system', id: null, label: 'imports.original-system' } as const;

function orderColumns(r: ImportedOrder) {
  return {
    raffle_id: r.raffleId,
    buyer_id: r.buyerId,
    status: r.status,
    numbers: r.numbers,
    quantity: r.quantity,
    amount_minor: r.amountMinor,
    currency: r.currency,
    expires_at: r.expiresAt,
    paid_at: r.paidAt,
    cancelled_at: r.status === 'cancelled' ? r.endedAt : null,
    expired_at: r.status === 'expired' ? r.endedAt : null,
    updated_at: r.updatedAt,
  };
}

/**
 * What an imported order's `source_key` starts with (then the original's pk): the key of what made
 * it, as a chat message's id or an Idempotency-Key is for the orders Opsdesk makes. A later run moves
 * a number between orders that carry it, never away from an order made in Opsdesk.
 */
export const IMPORTED_ORDER_KEY = 'import:raffles.order:';

/** New orders: the rows, the numbers they hold, their payments as history, the winners they hold. */
export async function writeOrders(tx: Ctx, rows: ReadonlyArray<ImportedOrder>): Promise<string[]> {
  const db = tx.db.withTables<RaffleImportTables>();
  const inserted = await db
    .insertInto('raffle_order')
    .values(
      rows.map((r) => ({
        ...orderColumns(r),
        source_key: `${IMPORTED_ORDER_KEY}${r.sourcePk}`,
        created_at: r.createdAt,
      })),
    )
    .returning('id')
    .execute();
  const ids = inserted.map((o) => o.id);
  const orders = rows.map((row, i) => ({ id: ids[i]!, row }));
  await takeNumbers(tx, orders);
  await recordPayments(
    tx,
    orders.filter((o) => o.row.status === 'paid' || o.row.proof),
  );
  await linkWinners(
    tx,
    rows.map((r) => r.raffleId),
  );
  return ids;
}

/**
 * Orders that changed in the original since they came over: their numbers (released, taken, sold),
 * their status and amounts, and their payment: a proof waiting for review is verified as the
 * import (the order is paid first, so the payment's hook has nothing left to do and nobody is told
 * twice), a payment the order lacks is recorded as history.
 */
export async function updateOrders(
  tx: Ctx,
  rows: ReadonlyArray<{ id: string; row: ImportedOrder }>,
): Promise<void> {
  const db = tx.db.withTables<RaffleImportTables>();
  for (const { id, row } of rows) {
    await sql`
      update raffle_ticket set status = 'available', order_id = null, held_until = null
      where org_id = ${tx.orgId} and order_id = ${id} and not (number = any(${sql.val(row.holding)}::int[]))`.execute(
      tx.db,
    );
    await db.updateTable('raffle_order').set(orderColumns(row)).where('id', '=', id).execute();
  }
  await takeNumbers(tx, rows);
  const current = await db
    .selectFrom('raffle_order')
    .select(['id', 'payment_id'])
    .where(
      'id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  const unpaid = rows.filter(
    (r) => (r.row.status === 'paid' || r.row.proof) && !current.find((c) => c.id === r.id)?.payment_id,
  );
  const fresh: Array<{ id: string; row: ImportedOrder }> = [];
  for (const o of unpaid) {
    const { items } = await listPayments(tx, {
      purposeType: ORDER_PURPOSE,
      purposeId: o.id,
      status: 'submitted',
      limit: 1,
    });
    const waiting = items[0];
    if (!waiting) fresh.push(o);
    else if (o.row.status === 'paid') {
      await db.updateTable('raffle_order').set({ payment_id: waiting.id }).where('id', '=', o.id).execute();
      await verifyPayment({ ...tx, actor: IMPORT_ACTOR }, { paymentId: waiting.id });
    }
  }
  await recordPayments(tx, fresh);
  await linkWinners(
    tx,
    rows.map((r) => r.row.raffleId),
  );
}

/**
 * Sells or holds each order's numbers, in one statement. A number is taken when it is free here,
 * already this order's, held past its end, or held by another order the import brought (the
 * original moved it to this one: that order's own change, in this run, says so). A number another
 * order of Opsdesk holds refuses the order, naming it.
 */
async function takeNumbers(
  tx: Ctx,
  orders: ReadonlyArray<{ id: string; row: ImportedOrder }>,
): Promise<void> {
  const takes = orders.flatMap((o) =>
    o.row.holding.map((number) => ({
      raffleId: o.row.raffleId,
      number,
      orderId: o.id,
      sold: o.row.status === 'paid',
      until: o.row.expiresAt,
    })),
  );
  if (takes.length === 0) return;
  const { rows: taken } = await sql<{ order_id: string; number: number }>`
    insert into raffle_ticket (org_id, raffle_id, number, status, order_id, held_until)
    select ${tx.orgId}, x.raffle_id, x.number, case when x.sold then 'sold' else 'held' end, x.order_id,
           case when x.sold then null else x.until end
    from unnest(${sql.val(takes.map((t) => t.raffleId))}::uuid[], ${sql.val(takes.map((t) => t.number))}::int[],
                ${sql.val(takes.map((t) => t.orderId))}::uuid[], ${sql.val(takes.map((t) => t.sold))}::boolean[],
                ${sql.val(takes.map((t) => t.until.toISOString()))}::timestamptz[])
         as x(raffle_id, number, order_id, sold, until)
    on conflict (org_id, raffle_id, number) do update
      set status = excluded.status, order_id = excluded.order_id, held_until = excluded.held_until
      where raffle_ticket.status = 'available' or raffle_ticket.order_id = excluded.order_id
         or (raffle_ticket.status = 'held' and raffle_ticket.held_until <= ${tx.clock.now()})
         or exists (select 1 from raffle_order o where o.org_id = raffle_ticket.org_id
                    and o.id = raffle_ticket.order_id and o.source_key like ${`${IMPORTED_ORDER_KEY}%`})
    returning order_id, number`.execute(tx.db);
  if (taken.length === takes.length) return;
  const got = new Set(taken.map((t) => `${t.order_id}#${t.number}`));
  const missing = takes.filter((t) => !got.has(`${t.orderId}#${t.number}`)).map((t) => t.number);
  throw new FieldProblem(
    'tickets',
    `number${missing.length > 1 ? 's' : ''} ${missing.join(', ')} already taken here by an order made in Opsdesk`,
  );
}

/** Each order's payment as history: its proof (waiting, verified or denied), or money recorded as paid. */
async function recordPayments(
  tx: Ctx,
  orders: ReadonlyArray<{ id: string; row: ImportedOrder }>,
): Promise<void> {
  const payments = orders.map(({ id, row: r }): ImportedPayment => {
    const paid = r.status === 'paid';
    const decidedAt = paid ? r.paidAt : null;
    return {
      amount: money(r.amountMinor, r.currency),
      purpose: { type: ORDER_PURPOSE, id },
      state: r.proof
        ? {
            method: 'proof',
            status: r.proofStatus,
            proofReference: `whatsapp-media:${r.proof}`,
            denialReason: 'Not paid before the import',
          }
        : { method: 'manual', status: 'recorded', manualKind: 'cash' },
      note: r.proof ? `Proof before the import: WhatsApp media ${r.proof}` : 'Paid before the import',
      createdAt: r.createdAt,
      decidedAt,
      decidedBy: decidedAt ? IMPORT_ACTOR : null,
    };
  });
  const ids = await importPayments(tx, payments);
  const db = tx.db.withTables<RaffleImportTables>();
  for (const [k, o] of orders.entries())
    if (o.row.status === 'paid')
      await db.updateTable('raffle_order').set({ payment_id: ids[k]! }).where('id', '=', o.id).execute();
}
