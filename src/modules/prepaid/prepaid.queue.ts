import { z } from 'zod';
import { defineJob, type ScheduleSpec } from '../../platform/jobs/index.ts';

// The prepaid module's jobs, as data: use cases and schedules send them; prepaid.jobs.ts binds their handlers.

const oneOrgOrAll = z.object({ orgId: z.string().uuid().optional() });

/** The nightly check that every token has a settled payment, every organization with tokens (or one). */
export const checkTokensJob = defineJob({
  name: 'prepaid.check-tokens',
  payload: oneOrgOrAll,
  retry: { limit: 2, delaySeconds: 60 },
  expireInSeconds: 600,
});

/** Raises and clears meter alerts, every organization with meters (or one); the clock is the app's. */
export const checkAlertsJob = defineJob({
  name: 'prepaid.check-alerts',
  payload: oneOrgOrAll,
  retry: { limit: 2, delaySeconds: 60 },
  expireInSeconds: 900,
});

/** Last month's statements, every organization with accounts (or one; or a given month). */
export const sendStatementsJob = defineJob({
  name: 'prepaid.send-statements',
  payload: oneOrgOrAll.extend({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
      .optional(),
  }),
  retry: { limit: 3, delaySeconds: 300 },
  expireInSeconds: 3600,
});

/** Flags tokens of reporting meters left unused too long, every organization with such meters (or one). */
export const flagUnusedTokensJob = defineJob({
  name: 'prepaid.flag-unused-tokens',
  payload: oneOrgOrAll,
  retry: { limit: 2, delaySeconds: 60 },
  expireInSeconds: 600,
});

/** Erases the sealed copies of commissioning sheets whose window ran out, in every organization. */
export const expireSheetsJob = defineJob({
  name: 'prepaid.expire-sheets',
  payload: z.object({}),
  retry: { limit: 2, delaySeconds: 60 },
  expireInSeconds: 300,
});

export const PREPAID_SCHEDULES: ScheduleSpec[] = [
  { job: checkTokensJob, cron: '20 2 * * *' },
  // Hourly: readings arrive through the day (smart meters) and a low balance should not wait for the night.
  { job: checkAlertsJob, cron: '35 * * * *' },
  // The 1st of each month, 06:00 UTC (the month before is taken in each operator's own time zone).
  { job: sendStatementsJob, cron: '0 6 1 * *' },
  // Hourly: a day's precision is enough, and an hour keeps the flag close to the day it became due.
  { job: flagUnusedTokensJob, cron: '50 * * * *' },
  // Every minute: a sheet's sealed key copy lasts its window (30 minutes), not for good.
  { job: expireSheetsJob, cron: '* * * * *' },
];
