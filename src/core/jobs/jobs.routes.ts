import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { recordAudit } from '../audit/index.ts';
import { JOB_STATES, listJobs, retryJob } from './job-list.ts';

const jobSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: z.enum(JOB_STATES),
  attempts: z.number(),
  retryLimit: z.number(),
  lastError: z.string().nullable(),
  payload: z.unknown(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  completedAt: z.iso.datetime().nullable(),
  startAfter: z.iso.datetime(),
});

/** Background jobs: list with attempts and last error; retry failed or dead-lettered ones. */
export const jobsRoutes: FastifyPluginAsyncZod<{ jobs: JobQueue }> = async (app, { jobs }) => {
  const tags = ['jobs'];
  app.get(
    '/api/jobs',
    {
      schema: {
        tags,
        summary: 'Background jobs of my organization',
        querystring: z.object({
          state: z.enum(JOB_STATES).optional(),
          name: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ items: z.array(jobSchema), total: z.number() }) },
      },
      config: { permission: 'platform.job.read' },
    },
    async (req) => listJobs(req.ctx, req.query),
  );
  app.post(
    '/api/jobs/:id/retry',
    {
      schema: {
        tags,
        summary: 'Retry a failed or dead-lettered job',
        params: z.object({ id: z.string().uuid() }),
        response: { 202: z.object({ id: z.string() }) },
      },
      config: { permission: 'platform.job.retry', refuses: [409] },
    },
    async (req, reply) => {
      await retryJob(req.ctx, jobs, req.params.id);
      await recordAudit(req.ctx, {
        action: 'platform.job.retried',
        subject: { type: 'job', id: req.params.id },
      });
      return reply.status(202).send({ id: req.params.id });
    },
  );
};
