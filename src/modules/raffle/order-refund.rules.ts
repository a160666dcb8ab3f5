import { z } from 'zod';
import type { FieldIssue } from '../../platform/errors/index.ts';

/** What becomes of a refunded order's numbers: back on sale, or held off sale (staff choose). */
export type RefundedTickets = 'release' | 'hold';

/**
 * What a refund of an order asks of the raffle (core keeps it on the refund as its `options`): the
 * order's numbers released (the default) or held off sale when the refund takes all that was paid;
 * a called-off raffle's refunds name their run, so the run counts them when they are decided.
 */
const orderRefundOptions = z.object({
  tickets: z.enum(['release', 'hold']).default('release'),
  callOff: z.string().uuid().optional(),
});
export type OrderRefundOptions = z.infer<typeof orderRefundOptions>;

/** Reads a refund's options, or answers what is wrong with them, field by field (`options.tickets`). */
export function readOrderRefundOptions(
  options: Record<string, unknown>,
): { ok: true; options: OrderRefundOptions } | { ok: false; fields: FieldIssue[] } {
  const parsed = orderRefundOptions.safeParse(options);
  if (parsed.success) return { ok: true, options: parsed.data };
  return {
    ok: false,
    fields: parsed.error.issues.map((issue) => ({
      field: ['options', ...issue.path.map(String)].join('.'),
      message: issue.message,
      code: issue.code,
    })),
  };
}

/**
 * Whether an order's refunds that went ahead give back all that was paid for it: only then is the
 * order cancelled (its numbers released or held). A part refunded (a discount, a fee kept) leaves the
 * order paid with its numbers, its money netted in the raffle's sales.
 */
export function refundsTakeAll(order: { paidMinor: number; refundedMinor: number }): boolean {
  return order.refundedMinor >= order.paidMinor;
}

/**
 * How "mis boletos" words an order's state: a cancelled order whose money went back reads as refunded,
 * never as paid or merely cancelled; a proof being checked is not "waiting for payment".
 */
export function buyerOrderState(order: {
  status: 'pending_payment' | 'paid' | 'cancelled' | 'expired';
  refundedMinor: number;
  proofUnderReview: boolean;
}): 'pending_payment' | 'in_review' | 'paid' | 'cancelled' | 'refunded' | 'expired' {
  if (order.status === 'pending_payment' && order.proofUnderReview) return 'in_review';
  if (order.status === 'cancelled' && order.refundedMinor > 0) return 'refunded';
  return order.status;
}
