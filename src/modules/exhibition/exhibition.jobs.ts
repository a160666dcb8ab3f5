import type { JobHandler } from '../../platform/jobs/index.ts';
import { statementRunJob } from './exhibition.queue.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';
import { continueStatementRun } from './statement-run.ts';

/** The end-of-exhibition run, one batch per job: each step queues the next until none remain. */
export function exhibitionJobs({ deps }: ExhibitionRuntime): JobHandler[] {
  const statementRun = statementRunJob.handle(async (p) => {
    const ctx = deps.systemCtx(p.orgId, statementRunJob.name);
    if ((await continueStatementRun(ctx, deps, p.runId)) === 'more') await deps.jobs.send(statementRunJob, p);
  });
  return [statementRun];
}
