import { batchedRunJob } from '../../core/jobs/index.ts';
import type { JobHandler } from '../../platform/jobs/index.ts';
import { settleDecisionCards } from './decided-cards.ts';
import { passRunJob, settleCardsJob, sheetsAppendJob } from './mess.queue.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { continuePassRun } from './pass-regeneration.ts';
import { appendPendingBackupRows } from './sheets-backup.ts';

/** The mess jobs, each bound to its use case for this app. */
export function messJobs(rt: MessRuntime): JobHandler[] {
  return [
    sheetsAppendJob.handle((p) => appendPendingBackupRows(rt.systemCtx(p.orgId, sheetsAppendJob.name), rt)),
    settleCardsJob.handle((p) => settleDecisionCards(rt.systemCtx(p.orgId, settleCardsJob.name), rt, p)),
    // A pass run goes one batch per job: each step queues the next until no student is left.
    batchedRunJob(passRunJob, rt, (ctx, runId) => continuePassRun(ctx, rt, runId)),
  ];
}
