import { batchedRunJob } from '../../core/jobs/index.ts';
import type { JobHandler } from '../../platform/jobs/index.ts';
import { statementRunJob } from './exhibition.queue.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';
import { continueStatementRun } from './statement-run.ts';

/** The end-of-exhibition run, one batch per job: each step queues the next until none remain. */
export function exhibitionJobs({ deps }: ExhibitionRuntime): JobHandler[] {
  return [batchedRunJob(statementRunJob, deps, (ctx, runId) => continueStatementRun(ctx, deps, runId))];
}
