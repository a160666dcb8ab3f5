import { channelFailingJob } from '../channel-health/index.ts';
import { alertStaff, channelFailingTemplate, HEALTH_READ, healthRoutes } from '../health/index.ts';
import { defineArea } from '../modules/index.ts';
import { listed } from '../notifications/index.ts';

/**
 * Health: what an organization's work depends on (`GET /api/health`), the messages each channel failed
 * or holds, and the alert to the owner and admins when a channel account keeps failing.
 */
export const healthArea = defineArea({
  name: 'health',
  permissions: [
    {
      key: HEALTH_READ,
      description: 'See the health of the database, the job queue, the chat accounts and the mail',
    },
  ],
  templates: [listed(channelFailingTemplate)],
  routes: (deps) => async (app) => app.register(healthRoutes, { declared: deps.outbox }),
  jobs: (deps) => [
    channelFailingJob.handle(async (payload) => {
      await alertStaff(deps.systemCtx(payload.orgId, channelFailingJob.name), deps.jobs, payload);
    }),
  ],
});
