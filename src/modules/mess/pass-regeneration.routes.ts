import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions } from '../../platform/http/index.ts';
import { passRunSchema } from './mess.contract.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { getPassRun, latestPassRun, type PassRunView, startPassRun } from './pass-regeneration.ts';

const toJson = (run: PassRunView) => ({
  ...run,
  createdAt: run.createdAt.toISOString(),
  finishedAt: run.finishedAt?.toISOString() ?? null,
});

/** Regenerating every approved student's pass after a key rotation, and its progress. */
export const passRunRoutes =
  (rt: MessRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const op = routeOptions(['mess']);
    const permission = 'mess.student.approve';
    app.post(
      '/api/mess/pass-runs',
      op(
        { permission },
        'Regenerate every approved student’s pass with the current key and send it on Telegram (a job; a running one is returned)',
        { response: { 202: passRunSchema } },
      ),
      async (req, reply) => reply.status(202).send(toJson(await startPassRun(req.ctx, rt))),
    );
    app.get(
      '/api/mess/pass-runs/latest',
      op(permission, 'The latest pass regeneration with its progress', {
        response: { 200: passRunSchema.nullable() },
      }),
      async (req) => {
        const run = await latestPassRun(req.ctx);
        return run ? toJson(run) : null;
      },
    );
    app.get(
      '/api/mess/pass-runs/:id',
      op({ permission, refuses: [404] }, 'A pass regeneration: progress and the messages’ states', {
        params: z.object({ id: z.uuid() }),
        response: { 200: passRunSchema },
      }),
      async (req) => toJson(await getPassRun(req.ctx, req.params.id)),
    );
  };
