import { z } from 'zod';
import { defineJob, type JobHandler, type ScheduleSpec } from '../../platform/jobs/index.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import type { PrepaidTables } from './prepaid.tables.ts';
import { flagUnusedTokens } from './unused-tokens.ts';

/** Flags tokens of reporting meters left unused too long, every organization with such meters (or one). */
export const flagUnusedTokensJob = defineJob({
  name: 'prepaid.flag-unused-tokens',
  payload: z.object({ orgId: z.string().uuid().optional() }),
  retry: { limit: 2, delaySeconds: 60 },
  expireInSeconds: 600,
});

export function unusedTokenJobs({ deps }: PrepaidRuntime): JobHandler[] {
  return [
    flagUnusedTokensJob.handle(async (p) => {
      let orgs = deps.database.db
        .withTables<PrepaidTables>()
        .selectFrom('prepaid_meter')
        .select('org_id')
        .where('reported_at', 'is not', null)
        .distinct();
      if (p.orgId) orgs = orgs.where('org_id', '=', p.orgId);
      for (const { org_id } of await orgs.execute()) {
        const flagged = await flagUnusedTokens(deps.systemCtx(org_id, flagUnusedTokensJob.name));
        if (flagged) deps.log.info({ orgId: org_id, flagged }, 'prepaid: tokens left unused');
      }
    }),
  ];
}

/** Hourly: a day's precision is enough, and an hour keeps the flag close to the day it became due. */
export const UNUSED_TOKEN_SCHEDULES: ScheduleSpec[] = [{ job: flagUnusedTokensJob, cron: '50 * * * *' }];
