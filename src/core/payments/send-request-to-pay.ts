import { recordAudit } from '../audit/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { findPayment } from './get-payment.ts';
import { type PaymentDeps, providerOf } from './payment-deps.ts';
import { auditSnapshot, toPayment } from './payment-view.ts';
import { isMobileMoney } from './payments.rules.ts';
import type { PaymentsTables } from './payments.tables.ts';
import { transitionPayment } from './transition-payment.ts';

/** Thrown while a just-created payment is not visible yet (its creator's transaction is open). */
export class PaymentNotVisibleYet extends Error {}

/**
 * The job behind `requestMobileMoneyPayment`: sends the request-to-pay for a pending payment. Safe
 * to run any number of times: the X-Reference-Id is the payment's own id, a retry asks the provider
 * before sending again (issue 77: a failover cut the record of a request MTN had, and the retry sent
 * it twice), and a reuse the provider still sees is answered 409 / duplicate, which counts as sent. A documented permanent refusal (bad number,
 * unsupported currency) fails the payment; anything else throws and the job retries.
 */
export async function sendRequestToPay(
  ctx: Ctx,
  deps: Pick<PaymentDeps, 'declared'>,
  args: { paymentId: string; attempt: number },
): Promise<void> {
  const payment = await findPayment(ctx, args.paymentId);
  if (!payment) {
    if (args.attempt < 3) throw new PaymentNotVisibleYet(`payment ${args.paymentId} not visible yet`);
    return; // its creator rolled back
  }
  if (payment.status !== 'pending' || !isMobileMoney(payment.method)) return;
  if (payment.deadlineAt && ctx.clock.now() >= payment.deadlineAt) return; // the status check times it out
  const provider = providerOf(deps, payment.method);
  if (!provider) throw new Error(`payment provider ${payment.method} is not configured`);
  // A retry: the attempt before may have reached the provider and lost only its record (a failover
  // between the call and the write). The provider is asked first, and a request it holds is not sent
  // again (MTN would answer 409; the payer's prompt is already on its way).
  if (args.attempt > 1) {
    const known = await provider.getStatus(payment.providerReference!, payment.amount);
    if (known.state !== 'not_found') {
      await markRequested(ctx, payment.id);
      return;
    }
  }
  const result = await provider.requestToPay({
    reference: payment.providerReference!,
    amount: payment.amount,
    msisdn: payment.payerMsisdn!,
    payerMessage: payment.note ?? '',
  });
  if (result.outcome === 'rejected') {
    await transitionPayment(ctx, {
      paymentId: payment.id,
      to: 'failed',
      changes: {
        failureReason: `request_rejected: ${result.code}`.slice(0, 500),
        providerStatus: result.code,
      },
    });
    return;
  }
  await markRequested(ctx, payment.id);
}

/** Records the first acknowledgement from the provider; later ones (retries, 409s) change nothing. */
async function markRequested(ctx: Ctx, paymentId: string): Promise<void> {
  const now = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    const row = await tx.db
      .withTables<PaymentsTables>()
      .updateTable('payment')
      .set({ requested_at: now, updated_at: now })
      .where('id', '=', paymentId)
      .where('requested_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) return;
    const payment = toPayment(row);
    await recordAudit(tx, {
      action: 'payments.payment.sent',
      subject: { type: 'payment', id: paymentId },
      after: auditSnapshot(payment),
    });
  });
}
