import { OUTSIDE_CALL_TIMEOUTS_MS } from '../../../platform/config/index.ts';
import type { Ctx } from '../../context/index.ts';
import { findPayment } from '../get-payment.ts';
import { type PaymentDeps, providerOf } from '../payment-deps.ts';
import { type PaymentProvider, ProviderUnavailableError, type RefundInput } from '../payment-provider.ts';
import type { Payment } from '../payment-view.ts';
import { findRefund } from './get-refund.ts';
import { moveRefund } from './refund-moves.ts';
import { type Refund, toRefund } from './refund-view.ts';
import { queueRefundCheck } from './refunds.queue.ts';
import { nextRefundCheck } from './refunds.rules.ts';
import type { RefundTables } from './refunds.tables.ts';

/**
 * The job behind a provider refund: claims the queued refund (pending → unknown, one guarded UPDATE,
 * so of any number of runs one calls the provider), then calls it outside any transaction. Accepted →
 * `sent` (a status check settles it); refused as documented → `failed` (staff may retry); anything else
 * (network, 5xx, a process killed mid-call) leaves it `unknown`: only a status check decides whether
 * the provider has it, and it is sent again only when the provider says it never got it.
 */
export async function sendRefund(
  ctx: Ctx,
  deps: PaymentDeps,
  refundId: string,
): Promise<'sent' | 'failed' | 'unknown' | 'skipped'> {
  const refund = await findRefund(ctx, refundId);
  if (refund?.status !== 'pending' || refund.method === 'cash') return 'skipped';
  const payment = await findPayment(ctx, refund.paymentId);
  if (!payment) return 'skipped';
  const provider = providerOf(deps, refund.method);
  if (!provider?.refund) throw new Error(`payment provider ${refund.method} sends no refunds here`);
  const claimed = await claimForSending(ctx, refund.id, inFlightBoundMs(provider));
  if (!claimed) return 'skipped';
  let result: Awaited<ReturnType<NonNullable<PaymentProvider['refund']>>>;
  try {
    result = await provider.refund(refundInput(claimed, payment));
  } catch (err) {
    if (!(err instanceof ProviderUnavailableError)) throw err;
    // The call is over (it failed here): a check may look as soon as the provider answers again.
    await ctx.db
      .withTables<RefundTables>()
      .updateTable('payment_refund')
      .set({ next_check_at: new Date(ctx.clock.now().getTime() + 5_000), provider_status: 'unreachable' })
      .where('id', '=', refund.id)
      .where('status', '=', 'unknown')
      .execute();
    return 'unknown';
  }
  if (result.outcome === 'rejected') {
    await moveRefund(ctx, {
      refundId: refund.id,
      to: 'failed',
      from: ['unknown'],
      changes: {
        failure_reason: `refund_rejected: ${result.code}`.slice(0, 500),
        provider_status: result.code.slice(0, 100),
      },
    });
    return 'failed';
  }
  await moveRefund(ctx, {
    refundId: refund.id,
    to: 'sent',
    from: ['unknown'],
    changes: { next_check_at: nextRefundCheck(ctx.clock.now(), 0), provider_status: result.outcome },
  });
  // Many refunds are done by the time the provider answers (Airtel's reversal is): look at once.
  await queueRefundCheck(deps.jobs, { orgId: ctx.orgId, refundId: refund.id, trigger: 'staff' });
  return 'sent';
}

/** What the provider needs to send one attempt of a refund back to the payer. */
export function refundInput(refund: Refund, payment: Payment): RefundInput {
  return {
    reference: refund.providerReference!,
    amount: refund.amount,
    payment: {
      reference: payment.providerReference!,
      transactionId: payment.providerTransactionId,
      amount: payment.amount,
    },
    msisdn: payment.payerMsisdn,
    message: `Refund: ${refund.reason}`.slice(0, 160),
  };
}

/**
 * How long a send may be in flight: a token and the call, and both again after a refused token (the
 * provider session's one retry), each within the driver's bounded time; and a margin.
 */
function inFlightBoundMs(provider: PaymentProvider): number {
  return 4 * (provider.callTimeoutMs ?? OUTSIDE_CALL_TIMEOUTS_MS[provider.method]) + 2_000;
}

/** pending → unknown, stamped: from here the provider may have it. Null when another run claimed it. */
async function claimForSending(ctx: Ctx, refundId: string, boundMs: number): Promise<Refund | null> {
  const now = ctx.clock.now();
  const inFlightUntil = new Date(now.getTime() + boundMs);
  const row = await ctx.db
    .withTables<RefundTables>()
    .updateTable('payment_refund')
    .set({
      status: 'unknown',
      sent_at: now,
      provider_status: null,
      updated_at: now,
      // A check leaves a send that may be in flight alone until then.
      in_flight_until: inFlightUntil,
      next_check_at: inFlightUntil,
    })
    .where('id', '=', refundId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
  return row ? toRefund(row) : null;
}
