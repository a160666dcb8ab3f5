import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import type { Ctx } from '../context/index.ts';
import type { EndedMessage } from './message-outcome.ts';
import { type ChannelName, UNANSWERED_STATUSES } from './notifications.rules.ts';
import type { AttemptStatus } from './notifications.tables.ts';

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
  /** The person's phone got it, or they read it (WhatsApp's ticks): kept on the message, only forward. */
  reached?: 'delivered' | 'read';
  scope: ReportScope;
  /** How long to wait for a send to the recipient still being answered (the report overtook it). */
  awaitSendMs?: number;
  /** Kept on the message's event. */
  detail?: Record<string, unknown>;
}

/** The attempt a report names, with its notification. */
export type ReportedAttempt = EndedMessage & {
  org_id: string;
  notification_id: string;
  attempt: number;
  provider_message_id: string | null;
  /** As the lookup read it: it only moves forward after. */
  attempt_status: AttemptStatus;
};

/**
 * A report's one lookup, run before and outside the transaction that settles it: it may wait up to
 * `awaitSendMs`, and its claim of a send in flight stands alone (the same report again finds it).
 */
export async function findReportedAttempt(
  deps: DeliveryReportDeps,
  report: DeliveryReport,
): Promise<ReportedAttempt | undefined> {
  // The send's own answer may be recorded between the lookup and the claim: then it is looked up again.
  return (
    (await attemptReported(deps.db, report)) ??
    (await sendInFlight(deps, report)) ??
    (report.reference ? await attemptReported(deps.db, report) : undefined)
  );
}

/**
 * The attempt a report names, with its notification, in one statement. A report can overtake the
 * send's own answer (the provider reports at once, our write of its id comes a moment later): while a
 * send to that recipient is still claimed without an id, the lookup is tried again for up to
 * `awaitSendMs`.
 */
async function attemptReported(db: Db, report: DeliveryReport): Promise<ReportedAttempt | undefined> {
  const reference =
    report.reference && z.uuid().safeParse(report.reference).success ? report.reference : null;
  const deadline = Date.now() + (report.awaitSendMs ?? 0);
  for (;;) {
    // The attempt, and whether a send in scope still awaits its answer, in one snapshot: a send that
    // records its answer between two statements would otherwise be neither found nor awaited.
    const { rows } = await sql<ReportedAttempt & { in_flight: boolean }>`
      with found as (
        select a.org_id, a.notification_id, a.attempt, a.provider_message_id, a.status as attempt_status,
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
async function unansweredSendTo(db: Db, report: DeliveryReport): Promise<ReportedAttempt | undefined> {
  if (report.scope.recipient === undefined) return undefined;
  const { rows } = await sql<ReportedAttempt>`
    select a.org_id, a.notification_id, a.attempt, a.provider_message_id, a.status as attempt_status,
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
 * message and the late answer finds it sent; only a message whose send is unanswered, with no attempt
 * the provider took, is reached this way.
 */
async function sendInFlight(
  deps: DeliveryReportDeps,
  report: DeliveryReport,
): Promise<ReportedAttempt | undefined> {
  const reference =
    report.reference && z.uuid().safeParse(report.reference).success ? report.reference : null;
  if (reference === null || report.scope.orgId === undefined) return undefined;
  const ctx = deps.ctxOf(report.scope.orgId);
  const { rows } = await sql<ReportedAttempt>`
    with claimed as (
      insert into notification_attempt (org_id, notification_id, attempt, channel, status, claimed_at)
      select n.org_id, n.id, coalesce((select max(p.attempt) from notification_attempt p
          where p.org_id = n.org_id and p.notification_id = n.id), 0) + 1, n.channel, 'claimed', ${ctx.clock.now()}
      from notification n
      where n.org_id = ${report.scope.orgId} and n.id = ${reference}::uuid and n.channel = ${report.channel}
        and n.status = any(${[...UNANSWERED_STATUSES]}::text[])
        and not exists (select 1 from notification_attempt p
          where p.org_id = n.org_id and p.notification_id = n.id
            and (p.provider_message_id is not null or p.status = 'claimed'))
      on conflict do nothing
      returning org_id, notification_id, attempt, provider_message_id, status)
    select c.org_id, c.notification_id, c.attempt, c.provider_message_id, c.status as attempt_status,
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
