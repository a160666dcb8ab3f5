import { sql } from 'kysely';
import {
  choiceField,
  dateTimeField,
  decimalMinorField,
  FieldProblem,
  type ImportModel,
  integerField,
  textField,
} from '../../../core/imports/index.ts';
import { type CurrencyCode, currencyExponent, money } from '../../../core/money/index.ts';
import { type ImportedPayment, importPayments } from '../../../core/payments/index.ts';
import { isUniqueViolation } from '../../../platform/errors/index.ts';
import { ORDER_PURPOSE } from '../orders.ts';
import type { OrderStatus, RaffleTables } from '../raffle.tables.ts';
import type { SoldBook } from './tickets.import.ts';

export interface ImportedOrder {
  raffleId: string;
  buyerId: string;
  status: OrderStatus;
  numbers: number[];
  /** The numbers the order holds now: sold when paid, held while waiting for payment. */
  holding: number[];
  quantity: number;
  amountMinor: number;
  currency: string;
  expiresAt: Date;
  createdAt: Date;
  paidAt: Date | null;
  /** The proof's WhatsApp media id, kept as its reference. */
  proof: string | null;
}

/** The original's hold (`RESERVATION_TIMEOUT_MINUTES = 15`), for an order that kept no `expires_at`. */
const HOLD_MS = 15 * 60_000;
const STATUSES = ['draft', 'pending_payment', 'paid', 'cancelled', 'expired'] as const;

/**
 * `raffles.order` → a raffle order with its buyer, numbers (from the order/ticket join and the
 * tickets it holds), amount and status; its tickets become sold (paid) or held until the order's
 * hold ends (waiting for payment), so no one can take those numbers again. A hold that ran out
 * before the import comes over expired with its numbers free, as Opsdesk's sweep would leave it
 * (and without the message the sweep sends). The proof's media id is kept as a payment proof's
 * reference: waiting for review, or verified for a paid order; a paid order without one is recorded
 * as paid before the import. A draft (never placed, the original never makes one) is skipped.
 * Nothing is sent, no payment is started.
 */
export const ordersImport = (book: SoldBook): ImportModel<ImportedOrder> => ({
  model: 'raffles.order',
  label: 'orders',
  foreignKeys: ['tenant', 'raffle', 'contact'],
  async begin(ctx, refs) {
    const now = ctx.clock.now();
    // Raffles brought over before this run: their currency (this run's are in the book).
    const currencyOf = new Map(
      (
        await ctx.db
          .withTables<RaffleTables>()
          .selectFrom('raffle_raffle')
          .select(['id', 'currency'])
          .execute()
      ).map((r) => [r.id, r.currency.trim()]),
    );
    return {
      parse(record) {
        const f = record.fields;
        const original = choiceField(f, 'status', STATUSES, { required: true })!;
        if (original === 'draft') return { skipped: 'a draft order was never placed' };
        const raffleId = refs.target('raffles.raffle', f.raffle);
        if (!raffleId) throw new FieldProblem('raffle', `raffle ${String(f.raffle ?? '')} did not come over`);
        const buyerId = refs.target('whatsapp.whatsappcontact', f.contact);
        if (!buyerId)
          throw new FieldProblem('contact', `contact ${String(f.contact ?? '')} did not come over`);
        const tickets = [...(book.ordersOf.get(record.pk) ?? [])].flatMap((pk) => {
          const t = book.tickets.get(pk);
          return t ? [t] : [];
        });
        const currency = book.currencies.get(String(f.raffle)) ?? currencyOf.get(raffleId) ?? 'USD';
        const amountMinor = decimalMinorField(f, 'total_amount', currencyExponent(currency as CurrencyCode), {
          required: true,
        })!;
        if (amountMinor <= 0) throw new FieldProblem('total_amount', 'is not above zero');
        const numbers = [...new Set(tickets.map((t) => t.number))].sort((a, b) => a - b);
        if (numbers.length === 0)
          throw new FieldProblem(
            'tickets',
            'no ticket of this order came over (order tickets or reserved tickets)',
          );
        const quantity = Number(integerField(f, 'qty') ?? numbers.length);
        const createdAt = dateTimeField(f, 'created_at') ?? now;
        const expiresAt = dateTimeField(f, 'expires_at') ?? new Date(createdAt.getTime() + HOLD_MS);
        // A hold that ran out before the switch comes over expired, its numbers free.
        const status: OrderStatus =
          original === 'pending_payment' && expiresAt.getTime() <= now.getTime() ? 'expired' : original;
        const wanted = status === 'paid' ? 'sold' : status === 'pending_payment' ? 'reserved' : null;
        const holding = wanted
          ? tickets
              .filter((t) => t.orderPk === record.pk && (t.status === wanted || t.status === 'sold'))
              .map((t) => t.number)
          : [];
        if (wanted && holding.length === 0)
          throw new FieldProblem(
            'status',
            `${original.toUpperCase()} but none of its tickets is ${wanted.toUpperCase()} for it`,
          );
        return {
          row: {
            raffleId,
            buyerId,
            status,
            numbers,
            holding: [...new Set(holding)].sort((a, b) => a - b),
            quantity: Math.max(quantity, 1),
            amountMinor,
            currency,
            expiresAt,
            createdAt,
            paidAt: status === 'paid' ? (dateTimeField(f, 'paid_at') ?? createdAt) : null,
            proof: textField(f, 'payment_proof_media_id', { max: 255 }) || null,
          },
        };
      },
      async write(tx, rows) {
        const db = tx.db.withTables<RaffleTables>();
        const inserted = await db
          .insertInto('raffle_order')
          .values(
            rows.map((r) => ({
              raffle_id: r.raffleId,
              buyer_id: r.buyerId,
              status: r.status,
              numbers: r.numbers,
              quantity: r.quantity,
              amount_minor: r.amountMinor,
              currency: r.currency,
              expires_at: r.expiresAt,
              paid_at: r.paidAt,
              cancelled_at: r.status === 'cancelled' ? r.createdAt : null,
              expired_at: r.status === 'expired' ? r.expiresAt : null,
            })),
          )
          .returning('id')
          .execute();
        const ids = inserted.map((o) => o.id);
        // The numbers each order holds: sold, or held until its hold ends.
        const taken = rows.flatMap((r, i) =>
          r.holding.map((n) => ({
            raffleId: r.raffleId,
            number: n,
            orderId: ids[i]!,
            sold: r.status === 'paid',
            until: r.expiresAt,
          })),
        );
        if (taken.length) {
          const updated = await sql`
            update raffle_ticket t
            set status = case when x.sold then 'sold' else 'held' end, order_id = x.order_id,
                held_until = case when x.sold then null else x.until end
            from unnest(${sql.val(taken.map((t) => t.raffleId))}::uuid[], ${sql.val(taken.map((t) => t.number))}::int[],
                        ${sql.val(taken.map((t) => t.orderId))}::uuid[], ${sql.val(taken.map((t) => t.sold))}::boolean[],
                        ${sql.val(taken.map((t) => t.until.toISOString()))}::timestamptz[])
                 as x(raffle_id, number, order_id, sold, until)
            where t.org_id = ${tx.orgId} and t.raffle_id = x.raffle_id and t.number = x.number and t.status = 'available'`.execute(
            tx.db,
          );
          if (Number(updated.numAffectedRows ?? 0) !== taken.length)
            throw new FieldProblem('tickets', 'a number of this order is already taken by another order');
        }
        const payments = rows.flatMap((r, i): Array<{ i: number; payment: ImportedPayment }> => {
          const paid = r.status === 'paid';
          if (!r.proof && !paid) return [];
          const amount = money(r.amountMinor, r.currency);
          const purpose = { type: ORDER_PURPOSE, id: ids[i]! };
          const decidedAt = paid ? r.paidAt : null;
          return [
            {
              i,
              payment: {
                amount,
                purpose,
                state: r.proof
                  ? {
                      method: 'proof',
                      status: paid ? 'verified' : r.status === 'pending_payment' ? 'submitted' : 'denied',
                      proofReference: `whatsapp-media:${r.proof}`,
                      denialReason: 'Not paid before the import',
                    }
                  : { method: 'manual', status: 'recorded', manualKind: 'cash' },
                note: r.proof
                  ? `Proof before the import: WhatsApp media ${r.proof}`
                  : 'Paid before the import',
                createdAt: r.createdAt,
                decidedAt,
                decidedBy: decidedAt ? { type: 'system', id: null, label: 'imports.original-system' } : null,
              },
            },
          ];
        });
        const paymentIds = await importPayments(
          tx,
          payments.map((p) => p.payment),
        );
        const paidBy = payments.flatMap((p, k) =>
          rows[p.i]!.status === 'paid' ? [{ id: ids[p.i]!, payment: paymentIds[k]! }] : [],
        );
        for (const p of paidBy)
          await db
            .updateTable('raffle_order')
            .set({ payment_id: p.payment })
            .where('id', '=', p.id)
            .execute();
        return ids;
      },
      refusalOf(err) {
        if (err instanceof FieldProblem) return `${err.field}: ${err.message}`;
        if (isUniqueViolation(err, 'raffle_order_one_live_idx'))
          return 'status: this buyer already has an order waiting for payment in this raffle';
        return undefined;
      },
    };
  },
});
