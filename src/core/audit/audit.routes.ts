import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditPageSchema, auditQuery } from './audit.contract.ts';
import { searchAudit } from './search.ts';

/** `GET /api/audit`: the audit trail with filters and keyset pagination. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Search the audit log, newest first',
        querystring: auditQuery,
        response: { 200: auditPageSchema },
      },
      config: { permission: 'platform.audit.read' },
    },
    async (req) => searchAudit(req.ctx, req.query),
  );
};
