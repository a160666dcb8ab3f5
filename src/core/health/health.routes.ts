import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { routeOptions } from '../../platform/http/index.ts';
import type { DeclaredChannels } from './channel-accounts.ts';
import { channelAlerts } from './channel-alerts.ts';
import { channelProblems } from './channel-problems.ts';
import { dependencyHealth } from './dependency-health.ts';
import { channelAlertsSchema, channelProblemsSchema, healthSchema } from './health.contract.ts';

/** Permission to read `GET /api/health` (staff, or an API token with this scope for a monitor). */
export const HEALTH_READ = 'health.status.read';

/**
 * The health of what an organization's work depends on, for a monitor and for the console: each
 * dependency (`/api/health`), the messages stuck or failed per channel (the dashboard), and the
 * channel accounts that keep failing (the banner, for those who can fix the settings).
 */
export const healthRoutes: FastifyPluginAsyncZod<{ declared: DeclaredChannels }> = async (
  app,
  { declared },
) => {
  const op = routeOptions(['health']);
  app.get(
    '/api/health',
    op(HEALTH_READ, 'The database, job queue, chat accounts and mail my organization depends on', {
      response: { 200: healthSchema },
    }),
    async (req) => dependencyHealth(req.ctx, declared),
  );
  app.get(
    '/api/health/channels',
    op(
      'notifications.message.read',
      'Per channel, my messages that failed or are stuck, and how its account is doing',
      { response: { 200: channelProblemsSchema } },
    ),
    async (req) => channelProblems(req.ctx, declared),
  );
  app.get(
    '/api/health/alerts',
    op('platform.settings.update', 'The channel accounts of my organization that keep failing', {
      response: { 200: channelAlertsSchema },
    }),
    async (req) => channelAlerts(req.ctx),
  );
};
