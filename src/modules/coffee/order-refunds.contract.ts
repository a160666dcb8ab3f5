import { z } from 'zod';
import { REFUND_STATUSES } from '../../core/payments/index.ts';

const refundStatus = z.enum(REFUND_STATUSES);
const money = z.object({ amountMinor: z.number().int(), currency: z.string() });

/**
 * Staff asking to refund a machine's sale, with a reason: all that is left of it, or a part (`amount`,
 * the shape prepaid's refund route takes).
 */
export const orderRefundBody = z.object({
  reason: z.string().trim().min(1).max(500),
  amount: z
    .object({ amountMinor: z.number().int().positive(), currency: z.string().regex(/^[A-Z]{3}$/) })
    .optional()
    .describe('Default: what is left to refund of the sale; at most that, in the sale’s currency'),
});

/**
 * What a refund ask answers: the order as it is now (still `paid` while the refund waits for a second
 * person) and the refund core payments recorded (null for an order refunded already).
 */
export const orderRefundAnswerSchema = z.object({
  id: z.string(),
  paymentStatus: z.string(),
  refundReason: z.string().nullable(),
  refundedNow: z.boolean(),
  /** What went back of the sale so far (all of it once `refunded`); the takings net it. */
  refunded: money,
  refund: z.object({ id: z.string(), status: refundStatus, amount: money }).nullable(),
});
export type OrderRefundAnswerJson = z.infer<typeof orderRefundAnswerSchema>;

/** A machine sale's refunds, for its page: what went back and is left, whether it may be refunded, each refund asked. */
export const orderRefundStateSchema = z.object({
  paymentStatus: z.enum(['unpaid', 'paid', 'refunded']),
  vendStatus: z.enum(['vended', 'failed']),
  sale: money,
  /** What went back of it so far (all of it once `refunded`); the takings net it. */
  refunded: money,
  /** What may still go back (nothing once refunded). */
  left: money,
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
