import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { recordSendFailure } from '../channel-health/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { ENDED, type EndedMessage, emitNotificationOutcome } from './message-outcome.ts';
import { recordNotificationEvent } from './notification-events.ts';
import type { ChannelName } from './notifications.rules.ts';
import type { AttemptStatus, NotificationTables } from './notifications.tables.ts';

/** Where a report is looked up, and the context its organization's changes are made in. */
export interface DeliveryReportDeps {
  db: Db;
  jobs: JobQueue;
  /** The context of the organization whose message the report names. */
  ctxOf(orgId: string): Ctx;
}

/**
 * Whose messages a report may reach: an organization's (a chat account's webhook), the texts sent
 * through one provider account (the account whose callback URL it came to: its organization's own,
 * `orgId`, or the deployment's, null), and only a message to `recipient` (an unsigned report: an id
 * alone proves nothing).
 */
export interface ReportScope {
  orgId?: string;
  account?: { provider: string; username: string; orgId: string | null };
  recipient?: string;
}

/** A channel's word on a message it names by its own id. */
export interface DeliveryReport {
  channel: ChannelName;
  providerMessageId: string;
  /**
   * `accepted`: the channel took it (WhatsApp's `sent`: a send whose answer was lost is recorded sent);
   * `pending`: on its way (the provider's words are kept); `delivered` / `failed`: its end.
   */
  state: 'accepted' | 'pending' | 'delivered' | 'failed';
  providerStatus?: string | null;
  reason?: string | null;
  /** Our message id the channel echoed (WhatsApp's `biz_opaque_callback_data`). */
  reference?: string;
  scope: ReportScope;
  /** How long to wait for a send to the recipient still being answered (the report overtook it). */
  awaitSendMs?: number;
  /** Kept on the message's event. */
  detail?: Record<string, unknown>;
}

export type ReportOutcome = 'settled' | 'unchanged' | 'unknown';

type Found = EndedMessage & {
  org_id: string;
  notification_id: string;
  attempt: number;
  provider_message_id: string | null;
};

/**
 * The one entry for every channel's delivery report (issue 64). The attempt it names and its
 * notification are found in one lookup (by channel and the provider's id, within the report's
 * scope); the attempt moves forward in one conditional statement, so any number of copies of a
 * report, racing or late, change it once; and the notification takes the same turn in that
 * transaction: delivered is logged, not delivered makes it `dead` with the network's reason (counted
 * against the organization's account), each raising `notification.outcome`.
 */
export async function recordDeliveryReport(
  deps: DeliveryReportDeps,
  report: DeliveryReport,
): Promise<ReportOutcome> {
  // The send's own answer may be recorded between the lookup and the claim: then it is looked up again.
  const found =
    (await attemptReported(deps.db, report)) ??
    (await sendInFlight(deps, report)) ??
    (report.reference ? await attemptReported(deps.db, report) : undefined);
  if (!found) return 'unknown';
  const ctx = deps.ctxOf(found.org_id);
  return inTransaction(ctx, async (tx) => {
    const moved = await moveAttempt(tx, found, report);
    if (!moved) return 'unchanged';
    // A send whose answer was lost, named by our id: recorded sent under the channel's id.
    if (report.state !== 'failed' && (found.provider_message_id === null || report.state === 'accepted'))
      await markReportedSent(tx, report, found);
    if (report.state === 'delivered') await settleDelivered(tx, report, found);
    if (report.state === 'failed') await settleFailed(tx, deps.jobs, report, found);
    return 'settled';
  });
}

/**
 * The attempt a report names, with its notification, in one statement. A report can overtake the
 * send's own answer (the provider reports at once, our write of its id comes a moment later): while a
 * send to that recipient is still claimed without an id, the lookup is tried again for up to
 * `awaitSendMs`.
 */
async function attemptReported(db: Db, report: DeliveryReport): Promise<Found | undefined> {
  const reference =
    report.reference && z.uuid().safeParse(report.reference).success ? report.reference : null;
  const deadline = Date.now() + (report.awaitSendMs ?? 0);
  for (;;) {
    // The attempt, and whether a send in scope still awaits its answer, in one snapshot: a send that
    // records its answer between two statements would otherwise be neither found nor awaited.
    const { rows } = await sql<Found & { in_flight: boolean }>`
      with found as (
        select a.org_id, a.notification_id, a.attempt, a.provider_message_id,
          n.id, n.template, n.channel, n.idempotency_key
        from notification_attempt a
        join notification n on n.org_id = a.org_id and n.id = a.notification_id
        where a.channel = ${report.channel} and ${inScope(report.scope)}
          and (a.provider_message_id = ${report.providerMessageId}
            or (${reference}::uuid is not null and a.notification_id = ${reference}::uuid
              and a.status = 'claimed' and a.provider_message_id is null))
        order by a.provider_message_id is null, a.attempt desc
        limit 1)
      select found.*, exists (
          select 1 from notification_attempt a
          join notification n on n.org_id = a.org_id and n.id = a.notification_id
          where a.channel = ${report.channel} and a.status = 'claimed' and a.provider_message_id is null
            and ${inScope(report.scope)}) as in_flight
      from (select 1) as one left join found on true`.execute(db);
    const { in_flight: inFlight, ...found } = rows[0]!;
    if (found.notification_id !== null) return found;
    if (!inFlight) return undefined;
    if (Date.now() > deadline) return unansweredSendTo(db, report);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A report by an id no attempt bears, for a recipient whose one send through that account never got
 * its answer (the provider took the text, then its answer was lost: a 500, a hang, a cut connection,
 * issue 65): that send is the one reported. Only where the report names its recipient (an SMS
 * report's phone) and only one such send is open, so a report is never pinned on the wrong message.
 */
async function unansweredSendTo(db: Db, report: DeliveryReport): Promise<Found | undefined> {
  if (report.scope.recipient === undefined) return undefined;
  const { rows } = await sql<Found>`
    select a.org_id, a.notification_id, a.attempt, a.provider_message_id,
      n.id, n.template, n.channel, n.idempotency_key
    from notification_attempt a
    join notification n on n.org_id = a.org_id and n.id = a.notification_id
    where a.channel = ${report.channel} and a.status = 'claimed' and a.provider_message_id is null
      and ${inScope(report.scope)}
    limit 2`.execute(db);
  return rows.length === 1 ? rows[0] : undefined;
}

/**
 * A report that overtook the send it names by our id (WhatsApp echoes it): a chat channel records its
 * attempt only with the send's answer, and that answer may still be on its way, or lost (a 500 after
 * Meta took it). The attempt is recorded claimed now, in one statement, so the report settles the
 * message and the late answer finds it sent; only a message still being sent, or unconfirmed, with no
 * attempt the provider took, is reached this way.
 */
async function sendInFlight(deps: DeliveryReportDeps, report: DeliveryReport): Promise<Found | undefined> {
  const reference =
    report.reference && z.uuid().safeParse(report.reference).success ? report.reference : null;
  if (reference === null || report.scope.orgId === undefined) return undefined;
  const ctx = deps.ctxOf(report.scope.orgId);
  const { rows } = await sql<Found>`
    with claimed as (
      insert into notification_attempt (org_id, notification_id, attempt, channel, status, claimed_at)
      select n.org_id, n.id, coalesce((select max(p.attempt) from notification_attempt p
          where p.org_id = n.org_id and p.notification_id = n.id), 0) + 1, n.channel, 'claimed', ${ctx.clock.now()}
      from notification n
      where n.org_id = ${report.scope.orgId} and n.id = ${reference}::uuid and n.channel = ${report.channel}
        and n.status in ('sending', 'unconfirmed')
        and not exists (select 1 from notification_attempt p
          where p.org_id = n.org_id and p.notification_id = n.id
            and (p.provider_message_id is not null or p.status = 'claimed'))
      on conflict do nothing
      returning org_id, notification_id, attempt, provider_message_id)
    select c.org_id, c.notification_id, c.attempt, c.provider_message_id,
      n.id, n.template, n.channel, n.idempotency_key
    from claimed c join notification n on n.org_id = c.org_id and n.id = c.notification_id`.execute(ctx.db);
  return rows[0];
}

/**
 * The attempts a report's scope reaches (`a`: the attempt, `n`: its notification). An account that
 * is an organization's own reaches only that organization's texts; a text from before accounts were
 * recorded (account null) is reached from its organization's URL or the deployment's, as it was then.
 */
function inScope(scope: ReportScope) {
  const parts = [sql`true`];
  if (scope.orgId !== undefined) parts.push(sql`a.org_id = ${scope.orgId}`);
  if (scope.recipient !== undefined) parts.push(sql`n.recipient = ${scope.recipient}`);
  const account = scope.account;
  if (account) {
    const legacy =
      account.orgId === null
        ? sql`a.account is null`
        : sql`a.account is null and a.org_id = ${account.orgId}`;
    const sent =
      account.orgId === null
        ? sql`a.account = ${account.username} and a.account_org_id is null`
        : sql`a.account = ${account.username} and a.account_org_id = ${account.orgId} and a.org_id = ${account.orgId}`;
    parts.push(sql`a.provider = ${account.provider} and ((${sent}) or (${legacy}))`);
  }
  return sql.join(parts, sql` and `);
}

/** The attempt's one conditional move: only forward, and a word on the way only when it is new. */
async function moveAttempt(tx: Ctx, found: Found, report: DeliveryReport): Promise<boolean> {
  const now = tx.clock.now();
  const providerStatus = report.providerStatus?.slice(0, 40) ?? null;
  const from: AttemptStatus[] = report.state === 'accepted' ? ['claimed'] : ['claimed', 'accepted'];
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

/** A message still `sending` or `unconfirmed` (its answer was lost) that the channel says it took. */
async function markReportedSent(tx: Ctx, report: DeliveryReport, found: Found): Promise<void> {
  const settled = await tx.db
    .withTables<NotificationTables>()
    .updateTable('notification')
    .set({
      status: 'sent',
      sent_at: tx.clock.now(),
      provider_message_id: report.providerMessageId,
      last_error: null,
      claimed_at: null,
    })
    .where('id', '=', found.notification_id)
    .where('status', 'in', ['sending', 'unconfirmed'])
    .executeTakeFirst();
  if (settled.numUpdatedRows === 0n) return;
  await recordNotificationEvent(tx, found.notification_id, 'sent', {
    reportedBy: report.channel,
    providerMessageId: report.providerMessageId,
  });
}

async function settleDelivered(tx: Ctx, report: DeliveryReport, found: Found): Promise<void> {
  await recordNotificationEvent(tx, found.notification_id, 'delivered', {
    reportedBy: report.channel,
    ...(report.detail ?? {}),
  });
  await emitNotificationOutcome(tx, found, 'delivered', null);
}

async function settleFailed(tx: Ctx, jobs: JobQueue, report: DeliveryReport, found: Found): Promise<void> {
  const reason = `not_delivered: ${report.reason ?? 'the network gave no reason'}`.slice(0, 1000);
  const updated = await tx.db
    .withTables<NotificationTables>()
    .updateTable('notification')
    .set({ status: 'dead', last_error: reason })
    .where('id', '=', found.notification_id)
    .where('status', 'in', ['sent', 'sending', 'unconfirmed'])
    .returning(ENDED)
    .executeTakeFirst();
  if (!updated) return;
  await recordNotificationEvent(tx, found.notification_id, 'not_delivered', {
    reportedBy: report.channel,
    ...(report.detail ?? {}),
    error: reason,
  });
  await recordSendFailure(tx, jobs, report.channel, { code: 'not_delivered', message: reason });
  await emitNotificationOutcome(tx, updated, 'lost', reason);
}
