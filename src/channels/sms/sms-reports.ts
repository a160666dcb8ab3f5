import { sql } from 'kysely';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { recordDeliveryReport } from '../../core/notifications/index.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Db } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import type { SmsAccountScope } from './sms.accounts.ts';
import type { SmsReport } from './sms.provider.ts';
import type { SmsTables } from './sms.tables.ts';

export interface SmsReportDeps {
  db: Db;
  jobs: JobQueue;
  clock: Clock;
  systemCtx(orgId: string, job: string): Ctx;
}

export type ReportOutcome = 'settled' | 'unchanged' | 'unknown';

/**
 * Settles a delivery report in one lookup, by the provider's message id among the texts sent through
 * the account whose callback URL it came to; it counts only when the phone is the one we texted (the
 * report is unsigned: an id alone proves nothing). The state only moves forward (accepted → delivered
 * or failed) in one conditional statement, so any number of copies of a report, racing or late, change
 * the message once and log it once.
 */
export async function settleSmsReport(
  deps: SmsReportDeps,
  scope: SmsAccountScope,
  report: SmsReport,
): Promise<ReportOutcome> {
  const found = await messageReported(deps, scope, report);
  if (!found || found.recipient !== report.phone) return 'unknown';
  const ctx = deps.systemCtx(found.org_id, 'sms.report');
  return inTransaction(ctx, async (tx) => {
    const now = tx.clock.now();
    const table = tx.db.withTables<SmsTables>();
    if (report.state === 'pending') {
      const moved = await table
        .updateTable('sms_message')
        .set({ provider_status: report.providerStatus, reported_at: now })
        .where('notification_id', '=', found.notification_id)
        .where('status', 'in', ['claimed', 'accepted'])
        .where((eb) =>
          eb.or([eb('provider_status', 'is', null), eb('provider_status', '<>', report.providerStatus)]),
        )
        .executeTakeFirst();
      return moved.numUpdatedRows > 0n ? 'settled' : 'unchanged';
    }
    const settled = await table
      .updateTable('sms_message')
      .set({
        status: report.state,
        provider_status: report.providerStatus,
        failure_reason: report.failureReason?.slice(0, 500) ?? null,
        reported_at: now,
      })
      .where('notification_id', '=', found.notification_id)
      .where('status', 'in', ['claimed', 'accepted'])
      .executeTakeFirst();
    if (settled.numUpdatedRows === 0n) return 'unchanged';
    await recordDeliveryReport(tx, deps.jobs, {
      notificationId: found.notification_id,
      channel: 'sms',
      delivered: report.state === 'delivered',
      reason: report.failureReason ?? report.providerStatus,
      detail: { providerStatus: report.providerStatus },
    });
    return 'settled';
  });
}

/** How long a report may wait for the send it names to record the provider's id (its answer is being written). */
const EARLY_REPORT_WAIT_MS = 2_000;

/**
 * The message a report names, by the provider's id. A report can overtake the send's own answer (the
 * provider reports at once, our write of its id comes a moment later): while a send to that phone is
 * still claimed without an id, the lookup is tried again for up to EARLY_REPORT_WAIT_MS.
 */
async function messageReported(deps: SmsReportDeps, scope: SmsAccountScope, report: SmsReport) {
  const deadline = Date.now() + EARLY_REPORT_WAIT_MS;
  for (;;) {
    const { rows } = await sql<{ org_id: string; notification_id: string; recipient: string }>`
      select org_id, notification_id, recipient from sms_message
      where provider = ${scope.provider} and provider_message_id = ${report.providerMessageId}
        and ${sentThrough(scope)}`.execute(deps.db);
    if (rows[0] || Date.now() > deadline) return rows[0];
    const { rows: inFlight } = await sql<{ n: number }>`
      select 1 as n from sms_message
      where provider = ${scope.provider} and recipient = ${report.phone} and status = 'claimed'
        and provider_message_id is null and ${sentThrough(scope)}
      limit 1`.execute(deps.db);
    if (!inFlight[0]) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The texts sent through the account a callback URL speaks for: an organization's own account reaches
 * only that organization's texts. A text from before accounts were recorded (account null) is reached
 * from its organization's URL or the deployment's, as it was then.
 */
function sentThrough(scope: SmsAccountScope) {
  const legacy =
    scope.orgId === null ? sql`account is null` : sql`account is null and org_id = ${scope.orgId}`;
  const sent =
    scope.orgId === null
      ? sql`account = ${scope.username} and account_org_id is null`
      : sql`account = ${scope.username} and account_org_id = ${scope.orgId} and org_id = ${scope.orgId}`;
  return sql`((${sent}) or (${legacy}))`;
}
