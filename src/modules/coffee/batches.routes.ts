import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendCreated } from '../../core/idempotency/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { batchMachines, createBatch, getBatch, retryFailed } from './batches.ts';
import { batchMachinesSchema, batchSchema, idParams, newBatchSchema } from './coffee.contract.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';

const op = routeOptions(['coffee']);

/** Batches: one command rolled out to many machines, canary first, and retrying the failed. */
export const batchRoutes =
  (rt: CoffeeRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/coffee/batches',
      op(
        { permission: 'coffee.command.send', refuses: [422] },
        'Send one command to many devices (a list or a tag), with an abort threshold',
        { body: newBatchSchema, response: { 201: z.object({ id: z.string() }) } },
      ),
      async (req, reply) =>
        sendCreated(req, reply, { scope: 'coffee.batch.create' }, async (tx) => ({
          id: (await createBatch(tx, rt, req.body)).id,
        })),
    );
    const batchJson = async (ctx: Parameters<typeof getBatch>[0], id: string) => {
      const { batch, counts } = await getBatch(ctx, id);
      return {
        id: batch.id,
        status: batch.status,
        type: batch.type,
        ...counts,
        abortAtFailurePercent: batch.abort_at_failure_percent,
        createdAt: batch.created_at.toISOString(),
        finishedAt: batch.finished_at?.toISOString() ?? null,
      };
    };
    app.get(
      '/api/coffee/batches/:id',
      op({ permission: 'coffee.command.read', refuses: [404] }, 'A batch and its progress', {
        params: idParams,
        response: { 200: batchSchema },
      }),
      async (req) => batchJson(req.ctx, req.params.id),
    );
    app.get(
      '/api/coffee/batches/:id/machines',
      op(
        { permission: 'coffee.command.read', refuses: [404] },
        "A batch's machines, each with its command's status and answer (failed first)",
        {
          params: idParams,
          response: {
            200: batchMachinesSchema,
          },
        },
      ),
      async (req) => ({ items: await batchMachines(req.ctx, req.params.id) }),
    );
    app.post(
      '/api/coffee/batches/:id/retry-failed',
      op(
        { permission: 'coffee.command.send', refuses: [404, 409] },
        "Send a finished batch's failed commands again",
        { params: idParams, response: { 200: batchSchema } },
      ),
      async (req) => {
        await retryFailed(req.ctx, rt, req.params.id);
        return batchJson(req.ctx, req.params.id);
      },
    );
  };
