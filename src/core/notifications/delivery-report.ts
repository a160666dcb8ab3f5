import type { JobQueue } from '../../platform/jobs/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import type { AttemptStatus, NotificationTables } from './notifications.tables.ts';
import { recordDelivered, recordNotDelivered, recordReached, recordReportedSent } from './outbox-states.ts';
import {
  type DeliveryReport,
  type DeliveryReportDeps,
  findReportedAttempt,
  type ReportedAttempt,
} from './report-lookup.ts';

export type { DeliveryReport, DeliveryReportDeps, ReportScope } from './report-lookup.ts';

export type ReportOutcome = 'settled' | 'unchanged' | 'unknown';

/**
 * The one entry for every channel's delivery report (issue 64). The attempt it names and its
 * notification are found in one lookup (by channel and the provider's id, within the report's scope),
 * made first and outside any transaction as it may wait (`findReportedAttempt`); the attempt moves
 * forward in one conditional statement, so any number of copies of a report, racing or late, change it
 * once; and the notification takes the same turn in that transaction: delivered is logged, not
 * delivered makes it `failed` with the network's reason (counted against the organization's account),
 * each raising `notification.outcome`.
 */
export async function recordDeliveryReport(
  deps: DeliveryReportDeps,
  report: DeliveryReport,
): Promise<ReportOutcome> {
  const found = await findReportedAttempt(deps, report);
  if (!found) return 'unknown';
  return settleReportedAttempt(deps.ctxOf(found.org_id), deps.jobs, report, found);
}

/**
 * Settles the attempt found, and its message, in one transaction of its organization (the caller's
 * when `ctx` is in one).
 */
export async function settleReportedAttempt(
  ctx: Ctx,
  jobs: JobQueue,
  report: DeliveryReport,
  found: ReportedAttempt,
): Promise<Exclude<ReportOutcome, 'unknown'>> {
  // A report that can move nothing (WhatsApp's `sent` after the send's own answer recorded it, a
  // copy of one already settled) opens no transaction: an attempt's status only moves forward, so
  // one already past the report's word when looked up is past it still.
  if (!report.reached && !movesFrom(report).includes(found.attempt_status)) return 'unchanged';
  return inTransaction(ctx, async (tx) => {
    // A `read` comes after the attempt's end (`delivered`): the message's ticks move on their own.
    const ticked = report.reached ? await recordReached(tx, found.notification_id, report.reached) : false;
    const moved = await moveAttempt(tx, found, report);
    if (!moved) return ticked ? 'settled' : 'unchanged';
    // A send whose answer was lost, named by our id: recorded sent under the channel's id.
    if (report.state !== 'failed' && (found.provider_message_id === null || report.state === 'accepted'))
      await recordReportedSent(tx, found.notification_id, report);
    if (report.state === 'delivered') await recordDelivered(tx, found, report);
    if (report.state === 'failed') await recordNotDelivered(tx, jobs, found.notification_id, report);
    return 'settled';
  });
}

/** The statuses a report moves an attempt from: only forward. */
const movesFrom = (report: DeliveryReport): AttemptStatus[] =>
  report.state === 'accepted' ? ['claimed'] : ['claimed', 'accepted'];

/** The attempt's one conditional move: only forward, and a word on the way only when it is new. */
async function moveAttempt(tx: Ctx, found: ReportedAttempt, report: DeliveryReport): Promise<boolean> {
  const now = tx.clock.now();
  const providerStatus = report.providerStatus?.slice(0, 40) ?? null;
  const from = movesFrom(report);
  const final = report.state === 'delivered' || report.state === 'failed';
  let q = tx.db
    .withTables<NotificationTables>()
    .updateTable('notification_attempt')
    .set({
      provider_message_id: report.providerMessageId,
      ...(providerStatus !== null ? { provider_status: providerStatus } : {}),
      ...(final ? { status: report.state as AttemptStatus, reported_at: now } : {}),
      ...(report.state === 'failed' ? { failure_reason: report.reason?.slice(0, 500) ?? null } : {}),
      ...(report.state === 'pending' ? { reported_at: now } : {}),
      ...(report.state === 'accepted' ? { status: 'accepted' as const, accepted_at: now } : {}),
    })
    .where('notification_id', '=', found.notification_id)
    .where('attempt', '=', found.attempt)
    .where('status', 'in', from);
  if (report.state === 'pending')
    q = q.where((eb) =>
      eb.or([eb('provider_status', 'is', null), eb('provider_status', '<>', providerStatus ?? '')]),
    );
  const moved = await q.executeTakeFirst();
  return moved.numUpdatedRows > 0n;
}
