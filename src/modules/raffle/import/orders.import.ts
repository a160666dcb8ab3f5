import {
  choiceField,
  dateTimeField,
  FieldProblem,
  type ImportModel,
  type ImportRefs,
  integerField,
  type RowVerdict,
  type SourceRecord,
  targetOf,
  textField,
} from '../../../core/imports/index.ts';
import { isUniqueViolation } from '../../../platform/errors/index.ts';
import { amountField } from './amounts.rules.ts';
import type { ImportedOrder } from './import-tables.ts';
import { holdingsOf } from './order-holdings.rules.ts';
import { updateOrders, writeOrders } from './order-writes.ts';
import type { SoldBook } from './sold-book.ts';

export type { ImportedOrder } from './import-tables.ts';

/** The original's hold (`RESERVATION_TIMEOUT_MINUTES = 15`), for an order that kept no `expires_at`. */
const HOLD_MS = 15 * 60_000;
const STATUSES = ['draft', 'pending_payment', 'paid', 'cancelled', 'expired'] as const;

/**
 * `raffles.order` → a raffle order with its buyer, numbers (the order/ticket join and the tickets
 * it holds), amount, creation date and status; its tickets become sold (paid) or held until the
 * order's hold ends (waiting for payment), so no one can take those numbers again (rules in
 * order-holdings.rules.ts). A hold that ran out before the import comes over expired with its
 * numbers free, as a note of the dry run. The proof's media id is kept as a payment proof's
 * reference: waiting for review, or verified for a paid order; a paid order without one is recorded
 * as paid before the import. A draft (never placed) is skipped, its numbers free. An order changed
 * in the original since the last run (paid, cancelled or expired since, its numbers changed) is
 * brought again by `update`. Nothing is sent, no payment is started.
 */
export const ordersImport = (book: SoldBook): ImportModel<ImportedOrder> => ({
  model: 'raffles.order',
  volatile: ['tenant', 'updated_at'],
  label: 'orders',
  foreignKeys: ['tenant', 'raffle', 'contact'],
  async begin(ctx, refs) {
    const now = ctx.clock.now();
    return {
      parse: (record) => parseOrder(record, refs, book, now),
      write: (tx, rows) => writeOrders(tx, rows),
      update: (tx, rows) => updateOrders(tx, rows),
      refusalOf(err) {
        if (err instanceof FieldProblem) return `${err.field}: ${err.message}`;
        if (isUniqueViolation(err, 'raffle_order_one_live_idx'))
          return 'status: this buyer already has another order waiting for payment in this raffle (Opsdesk keeps one per buyer and raffle); its numbers come over free';
        return undefined;
      },
    };
  },
});

/**
 * One original order read: its raffle and buyer, the amount in the raffle's currency, its numbers
 * from the tickets, and what it holds now (paid, still held, or ended) with its proof's state.
 */
function parseOrder(
  record: SourceRecord,
  refs: ImportRefs,
  book: SoldBook,
  now: Date,
): RowVerdict<ImportedOrder> {
  const f = record.fields;
  const original = choiceField(f, 'status', STATUSES, { required: true })!;
  if (original === 'draft') return { skipped: 'a draft order was never placed: its numbers come over free' };
  const raffleId = targetOf(refs, record, 'raffle', 'raffles.raffle', 'raffle', { required: true })!;
  const buyerId = targetOf(refs, record, 'contact', 'whatsapp.whatsappcontact', 'contact', {
    required: true,
  })!;
  const raffle = book.raffles.get(String(f.raffle));
  if (!raffle) throw new FieldProblem('raffle', `raffle ${String(f.raffle)} is not in the source`);
  const amount = amountField(f, 'total_amount', raffle.currency, raffle.exponent);
  if (!amount) throw new FieldProblem('total_amount', 'is required');
  if (amount.minor <= 0) throw new FieldProblem('total_amount', 'is not above zero');
  const tickets = book.ticketsOf(record.pk);
  const numbers = [...new Set(tickets.map((t) => t.number))];
  if (numbers.length === 0)
    throw new FieldProblem(
      'tickets',
      'no number: neither the order/ticket join nor a ticket names this order',
    );
  const createdAt = dateTimeField(f, 'created_at') ?? book.joinedAt.get(record.pk) ?? now;
  const updatedAt = dateTimeField(f, 'updated_at') ?? createdAt;
  const reservedUntil = tickets
    .filter((t) => t.reservedBy === record.pk && t.reservedUntil)
    .map((t) => t.reservedUntil!.getTime());
  const expiresAt =
    dateTimeField(f, 'expires_at') ??
    (reservedUntil.length ? new Date(Math.max(...reservedUntil)) : new Date(createdAt.getTime() + HOLD_MS));
  const held = holdingsOf({
    orderPk: record.pk,
    status: original,
    tickets,
    holderOf: (pk) => book.holderOf(pk),
    expiresAt,
    now,
  });
  const quantity = Number(integerField(f, 'qty') ?? numbers.length);
  return {
    row: {
      sourcePk: record.pk,
      raffleId,
      buyerId,
      status: held.status,
      numbers,
      holding: held.holding,
      quantity: quantity >= 1 ? quantity : numbers.length,
      amountMinor: amount.minor,
      currency: raffle.currency,
      expiresAt,
      createdAt,
      updatedAt,
      paidAt: held.status === 'paid' ? (dateTimeField(f, 'paid_at') ?? updatedAt) : null,
      endedAt:
        held.status === 'cancelled' || held.status === 'expired'
          ? original === 'pending_payment'
            ? expiresAt
            : updatedAt
          : null,
      proof: textField(f, 'payment_proof_media_id', { max: 255 }) || null,
      // A proof of an order still waiting in the original waits here too, even once its hold
      // ran out (the original confirms late payments; Opsdesk's review then decides).
      proofStatus:
        held.status === 'paid' ? 'verified' : original === 'pending_payment' ? 'submitted' : 'denied',
    },
    flags: amount.flag ? [amount.flag, ...held.flags] : held.flags,
    notes: held.notes,
  };
}
