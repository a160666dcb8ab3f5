import { z } from 'zod';
import type { Refund } from './refund-view.ts';
import { REFUND_METHODS, REFUND_STATUSES } from './refunds.rules.ts';

const amount = z.object({
  amountMinor: z.number().int().positive().refine(Number.isSafeInteger, { message: 'amount_out_of_range' }),
  currency: z.string().regex(/^[A-Z]{3}$/),
});
const actor = z.object({ type: z.string(), id: z.string().nullable(), label: z.string() });
const stamp = z.iso.datetime().nullable();

export const refundBody = z.object({
  amount: amount.describe('What goes back, in the payment currency; at most what is left to refund'),
  method: z.enum(REFUND_METHODS).describe('cash, or the provider the money came through (momo, airtel)'),
  reason: z.string().trim().min(1).max(500),
  options: z
    .record(z.string(), z.unknown())
    .refine((o) => JSON.stringify(o).length <= 2_000, 'expected at most 2,000 characters of options')
    .optional()
    .describe(
      "What the payment's module does with its record (a raffle order's tickets: release or hold; a prepaid purchase: tokenKeepsWorking)",
    ),
});

export const rejectBody = z.object({ reason: z.string().trim().min(1).max(500) });
export const refundIdParams = z.object({ id: z.string().uuid() });

export const refundSchema = z.object({
  id: z.string().uuid(),
  paymentId: z.string().uuid(),
  amount,
  method: z.enum(REFUND_METHODS),
  status: z.enum(REFUND_STATUSES),
  reason: z.string(),
  providerReference: z.string().nullable(),
  providerStatus: z.string().nullable(),
  failureReason: z.string().nullable(),
  attempt: z.number().int(),
  requestedBy: actor,
  approvedBy: actor.nullable(),
  rejectionReason: z.string().nullable(),
  options: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  approvedAt: stamp,
  sentAt: stamp,
  succeededAt: stamp,
  failedAt: stamp,
  rejectedAt: stamp,
});
export type RefundJson = z.infer<typeof refundSchema>;

/** A payment's refunds with its totals: what the console's Refund action pre-fills (`left`). */
export const paymentRefundsSchema = z.object({
  paid: amount.extend({ amountMinor: z.number().int() }),
  held: amount.extend({ amountMinor: z.number().int() }),
  refunded: amount.extend({ amountMinor: z.number().int() }),
  left: amount.extend({ amountMinor: z.number().int() }),
  refundable: z.boolean(),
  methods: z.array(z.enum(REFUND_METHODS)),
  items: z.array(refundSchema),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toRefundJson(r: Refund): RefundJson {
  return {
    id: r.id,
    paymentId: r.paymentId,
    amount: { ...r.amount },
    method: r.method,
    status: r.status,
    reason: r.reason,
    providerReference: r.providerReference,
    providerStatus: r.providerStatus,
    failureReason: r.failureReason,
    attempt: r.attempt,
    requestedBy: r.requestedBy,
    approvedBy: r.approvedBy,
    rejectionReason: r.rejectionReason,
    options: r.options,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    approvedAt: iso(r.approvedAt),
    sentAt: iso(r.sentAt),
    succeededAt: iso(r.succeededAt),
    failedAt: iso(r.failedAt),
    rejectedAt: iso(r.rejectedAt),
  };
}
