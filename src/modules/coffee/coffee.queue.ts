import { z } from 'zod';
import { defineJob, type ScheduleSpec } from '../../platform/jobs/index.ts';

/**
 * Every minute: marks silent devices offline (one alarm each), resends or times out commands
 * without a result, expires commands past their TTL. Cross-organization; `orgId` narrows it.
 */
export const watchFleetJob = defineJob({
  name: 'coffee.watch-fleet',
  payload: z.object({ orgId: z.string().uuid().optional() }),
});

export const COFFEE_SCHEDULES: ScheduleSpec[] = [{ job: watchFleetJob, cron: '* * * * *' }];
