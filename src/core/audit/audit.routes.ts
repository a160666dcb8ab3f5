import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { routeOptions } from '../../platform/http/index.ts';
import { activityByDay } from './activity.ts';
import { activityQuery, activitySchema, auditPageSchema, auditQuery } from './audit.contract.ts';
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

  app.get(
    '/api/audit/activity',
    op(
      'platform.audit.read',
      'Events per day of the organization (its time zone), the last days up to today',
      {
        querystring: activityQuery,
        response: { 200: activitySchema },
      },
    ),
    async (req) => ({ days: await activityByDay(req.ctx, req.query.days) }),
  );
};
