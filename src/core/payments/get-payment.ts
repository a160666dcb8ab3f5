import type { AppError } from '../../platform/errors/index.ts';
import type { Ctx } from '../context/index.ts';
import { type Payment, toPayment } from './payment-view.ts';
import { PaymentsErrors } from './payments.errors.ts';
import type { PaymentsTables } from './payments.tables.ts';

/** One payment of the caller's organization, or undefined. */
export async function findPayment(ctx: Ctx, paymentId: string): Promise<Payment | undefined> {
  const row = await ctx.db
    .withTables<PaymentsTables>()
    .selectFrom('payment')
    .selectAll()
    .where('id', '=', paymentId)
    .executeTakeFirst();
  return row ? toPayment(row) : undefined;
}

/** One payment of the caller's organization; `payment_not_found` otherwise (also for other organizations'). */
export async function getPayment(ctx: Ctx, paymentId: string): Promise<Payment> {
  const payment = await findPayment(ctx, paymentId);
  if (!payment) throw PaymentsErrors.payment_not_found({ id: paymentId });
  return payment;
}

/** The error for a staff transition that lost: not found, or the status the payment is in instead. */
export async function transitionRefused(ctx: Ctx, paymentId: string, wanted: string): Promise<AppError> {
  const current = await findPayment(ctx, paymentId);
  if (!current) return PaymentsErrors.payment_not_found({ id: paymentId });
  return PaymentsErrors.payment_state_changed({ id: paymentId, status: current.status, wanted });
}
