import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotentCreate } from '../../core/idempotency/index.ts';
import { REFUND_METHODS, toRefundJson } from '../../core/payments/index.ts';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { refundPaidOrder } from './order-refunds.ts';
import { idParams, toOrderJson } from './raffle.contract.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';
import { callOffRaffle, type RefundRun, refundRunOf } from './raffle-call-off.ts';

const op = routeOptions(['raffle']);

const tickets = z
  .enum(['release', 'hold'])
  .describe('The order’s numbers: back on sale (release) or held off sale (hold)');
const refundOrderBody = z.object({
  reason: z.string().trim().min(1).max(500).describe('The buyer reads it'),
  tickets,
  method: z
    .enum(REFUND_METHODS)
    .optional()
    .describe('Default: the provider the buyer paid through, else cash'),
});
const callOffBody = z.object({ reason: z.string().trim().min(1).max(500), tickets: tickets.default('hold') });

const runSchema = z.object({
  id: z.string().uuid(),
  raffleId: z.string().uuid(),
  reason: z.string(),
  tickets: z.enum(['release', 'hold']),
  status: z.enum(['running', 'done']),
  total: z.number().int(),
  refunded: z.number().int().describe('Orders whose refund went ahead (cancelled)'),
  awaiting: z
    .number()
    .int()
    .describe('Refunds waiting for a second person (their orders stay paid until approved)'),
  rejected: z.number().int().describe('Refunds turned down (their orders stay paid)'),
  failed: z.number().int(),
  failures: z.array(z.object({ orderId: z.string(), code: z.string() })),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
const toRunJson = (r: RefundRun): z.infer<typeof runSchema> => ({
  id: r.id,
  raffleId: r.raffle_id,
  reason: r.reason,
  tickets: r.tickets,
  status: r.status,
  total: r.total,
  refunded: r.refunded,
  awaiting: r.awaiting,
  rejected: r.rejected,
  failed: r.failed,
  failures: r.failures as Array<{ orderId: string; code: string }>,
  createdAt: r.created_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null,
});

/** Money back in the raffle: a paid order cancelled with a refund, and a called-off raffle's refund run. */
export const orderRefundRoutes =
  (rt: RaffleRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const deps = () => rt.deps;
    app.post(
      '/api/raffle/orders/:id/refund',
      op(
        { permission: 'raffle.order.refund', refuses: [404, 409] },
        'Cancel a paid order and give its money back (core refund flow: your limit, a second person above it, the order cancelled when it goes ahead); its numbers back on sale or held (Idempotency-Key: a retry answers the first refund)',
        {
          params: idParams,
          body: refundOrderBody,
          response: {
            200: z.object({ order: z.unknown(), refund: z.unknown(), numbers: z.array(z.number()) }),
          },
        },
      ),
      async (req) =>
        idempotentCreate(
          req,
          { scope: 'raffle.order.refund', request: { orderId: req.params.id, ...req.body }, status: 200 },
          async (tx) => {
            const { order, refund, numbers } = await refundPaidOrder(tx, deps(), {
              orderId: req.params.id,
              reason: req.body.reason,
              tickets: req.body.tickets,
              ...(req.body.method ? { method: req.body.method } : {}),
              staff: { role: req.auth!.role, userId: req.auth!.userId },
            });
            return { order: toOrderJson(order), refund: toRefundJson(refund), numbers };
          },
        ),
    );
    app.post(
      '/api/raffle/raffles/:id/call-off',
      op(
        { permission: 'raffle.raffle.manage', refuses: [404, 409] },
        'Call a raffle off: sales stop and one run refunds every paid order with a message to each buyer (answers the run; again: the same run)',
        { params: idParams, body: callOffBody, response: { 200: runSchema } },
      ),
      async (req) =>
        toRunJson(
          await callOffRaffle(req.ctx, rt, {
            raffleId: req.params.id,
            reason: req.body.reason,
            tickets: req.body.tickets,
            staff: { role: req.auth!.role, userId: req.auth!.userId },
          }),
        ),
    );
    app.get(
      '/api/raffle/raffles/:id/call-off',
      op(
        { permission: 'raffle.raffle.read', refuses: [404] },
        'The progress of a called-off raffle’s refunds',
        {
          params: idParams,
          response: { 200: runSchema },
        },
      ),
      async (req) => {
        const run = await refundRunOf(req.ctx, req.params.id);
        if (!run) throw PlatformErrors.not_found({ raffleId: req.params.id, calledOff: false });
        return toRunJson(run);
      },
    );
  };
