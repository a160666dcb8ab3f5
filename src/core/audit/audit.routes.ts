import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { routeOptions } from '../../platform/http/index.ts';
import { auditPageSchema, auditQuery } from './audit.contract.ts';
import { searchAudit } from './search.ts';

const op = routeOptions(['audit']);

/** `GET /api/audit`: the audit trail with filters and keyset pagination. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/audit',
    op('platform.audit.read', 'Search the audit log, newest first', {
      querystring: auditQuery,
      response: { 200: auditPageSchema },
    }),
    async (req) => searchAudit(req.ctx, req.query),
  );
};
