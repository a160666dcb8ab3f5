import { z } from 'zod';
import { defineJob, type JobHandler, type ScheduleSpec } from '../../platform/jobs/index.ts';
import { checkAlerts } from './alerts.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import type { PrepaidTables } from './prepaid.tables.ts';

/** Raises and clears meter alerts, every organization with meters (or one); the clock is the app's. */
export const checkAlertsJob = defineJob({
  name: 'prepaid.check-alerts',
  payload: z.object({ orgId: z.string().uuid().optional() }),
  retry: { limit: 2, delaySeconds: 60 },
  expireInSeconds: 900,
});

export function alertJobs(rt: PrepaidRuntime): JobHandler[] {
  const { deps } = rt;
  return [
    checkAlertsJob.handle(async (p) => {
      let orgs = deps.database.db
        .withTables<PrepaidTables>()
        .selectFrom('prepaid_meter')
        .select('org_id')
        .distinct();
      if (p.orgId) orgs = orgs.where('org_id', '=', p.orgId);
      for (const { org_id } of await orgs.execute()) {
        const r = await checkAlerts(deps.systemCtx(org_id, checkAlertsJob.name), rt);
        if (r.raised || r.cleared) deps.log.info({ orgId: org_id, ...r }, 'prepaid: meter alerts');
      }
    }),
  ];
}

/** Hourly: readings arrive through the day (smart meters) and a low balance should not wait for the night. */
export const ALERT_SCHEDULES: ScheduleSpec[] = [{ job: checkAlertsJob, cron: '35 * * * *' }];
