/** How a job's failures are stored and retried, as pg-boss does it (its worker and plans.js). */
import type { JobDefinition } from './job-definition.ts';

/** What pg-boss stores as a failed attempt's output, as its worker does. */
export function failureOf(err: unknown): object {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { value: String(err) };
}

export function retryOf(spec: Pick<JobDefinition<unknown>, 'retry'>) {
  return {
    limit: spec.retry?.limit ?? 5,
    delaySeconds: spec.retry?.delaySeconds ?? 5,
    backoff: spec.retry?.backoff ?? true,
  };
}

/**
 * The longest pg-boss waits before retrying a job that failed after `retryCount` retries, or
 * undefined when none is left. Backoff waits between half and all of delay × 2^(retries + 1), see
 * `failJobsBody` in pg-boss's plans.js.
 */
export function latestRetryDelayMs(
  spec: Pick<JobDefinition<unknown>, 'retry'>,
  retryCount: number,
): number | undefined {
  const { limit, delaySeconds, backoff } = retryOf(spec);
  if (retryCount >= limit) return undefined;
  const seconds = backoff ? Math.max(delaySeconds, 1) * 2 ** Math.min(16, retryCount + 1) : delaySeconds;
  return seconds * 1000;
}
