import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions } from '../../platform/http/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { recordAudit } from '../audit/index.ts';
import { listJobs, retryJob } from './job-list.ts';
import { jobPageSchema, jobQuery } from './jobs.contract.ts';

/** Background jobs: list with attempts and last error; retry failed or dead-lettered ones. */
export const jobsRoutes: FastifyPluginAsyncZod<{ jobs: JobQueue }> = async (app, { jobs }) => {
  const op = routeOptions(['jobs']);
  app.get(
    '/api/jobs',
    op('platform.job.read', 'Background jobs of my organization', {
      querystring: jobQuery,
      response: { 200: jobPageSchema },
    }),
    async (req) => listJobs(req.ctx, req.query),
  );
  app.post(
    '/api/jobs/:id/retry',
    op({ permission: 'platform.job.retry', refuses: [409] }, 'Retry a failed or dead-lettered job', {
      params: z.object({ id: z.string().uuid() }),
      response: { 202: z.object({ id: z.string() }) },
    }),
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
