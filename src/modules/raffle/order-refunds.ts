import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { formatMoney } from '../../core/money/index.ts';
import {
  findPayment,
  lockPaymentPurpose,
  type PaymentRefunded,
  type Refund,
  type RefundDeps,
  type RefundMethod,
  type RefundStaff,
  refundWhatIsLeft,
} from '../../core/payments/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import type { RefundedTickets } from './order-refund.rules.ts';
import { getOrder, type OrderView, orders } from './order-view.ts';
import { ORDER_PURPOSE } from './orders.ts';
import { RaffleErrors } from './raffle.errors.ts';
import { notifyBuyer, numberList } from './raffle.notifications.ts';
import type { RaffleTables } from './raffle.tables.ts';

export interface OrderRefundInput {
  orderId: string;
  reason: string;
  tickets: RefundedTickets;
  staff: RefundStaff;
  /** Cash, or the provider the buyer paid through (the default when it can send refunds). */
  method?: RefundMethod;
  /** The call-off run asking (its refunds are counted when a second person decides them). */
  callOff?: string;
}

/**
 * The raffle's cancel-with-refund: what is left of a paid order's payment given back through core
 * payments' one refund flow, the order's numbers released or held as asked. The order itself changes
 * in the raffle's refund contract (`startOrderRefund`), as for a refund asked on the payment's page:
 * at once within the asker's limit, else when a second person approves (until then it stays paid and
 * `numbers` is empty). Under the order's payment lock, in the caller's transaction if any.
 */
export async function refundPaidOrder(
  ctx: Ctx,
  deps: RefundDeps,
  input: OrderRefundInput,
): Promise<{ order: OrderView; refund: Refund; numbers: number[] }> {
  return inTransaction(ctx, async (tx) => {
    await lockPaymentPurpose(tx, { type: ORDER_PURPOSE, id: input.orderId });
    const order = await orders(tx)
      .select(['id', 'status', 'payment_id'])
      .where('id', '=', input.orderId)
      .executeTakeFirst();
    if (!order) throw RaffleErrors.order_not_found({ orderId: input.orderId });
    const payment = order.payment_id ? await findPayment(tx, order.payment_id) : undefined;
    if (order.status !== 'paid' || !payment)
      throw RaffleErrors.order_not_paid({ orderId: order.id, status: order.status });
    const refund = await refundWhatIsLeft(tx, deps, payment, {
      reason: input.reason,
      method: input.method,
      staff: input.staff,
      options: { tickets: input.tickets, ...(input.callOff ? { callOff: input.callOff } : {}) },
    });
    const after = await getOrder(tx, order.id);
    return { order: after, refund, numbers: after.status === 'cancelled' ? after.numbers : [] };
  });
}

/**
 * `refunds['raffle.order'].settled`: the buyer is told on WhatsApp, in their language, that money went
 * back for their order (how much, how, why); once per refund.
 */
export async function tellOrderRefunded(
  tx: Ctx,
  rt: { jobs: JobQueue },
  event: PaymentRefunded,
): Promise<void> {
  const order = await orders(tx)
    .select(['id', 'raffle_id', 'buyer_id', 'numbers'])
    .where('id', '=', event.payment.purpose.id)
    .executeTakeFirst();
  if (!order) return;
  const db = tx.db.withTables<RaffleTables>();
  const raffle = await db
    .selectFrom('raffle_raffle')
    .select('title')
    .where('id', '=', order.raffle_id)
    .executeTakeFirstOrThrow();
  const buyer = await db
    .selectFrom('raffle_buyer')
    .select('language')
    .where('id', '=', order.buyer_id)
    .executeTakeFirst();
  await notifyBuyer(tx, rt.jobs, {
    buyerId: order.buyer_id,
    template: 'raffle.order_refunded',
    data: {
      raffle: raffle.title,
      numbers: numberList(order.numbers),
      amount: formatMoney(event.refund.amount, buyer?.language ?? 'en'),
      reason: event.refund.reason,
    },
    key: `raffle.order_refunded:${event.refund.id}`,
    orderId: order.id,
  });
}
