import type { AccountStatus } from '../channel-health/index.ts';

/** How far back the dashboard counts messages that failed, in milliseconds (a day). */
export const PROBLEM_WINDOW_MS = 24 * 60 * 60_000;

/** A message still waiting to go out this long after it was due is stuck. */
export const STUCK_AFTER_MS = 60_000;

/** Jobs waiting longer than this behind their due time mean the workers are not keeping up (or none runs). */
export const QUEUE_LAG_LIMIT_SECONDS = 60;

/** The health of the whole: `degraded` when the job queue lags or a set-up channel account fails. */
export type OverallStatus = 'ok' | 'degraded';

/** Sums up the dependencies' states into one word a monitor can alert on. */
export function overallStatus(facts: {
  queueLagSeconds: number | null;
  accounts: ReadonlyArray<{ configured: boolean; status: AccountStatus }>;
}): OverallStatus {
  const lagging = (facts.queueLagSeconds ?? 0) > QUEUE_LAG_LIMIT_SECONDS;
  const ailing = facts.accounts.some((a) => a.configured && (a.status === 'failing' || a.status === 'down'));
  return lagging || ailing ? 'degraded' : 'ok';
}
