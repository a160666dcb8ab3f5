import type { Ctx } from '../../core/context/index.ts';
import { type ReportOutcome, recordDeliveryReport } from '../../core/notifications/index.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Db } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import type { SmsAccountScope } from './sms.accounts.ts';
import type { SmsReport } from './sms.provider.ts';

export interface SmsReportDeps {
  db: Db;
  jobs: JobQueue;
  clock: Clock;
  systemCtx(orgId: string, job: string): Ctx;
}

export type { ReportOutcome };

/** How long a report may wait for the send it names to record the provider's id (its answer is being written). */
const EARLY_REPORT_WAIT_MS = 2_000;

/**
 * A delivery report, settled through the outbox's one report entry: among the texts sent through the
 * account whose callback URL it came to, and only when the phone is the one we texted (the report is
 * unsigned: an id alone proves nothing). A report that overtook the send's own answer waits for it.
 */
export function settleSmsReport(
  deps: SmsReportDeps,
  scope: SmsAccountScope,
  report: SmsReport,
): Promise<ReportOutcome> {
  return recordDeliveryReport(
    { db: deps.db, jobs: deps.jobs, ctxOf: (orgId) => deps.systemCtx(orgId, 'sms.report') },
    {
      channel: 'sms',
      providerMessageId: report.providerMessageId,
      state: report.state,
      providerStatus: report.providerStatus,
      reason: report.failureReason ?? report.providerStatus,
      scope: {
        account: { provider: scope.provider, username: scope.username, orgId: scope.orgId },
        recipient: report.phone,
      },
      awaitSendMs: EARLY_REPORT_WAIT_MS,
      detail: { providerStatus: report.providerStatus },
    },
  );
}
