import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions } from '../../platform/http/index.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { getPassRun, latestPassRun, type PassRunView, startPassRun } from './pass-regeneration.ts';

const passRunSchema = z
  .object({
    id: z.string(),
    status: z.enum(['running', 'done']),
    total: z.number().int().describe('approved students when the run started'),
    done: z.number().int().describe('students whose pass the run signed again'),
    keyIds: z.array(z.string()).describe('the keys the new passes are signed with'),
    sent: z.number().int(),
    pending: z.number().int().describe('queued or waiting for a retry in the outbox'),
    failed: z.number().int().describe('given up or undeliverable'),
    noChat: z.number().int().describe('students without Telegram (the printed pass sheet serves them)'),
    startedBy: z.string(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: 'MessPassRun' });

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
