import type { Ctx } from '../../context/index.ts';
import type { Money } from '../../money/index.ts';
import { listPayments } from '../list-payments.ts';
import { type PaymentDeps, sendsRefunds } from '../payment-deps.ts';
import type { Payment } from '../payment-view.ts';
import type { RefundOptions } from './refund-events.ts';
import { refundTotals } from './refund-totals.ts';
import type { Refund } from './refund-view.ts';
import { isRefundable, type RefundMethod, type RefundStaff } from './refunds.rules.ts';
import { type RefundDeps, requestRefund } from './request-refund.ts';

/**
 * The payments of a module's purpose (a bill, an order) whose money arrived and of which something is
 * left to give back, newest first.
 */
export async function refundablePaymentsOf(
  ctx: Ctx,
  purpose: { type: string; id: string },
): Promise<Payment[]> {
  const { items } = await listPayments(ctx, { purposeType: purpose.type, purposeId: purpose.id, limit: 50 });
  const refundable = [];
  for (const payment of items.filter((p) => isRefundable(p.status)))
    if ((await refundTotals(ctx, payment)).left.amountMinor > 0) refundable.push(payment);
  return refundable;
}

/**
 * How money goes back when staff choose nothing: through the provider the payer paid with when it can
 * send refunds here (Airtel's reversal only for the whole payment), else in cash.
 */
export function defaultRefundMethod(
  payment: Payment,
  left: Money,
  deps: Pick<PaymentDeps, 'declared'>,
): RefundMethod {
  if (payment.method !== 'momo' && payment.method !== 'airtel') return 'cash';
  if (!sendsRefunds(deps, payment.method)) return 'cash';
  if (payment.method === 'airtel' && left.amountMinor !== payment.amount.amountMinor) return 'cash';
  return payment.method;
}

/** How money of a payment can go back here: cash, and the provider it came through when that sends refunds. */
export function refundMethods(
  payment: Payment | undefined,
  deps: Pick<PaymentDeps, 'declared'>,
): RefundMethod[] {
  const method = payment?.method;
  if ((method === 'momo' || method === 'airtel') && sendsRefunds(deps, method)) return ['cash', method];
  return ['cash'];
}

/**
 * A module's refund of one payment (a voided bill's, a cancelled order's, a purchase's): what is left
 * of it unless `amount` says, by `method` or the default (`defaultRefundMethod`), through core
 * payments' one refund flow in the caller's transaction (it refuses when nothing is left); `options`
 * go to the purpose's refund contract (a raffle order's tickets released or held).
 */
export async function refundWhatIsLeft(
  tx: Ctx,
  deps: RefundDeps,
  payment: Payment,
  input: {
    reason: string;
    amount?: Money;
    method?: RefundMethod;
    staff?: RefundStaff;
    options?: RefundOptions;
  },
): Promise<Refund> {
  const { left } = await refundTotals(tx, payment);
  const method = input.method ?? defaultRefundMethod(payment, left, deps);
  const { refund } = await requestRefund(tx, deps, {
    paymentId: payment.id,
    amount: input.amount ?? left,
    method,
    reason: input.reason,
    staff: input.staff,
    options: input.options,
  });
  return refund;
}
