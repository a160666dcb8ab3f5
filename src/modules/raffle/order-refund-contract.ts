// The raffle's refund contract for an order (`refunds['raffle.order']` in raffle.hooks.ts), whichever
// route asks: the payment's Refund panel (core's route), the raffle's cancel-with-refund, a call-off
// run (issue 62). Each step runs in the transaction of the change it follows, under core's locks.
import { recordAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import {
  type PaymentRefunded,
  paidOf,
  type RefundAsked,
  type RefundOptions,
} from '../../core/payments/index.ts';
import { sql } from '../../platform/db/index.ts';
import { PlatformErrors } from '../../platform/errors/index.ts';
import {
  type OrderRefundOptions,
  type RefundedTickets,
  readOrderRefundOptions,
  refundsTakeAll,
} from './order-refund.rules.ts';
import { orders, toOrderView, writeOrderRefunded } from './order-view.ts';
import { RaffleErrors } from './raffle.errors.ts';
import { countRunDecision, isRunOf } from './refund-run-counts.ts';

/** A held-off-sale number's hold: never runs out by itself, and a held number is never drawn. */
const HELD_OFF_SALE = new Date('9999-12-31T00:00:00Z');

/** The refund's options as the raffle reads them; a value it does not know is a 400 naming it. */
function optionsOf(options: RefundOptions): OrderRefundOptions {
  const read = readOrderRefundOptions(options);
  if (read.ok) return read.options;
  throw PlatformErrors.validation_failed(
    {},
    { message: read.fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields: read.fields },
  );
}

/**
 * `asked`: a refund of the money that paid an order is refused unless the order is paid, and one that
 * would take all that is left once the raffle is drawn (its ledger is fixed). Money that came for no
 * sale (a hold run out, a second proof: `refund_due`) may always go back. Changes nothing.
 */
export async function askOrderRefund(tx: Ctx, event: RefundAsked): Promise<void> {
  const options = optionsOf(event.options);
  const order = await orders(tx)
    .innerJoin('raffle_raffle', 'raffle_raffle.id', 'raffle_order.raffle_id')
    .select(['raffle_order.id', 'raffle_order.status', 'raffle_order.payment_id', 'raffle_order.raffle_id'])
    .select('raffle_raffle.status as raffle_status')
    .where('raffle_order.id', '=', event.payment.purpose.id)
    .executeTakeFirst();
  if (!order) throw RaffleErrors.order_not_found({ orderId: event.payment.purpose.id });
  if (order.payment_id !== event.payment.id) return;
  if (order.status !== 'paid') throw RaffleErrors.order_not_paid({ orderId: order.id, status: order.status });
  if (order.raffle_status === 'drawn' && event.amount.amountMinor >= event.left.amountMinor)
    throw RaffleErrors.raffle_state_invalid({ status: 'drawn', wanted: 'refunded' });
  if (options.callOff && !(await isRunOf(tx, options.callOff, order.raffle_id)))
    throw PlatformErrors.validation_failed(
      {},
      {
        message: 'options.callOff: not this raffle’s call-off',
        fields: [{ field: 'options.callOff', message: 'not this raffle’s call-off', code: 'invalid' }],
      },
    );
}

/**
 * `started`: the refund goes ahead (within the asker's limit, or approved). Under the order's row lock
 * (after core's purpose and payment locks), what went back of the order grows by it; once its refunds
 * take all that was paid the order is cancelled and its numbers released or held off sale, as asked.
 * A part refunded leaves it paid with its numbers. Audited on the order.
 */
export async function startOrderRefund(tx: Ctx, event: PaymentRefunded): Promise<void> {
  const options = optionsOf(event.refund.options);
  const order = await orders(tx)
    .selectAll()
    .where('id', '=', event.payment.purpose.id)
    .forUpdate()
    .executeTakeFirst();
  if (!order || order.payment_id !== event.payment.id || order.status !== 'paid') return;
  const refundedMinor = Number(order.refunded_minor) + event.refund.amount.amountMinor;
  const all = refundsTakeAll({ paidMinor: paidOf(event.payment).amountMinor, refundedMinor });
  const changed = await writeOrderRefunded(tx, order.id, refundedMinor, all ? 'cancelled' : undefined);
  const numbers = all ? await settleTickets(tx, order.raffle_id, order.id, options.tickets) : [];
  await recordAudit(tx, {
    action: all ? 'raffle.order.refunded' : 'raffle.order.partly_refunded',
    subject: { type: 'raffle_order', id: order.id },
    before: { status: order.status },
    after: toOrderView(changed, tx.clock.now()),
    meta: {
      refundId: event.refund.id,
      refundStatus: event.refund.status,
      amount: event.refund.amount,
      reason: event.refund.reason,
      ...(all ? { tickets: options.tickets, numbers } : {}),
    },
  });
  // A call-off refund that waited for a second person: the run counts it as refunded now.
  if (options.callOff && event.refund.status === 'awaiting_approval')
    await countRunDecision(tx, options.callOff, 'approved');
}

/** The order's sold numbers go back on sale, or stay off sale held by the cancelled order. */
async function settleTickets(tx: Ctx, raffleId: string, orderId: string, tickets: RefundedTickets) {
  const { rows } =
    tickets === 'release'
      ? await sql<{ number: number }>`
          update raffle_ticket set status = 'available', order_id = null, held_until = null
          where org_id = ${tx.orgId} and raffle_id = ${raffleId} and order_id = ${orderId} and status = 'sold'
          returning number`.execute(tx.db)
      : await sql<{ number: number }>`
          update raffle_ticket set status = 'held', held_until = ${HELD_OFF_SALE}
          where org_id = ${tx.orgId} and raffle_id = ${raffleId} and order_id = ${orderId} and status = 'sold'
          returning number`.execute(tx.db);
  return rows.map((r) => r.number).sort((a, b) => a - b);
}

/**
 * `rejected`: the second person turned the refund down. The order and its numbers stay as they were
 * (nothing changed while it waited) and the buyer, never told of it, is told nothing; the order's
 * history says so, and a call-off run counts it.
 */
export async function keepOrderOnRejection(tx: Ctx, event: PaymentRefunded): Promise<void> {
  const options = optionsOf(event.refund.options);
  const order = await orders(tx)
    .select(['id', 'status'])
    .where('id', '=', event.payment.purpose.id)
    .executeTakeFirst();
  if (!order) return;
  await recordAudit(tx, {
    action: 'raffle.order.refund_rejected',
    subject: { type: 'raffle_order', id: order.id },
    meta: {
      refundId: event.refund.id,
      amount: event.refund.amount,
      reason: event.refund.reason,
      rejectionReason: event.refund.rejectionReason,
      status: order.status,
    },
  });
  if (options.callOff) await countRunDecision(tx, options.callOff, 'rejected');
}
