import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { searchAudit } from './search.ts';

const auditItem = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
  action: z.string(),
  subject: z.object({ type: z.string(), id: z.string() }).nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  meta: z.record(z.string(), z.unknown()),
});

const auditQuery = z.object({
  action: z.string().max(200).optional().describe('Exact code, or a prefix ending in "." such as "raffle."'),
  actorType: z.enum(['user', 'token', 'system', 'contact', 'device']).optional(),
  actorId: z.string().max(200).optional(),
  subjectType: z.string().max(100).optional(),
  subjectId: z.string().max(200).optional(),
  requestId: z.string().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

/** `GET /api/audit`: the audit trail with filters and keyset pagination. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Search the audit log, newest first',
        querystring: auditQuery,
        response: { 200: z.object({ items: z.array(auditItem), nextCursor: z.string().nullable() }) },
      },
      config: { permission: 'platform.audit.read' },
    },
    async (req) => searchAudit(req.ctx, req.query),
  );
};
