import type { JobHandler } from '../../platform/jobs/index.ts';
import { settleDecisionCards } from './decided-cards.ts';
import { settleCardsJob, sheetsAppendJob } from './mess.queue.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { appendPendingBackupRows } from './sheets-backup.ts';

/** The mess jobs, each bound to its use case for this app. */
export function messJobs(rt: MessRuntime): JobHandler[] {
  return [
    sheetsAppendJob.handle((p) => appendPendingBackupRows(rt.systemCtx(p.orgId, sheetsAppendJob.name), rt)),
    settleCardsJob.handle((p) => settleDecisionCards(rt.systemCtx(p.orgId, settleCardsJob.name), rt, p)),
  ];
}
