import { type Ctx, inTransaction } from '../../core/context/index.ts';
import type { Money } from '../../core/money/index.ts';
import {
  findPayment,
  lockPaymentPurpose,
  type Payment,
  type Refund,
  type RefundMethod,
  type RefundStaff,
  refundMethods,
  refundTotals,
  refundWhatIsLeft,
} from '../../core/payments/index.ts';
import { findOriginalPurchase, paymentOfOriginalPurchase } from './original-purchase-payments.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import { originalPurchaseRecord, purchaseRecord, type RefundRecord } from './purchase-refund-record.ts';
import { PURCHASE_PURPOSE } from './purchases.ts';

export interface PurchaseRefundInput {
  /** A purchase Opsdesk sold, or one the original system sold (imported): both refund alike. */
  purchaseId: string;
  /** Required when the token was issued (it keeps working: an OpenPAYGO token cannot be revoked). */
  reason?: string | undefined;
  /** True once staff read that the issued token keeps working on the meter. */
  tokenKeepsWorking?: boolean | undefined;
  amount?: Money | undefined;
  method?: RefundMethod | undefined;
  staff: RefundStaff;
}

/** A purchase of either kind, Opsdesk's first, or `purchase_not_found`. */
async function recordOf(ctx: Ctx, purchaseId: string): Promise<RefundRecord> {
  const record = (await purchaseRecord(ctx, purchaseId)) ?? (await originalPurchaseRecord(ctx, purchaseId));
  if (!record) throw PrepaidErrors.purchase_not_found({ purchaseId });
  return record;
}

/**
 * What a purchase's refund looks like before staff confirm it, for the console to say plainly:
 * whether a token was issued (it keeps working), what went back so far, what is left and how it can
 * go back. An imported purchase not refunded yet has no core payment: what is left is what the
 * original took, in whole units of its currency.
 */
export async function purchaseRefundFacts(ctx: Ctx, rt: PrepaidRuntime, purchaseId: string) {
  const record = await recordOf(ctx, purchaseId);
  const payment = record.paymentId ? await findPayment(ctx, record.paymentId) : undefined;
  const left = payment ? (await refundTotals(ctx, payment)).left : await originalLeft(ctx, record);
  return {
    purchaseId: record.id,
    original: record.kind === 'original',
    paymentId: payment?.id ?? null,
    tokenIssued: record.tokenIssued,
    refunded: record.refunded,
    left,
    methods: refundMethods(payment, rt.deps),
  };
}

/** What an imported purchase not yet refunded could give back: what the original took, if it took it. */
async function originalLeft(ctx: Ctx, record: RefundRecord): Promise<Money | null> {
  if (record.kind !== 'original') return null;
  const original = await findOriginalPurchase(ctx, record.id);
  if (original?.status !== 'success') return null;
  return { amountMinor: Math.floor(Number(original.amount_cents) / 100), currency: original.currency.trim() };
}

/**
 * Gives back the money of a purchase through core payments' one refund path (the purchase's refund
 * contract, `purchaseRefundSteps`, decides and records the rest, as for a refund asked on its
 * payment): what is left unless `amount` says, by `method` or the way it came in. A token never
 * issued (the payment came too late, or for another amount) needs no reason; an issued one needs a
 * reason and `tokenKeepsWorking`. An imported purchase gets its core payment on its first refund.
 */
export async function refundPurchase(
  ctx: Ctx,
  rt: PrepaidRuntime,
  input: PurchaseRefundInput,
): Promise<{ refund: Refund; tokenIssued: boolean }> {
  return inTransaction(ctx, async (tx) => {
    const { record, payment } = await refundTarget(tx, input.purchaseId);
    const reason = input.reason?.trim() || (record.tokenIssued ? '' : 'Token never issued');
    if (!reason) throw PrepaidErrors.refund_reason_required({ field: 'reason' });
    const refund = await refundWhatIsLeft(tx, rt.deps, payment, {
      reason,
      ...(input.amount ? { amount: input.amount } : {}),
      ...(input.method ? { method: input.method } : {}),
      staff: input.staff,
      options: input.tokenKeepsWorking === undefined ? {} : { tokenKeepsWorking: input.tokenKeepsWorking },
    });
    return { refund, tokenIssued: record.tokenIssued };
  });
}

/** The purchase and its payment, under the purchase's purpose lock (core's refund takes it first too). */
async function refundTarget(
  tx: Ctx,
  purchaseId: string,
): Promise<{ record: RefundRecord; payment: Payment }> {
  const record = await recordOf(tx, purchaseId);
  if (record.kind === 'original') return { record, payment: await paymentOfOriginalPurchase(tx, record.id) };
  await lockPaymentPurpose(tx, { type: PURCHASE_PURPOSE, id: record.id });
  const payment = record.paymentId ? await findPayment(tx, record.paymentId) : undefined;
  if (!payment) throw PrepaidErrors.purchase_not_refundable({ purchaseId });
  return { record, payment };
}
