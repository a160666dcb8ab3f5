import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { formatMoney, type Money } from '../../core/money/index.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import {
  findPayment,
  lockPaymentPurpose,
  type PaymentRefunded,
  type Refund,
  type RefundMethod,
  type RefundStaff,
  refundTotals,
  refundWhatIsLeft,
} from '../../core/payments/index.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import type { PrepaidTables } from './prepaid.tables.ts';
import { PURCHASE_PURPOSE } from './purchases.ts';
import { refundMessageTemplate, refundSmsTemplate } from './refund-messages.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

export interface PurchaseRefundInput {
  purchaseId: string;
  /** Required when the token was issued (it keeps working: an OpenPAYGO token cannot be revoked). */
  reason?: string;
  /** True once staff read that the issued token keeps working on the meter. */
  tokenKeepsWorking?: boolean;
  amount?: Money;
  method?: RefundMethod;
  staff: RefundStaff;
}

/** What a purchase's refund looks like before staff confirm it: the console says it plainly. */
export async function purchaseRefundFacts(ctx: Ctx, purchaseId: string) {
  const purchase = await tables(ctx)
    .selectFrom('prepaid_purchase')
    .select(['id', 'payment_id', 'status'])
    .where('id', '=', purchaseId)
    .executeTakeFirst();
  if (!purchase) throw PrepaidErrors.purchase_not_found({ purchaseId });
  const token = await tables(ctx)
    .selectFrom('prepaid_token')
    .select(['id', 'count'])
    .where('purchase_id', '=', purchaseId)
    .executeTakeFirst();
  const payment = purchase.payment_id ? await findPayment(ctx, purchase.payment_id) : undefined;
  const totals = payment ? await refundTotals(ctx, payment) : undefined;
  return { purchase, token: token ?? null, payment, totals };
}

/**
 * Gives back the money of a purchase through core payments' refund flow. A purchase whose token was
 * never issued (the payment came too late, or for another amount) is refunded as it is; one whose token
 * was issued needs a reason and staff acknowledging that the token keeps working on the meter (an
 * OpenPAYGO token cannot be revoked). Under the purchase's payment lock; the customer is told when the
 * money went back (`tellPurchaseRefunded`).
 */
export async function refundPurchase(
  ctx: Ctx,
  rt: PrepaidRuntime,
  input: PurchaseRefundInput,
): Promise<{ refund: Refund; tokenIssued: boolean }> {
  return inTransaction(ctx, async (tx) => {
    await lockPaymentPurpose(tx, { type: PURCHASE_PURPOSE, id: input.purchaseId });
    const { token, payment, totals } = await purchaseRefundFacts(tx, input.purchaseId);
    if (!payment || !totals) throw PrepaidErrors.purchase_not_refundable({ purchaseId: input.purchaseId });
    const reason = input.reason?.trim() ?? '';
    if (token && !reason) throw PrepaidErrors.refund_reason_required({ field: 'reason' });
    if (token && input.tokenKeepsWorking !== true)
      throw PrepaidErrors.token_keeps_working({ field: 'tokenKeepsWorking', tokenCount: token.count });
    const refund = await refundWhatIsLeft(
      tx,
      payment,
      {
        amount: input.amount,
        method: input.method,
        reason: reason || 'Token never issued',
        staff: input.staff,
      },
      { jobs: rt.jobs, providers: rt.deps.declared.paymentProviders() },
    );
    await recordAudit(tx, {
      action: 'prepaid.purchase.refunded',
      subject: { type: 'prepaid_purchase', id: input.purchaseId },
      after: { refundId: refund.id, refundStatus: refund.status, tokenIssued: token !== null },
      meta: { amount: refund.amount, method: refund.method, reason: refund.reason },
    });
    return { refund, tokenIssued: token !== null };
  });
}

/**
 * `refunds['prepaid.purchase'].settled`: the customer is told, on their account's channel and by SMS
 * to the phone that paid, how much went back for which meter and why; when a token was issued, that it
 * keeps working on the meter. Once per refund.
 */
export async function tellPurchaseRefunded(
  tx: Ctx,
  rt: PrepaidRuntime,
  event: PaymentRefunded,
): Promise<void> {
  const purchase = await tables(tx)
    .selectFrom('prepaid_purchase as p')
    .innerJoin('prepaid_meter as m', 'm.id', 'p.meter_id')
    .innerJoin('prepaid_account as a', 'a.id', 'm.account_id')
    .select([
      'p.id',
      'p.payer_msisdn',
      'p.reply_language',
      'm.number',
      'a.channel',
      'a.channel_to',
      'a.language',
    ])
    .where('p.id', '=', event.payment.purpose.id)
    .executeTakeFirst();
  if (!purchase) return;
  const token = await tables(tx)
    .selectFrom('prepaid_token')
    .select('id')
    .where('purchase_id', '=', purchase.id)
    .executeTakeFirst();
  const data = (locale: string) => ({
    meter: purchase.number,
    amount: formatMoney(event.refund.amount, locale),
    reason: event.refund.reason,
    delivered: token ? 'yes' : 'no',
  });
  if (purchase.channel && purchase.channel_to)
    await enqueueNotification(tx, rt.jobs, {
      channel: purchase.channel,
      to: purchase.channel_to,
      template: refundMessageTemplate,
      data: data(purchase.language),
      locale: purchase.language,
      idempotencyKey: `prepaid.refund:${event.refund.id}`,
    });
  if (purchase.payer_msisdn) {
    const locale = purchase.reply_language ?? purchase.language;
    await enqueueNotification(tx, rt.jobs, {
      channel: 'sms',
      to: purchase.payer_msisdn,
      template: refundSmsTemplate,
      data: data(locale),
      locale,
      idempotencyKey: `prepaid.refund-sms:${event.refund.id}`,
    });
  }
}
