import { z } from 'zod';
import { REFUND_STATUSES } from '../../core/payments/index.ts';

/** Staff asking to refund a machine's sale: the whole sale goes back, with a reason. */
export const orderRefundBody = z.object({ reason: z.string().trim().min(1).max(500) });

const refundStatus = z.enum(REFUND_STATUSES);
const money = z.object({ amountMinor: z.number().int(), currency: z.string() });

/**
 * What a refund ask answers: the order as it is now (still `paid` while the refund waits for a second
 * person) and the refund core payments recorded (null for an order refunded already).
 */
export const orderRefundAnswerSchema = z.object({
  id: z.string(),
  paymentStatus: z.string(),
  refundReason: z.string().nullable(),
  refundedNow: z.boolean(),
  refund: z.object({ id: z.string(), status: refundStatus }).nullable(),
});
export type OrderRefundAnswerJson = z.infer<typeof orderRefundAnswerSchema>;

/** A machine sale's refunds, for its page: whether it may be refunded, and each refund asked. */
export const orderRefundStateSchema = z.object({
  paymentStatus: z.enum(['unpaid', 'paid', 'refunded']),
  vendStatus: z.enum(['vended', 'failed']),
  sale: money,
  refundable: z.boolean(),
  /** A refund asked above its asker's limit waits for a second person: the sale stays sold until then. */
  waiting: z.boolean(),
  refundReason: z.string().nullable(),
  refundedAt: z.string().nullable(),
  /** The core payment the sale stands as, once a refund was asked (its page approves or rejects). */
  paymentId: z.string().nullable(),
  refunds: z.array(
    z.object({
      id: z.string(),
      status: refundStatus,
      amount: money,
      reason: z.string(),
      rejectionReason: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});
export type OrderRefundStateJson = z.infer<typeof orderRefundStateSchema>;
