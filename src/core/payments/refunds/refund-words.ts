import type { Ctx } from '../../context/index.ts';
import type { ResourceMessage } from '../../resources/index.ts';
import { amountText, paymentWords } from '../payment-words.ts';
import type { PaymentsTables } from '../payments.tables.ts';
import type { PurposeLabeler } from '../purpose-label.ts';
import type { RefundTables } from './refunds.tables.ts';

type Amount = { amountMinor: number; currency: string };

/** A refund as a person reads it: to whom, for what, and the sentence that names it. */
export type RefundWords = {
  /** The person paid back: the payer the purpose's module registered, else the contact book's name. */
  payer: string | null;
  /** The record the money had paid for, in its module's words, linked to its page. */
  record: ResourceMessage;
  /** "Refund of RWF 1,000 to Uwase for Electricity, meter 58219940 — Uwase Household". */
  title: ResourceMessage;
};

/**
 * The words of some refunds (the refunds list's page, a batch of its CSV, one refund's page), asked
 * of the modules that own their payments' purposes, one call per purpose type.
 */
export async function refundWords(
  ctx: Ctx,
  labelers: ReadonlyArray<PurposeLabeler>,
  refundIds: ReadonlyArray<string>,
): Promise<Map<string, RefundWords>> {
  if (!refundIds.length) return new Map();
  const rows = await ctx.db
    .withTables<RefundTables & PaymentsTables>()
    .selectFrom('payment_refund')
    .innerJoin('payment', 'payment.id', 'payment_refund.payment_id')
    .select([
      'payment_refund.id',
      'payment_refund.amount_minor',
      'payment_refund.currency',
      'payment.purpose_type',
      'payment.purpose_id',
      'payment.payer_contact_id',
    ])
    .where('payment_refund.id', 'in', [...new Set(refundIds)])
    .execute();
  const words = await paymentWords(
    ctx,
    labelers,
    rows.map((r) => ({
      key: r.id,
      purposeType: r.purpose_type,
      purposeId: r.purpose_id,
      payerContactId: r.payer_contact_id,
    })),
  );
  return new Map(
    rows.map((r) => {
      const { payer, record } = words.get(r.id)!;
      const amount = { amountMinor: Number(r.amount_minor), currency: r.currency };
      return [r.id, { payer, record, title: refundTitle(amount, payer, record) }];
    }),
  );
}

/** The amount is a param of its own (`{ amountMinor, currency }`): the console writes it in the reader's format. */
function refundTitle(amount: Amount, payer: string | null, record: ResourceMessage): ResourceMessage {
  const text = amountText(amount.amountMinor, amount.currency);
  return payer
    ? {
        key: 'payments.refundTitle.toPayer',
        params: { amount, payer, record },
        text: `Refund of ${text} to ${payer} for ${record.text}`,
      }
    : {
        key: 'payments.refundTitle.forRecord',
        params: { amount, record },
        text: `Refund of ${text} for ${record.text}`,
      };
}
