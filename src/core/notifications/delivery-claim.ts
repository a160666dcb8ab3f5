import { sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { NotificationChannel } from './notification-channel.ts';
import { type ChannelName, type StoredAttachment, staleSendingMs } from './notifications.rules.ts';

/* The claim stage of the outbox: whose turn it is on each recipient's line, taken in batches. */

/** A message the dispatcher claimed (`sending`, under a lease), with what its send needs. */
export interface ClaimedRow {
  org_id: string;
  id: string;
  seq: string;
  channel: ChannelName;
  recipient: string;
  contact_id: string | null;
  template: string;
  data: Record<string, unknown>;
  locale: string;
  subject: string | null;
  body: string;
  html: string | null;
  attachments: StoredAttachment[];
  attempts: number;
  sealed_secrets: string | null;
  secrets_expire_at: Date | null;
  secrets_erased_at: Date | null;
  /** Its organization's settings (`settings.notifications`: attempts, backoff), read in the claim. */
  org_settings: Record<string, unknown> | null;
  /** A chat message as its channel sends it (a bot's reply, a staff message); null on a notification. */
  payload: Record<string, unknown> | null;
  attachment: Buffer | null;
}

/**
 * What a channel's declared rules make of its messages in the claim (`ChannelRule` in
 * outbox-states.ts): its pace, its lease, and whether an expired lease or an unconfirmed message
 * whose report window passed is sent again.
 */
export interface ClaimRule {
  channel: ChannelName;
  paceMs: number;
  leaseMs: number;
  /** A claim whose lease expired (its sender died) is taken again. */
  retake: boolean;
  /** An `unconfirmed` message whose report window passed is sent again. */
  resend: boolean;
}

/**
 * Claims up to `limit` due messages across organizations, in one statement: `queued`/`failed` ones
 * whose `next_attempt_at` came, expired leases and unconfirmed messages whose report window passed
 * where the channel's rule sends them again, and only the oldest unsettled message of a recipient on
 * a channel, once that recipient's pace elapsed. Rows another dispatcher holds are skipped
 * (`for update skip locked`); what is claimed is `sending` with its lease's end as `next_attempt_at`,
 * and an attempt left open by a send that got no answer is closed as never taken (no report came in
 * its window), so the new attempt may claim the provider.
 */
export async function claimDue(
  db: Db,
  now: Date,
  limit: number,
  rules: ReadonlyArray<ClaimRule>,
  options: {
    /** Only this message (`Outbox.sendNow`, `deliverNotification`). */
    only?: string;
    /** Only the next message of this recipient's line (its sender goes on with it, `Outbox.sendNow`). */
    line?: { orgId: string; channel: string; recipient: string };
    /** The sender taking the claim (`outbox_sender`): its claims are settled once it stops. */
    by?: string | null;
  } = {},
): Promise<ClaimedRow[]> {
  const { only, line, by = null } = options;
  if (limit <= 0) return [];
  const { rows } = await sql<ClaimedRow & { was: string; lease_ms: number; urgent: boolean }>`
    with rule as (
      select * from jsonb_to_recordset(${JSON.stringify(rules)}::jsonb)
        as r("channel" text, "paceMs" int, "leaseMs" int, "retake" bool, "resend" bool)
    ), due as (
      select n.org_id, n.id, n.status as was, coalesce(r."leaseMs", ${DEFAULT_LEASE_MS}) as lease_ms
      from notification n
      left join rule r on r.channel = n.channel
      where n.status in ('queued', 'sending', 'unconfirmed') and n.next_attempt_at <= ${now}
        and (${only ?? null}::uuid is null or n.id = ${only ?? null}::uuid)
        and (${line?.orgId ?? null}::uuid is null
          or (n.org_id = ${line?.orgId ?? null}::uuid and n.channel = ${line?.channel ?? null}
            and n.recipient = ${line?.recipient ?? null}))
        and (n.status = 'queued' or (n.status = 'sending' and r.retake)
          or (n.status = 'unconfirmed' and r.resend and not ${resentBefore(sql`n`)}))
        -- the head of its recipient's line: nothing older still waits there. One probe of
        -- notification_pending_idx per row: a NOT EXISTS became a hash anti-join, quadratic in a
        -- line's backlog (6,000 queued to one address: 1.9 s a claim)
        and coalesce((
          select min(p.seq) from notification p
          where p.org_id = n.org_id and p.channel = n.channel and p.recipient = n.recipient
            and p.status in ('queued', 'sending')), n.seq) >= n.seq
        -- a chat message answers the person: it neither waits for the pace nor counts in it
        and (n.payload is not null or not exists (
          select 1 from notification p
          where p.org_id = n.org_id and p.channel = n.channel and p.recipient = n.recipient and p.id <> n.id
            and p.payload is null
            and p.sent_at > ${now}::timestamptz - make_interval(secs => ${paceOf(sql`n`, sql`r`)} / 1000.0)))
      -- someone waits for it now (a token at the meter): before the backlog
      order by n.urgent desc, n.seq
      limit ${limit}
      for update of n skip locked
    ), never_taken as (
      update notification_attempt a set status = 'failed', failure_reason = ${NEVER_TAKEN}
      from due
      where due.was <> 'queued' and a.org_id = due.org_id and a.notification_id = due.id
        and a.status = 'claimed' and a.provider_message_id is null
    )
    update notification n set status = 'sending', claimed_at = ${now}, claimed_by = ${by}::uuid,
      next_attempt_at = ${now}::timestamptz + make_interval(secs => due.lease_ms / 1000.0)
    from due
    where n.org_id = due.org_id and n.id = due.id
    returning n.org_id, n.id, n.seq, n.channel, n.recipient, n.contact_id, n.template, n.data, n.locale,
      n.subject, n.body, n.html, n.attachments, n.attempts, n.sealed_secrets, n.secrets_expire_at,
      n.secrets_erased_at, n.urgent, n.payload, n.attachment, due.was,
      (select o.settings from v_orgs_organization o where o.org_id = n.org_id) as org_settings`.execute(db);
  // Sent in the claim's order (the urgent first): on the embedded database each send's statements
  // queue behind those of the sends started before it.
  const order = (r: { urgent: boolean; seq: string }) => [r.urgent ? 0 : 1, BigInt(r.seq)] as const;
  return rows
    .sort((a, b) => {
      const [x, y] = [order(a), order(b)];
      return x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0);
    })
    .map(({ was: _, lease_ms: __, urgent: ___, ...row }) => row);
}

/** An attempt whose answer was lost and whose channel's report never came in its window. */
export const NEVER_TAKEN = 'no answer and no report in its window: the provider never took it';

/** The lease of a channel no rule names (no sender in this app): its send fails at once anyway. */
const DEFAULT_LEASE_MS = 180_000;

/**
 * A recipient's pace on the message's channel: the organization's `settings.notifications.paceMs`
 * for it when that is a number (0 to 10 minutes), else the channel's own.
 */
function paceOf(n: ReturnType<typeof sql>, r: ReturnType<typeof sql>) {
  return sql<number>`coalesce((
    select least(greatest((o.settings #>> array['notifications', 'paceMs', ${n}.channel])::numeric, 0), 600000)
    from v_orgs_organization o
    where o.org_id = ${n}.org_id
      and jsonb_typeof(o.settings #> array['notifications', 'paceMs', ${n}.channel]) = 'number'),
    ${r}."paceMs", 0)`;
}

/** Whether a message was sent again once already after a lost answer (an unconfirmed send is resent once). */
const resentBefore = (n: ReturnType<typeof sql>) => sql<boolean>`exists (
  select 1 from notification_attempt a
  where a.org_id = ${n}.org_id and a.notification_id = ${n}.id and a.failure_reason = ${NEVER_TAKEN})`;

/**
 * Unconfirmed messages whose report window passed after they were sent once more: their channel's
 * rule gives them up (`recordNeverLeft`).
 */
export async function unreportedResends(
  db: Db,
  now: Date,
  resent: ReadonlyArray<ChannelName>,
): Promise<Array<{ org_id: string; id: string }>> {
  const { rows } = await sql<{ org_id: string; id: string }>`
    select n.org_id, n.id from notification n
    where n.status = 'unconfirmed' and n.next_attempt_at <= ${now} and n.channel = any(${[...resent]}::text[])
      and ${resentBefore(sql`n`)}
    order by n.seq limit 100`.execute(db);
  return rows;
}

/** When the next message comes due (a retry, a report window, a lease), after `now`; null: none. */
export async function nextDueAt(db: Db, now: Date): Promise<Date | null> {
  const { rows } = await sql<{ at: Date | null }>`
    select min(next_attempt_at) as at from notification
    where status in ('queued', 'sending', 'unconfirmed') and next_attempt_at > ${now}
      and next_attempt_at < '9999-01-01'`.execute(db);
  return rows[0]?.at ?? null;
}

/** A claim whose sender is not sending it; `opened`: its request had begun, so it may have reached the person. */
export interface IdleClaim {
  org_id: string;
  id: string;
  channel: ChannelName;
  claimed_at: Date;
  opened: boolean;
}

/**
 * Claims whose sender stopped (its process was killed or lost): not seen within `staleMs`, and not
 * `me`. Found within seconds, not at the end of the claim's lease.
 */
export function stoppedSenderClaims(db: Db, now: Date, me: string, staleMs: number): Promise<IdleClaim[]> {
  return sendingClaims(
    db,
    sql`n.claimed_by <> ${me}::uuid and not exists (
      select 1 from outbox_sender s
      where s.id = n.claimed_by and s.seen_at > ${new Date(now.getTime() - staleMs)})`,
  );
}

/**
 * Claims of the sender `me` that none of its sends is under way for (`busy`: the ids it is sending):
 * a claim whose statement committed while its answer was lost (a failover), or whose send's outcome
 * could not be written. Found on the sender's next heartbeat, not at the end of the claim's lease.
 */
export function idleClaimsOf(db: Db, me: string, busy: ReadonlyArray<string>): Promise<IdleClaim[]> {
  return sendingClaims(db, sql`n.claimed_by = ${me}::uuid and n.id <> all(${[...busy]}::uuid[])`);
}

function sendingClaims(db: Db, whose: ReturnType<typeof sql>): Promise<IdleClaim[]> {
  return sql<IdleClaim>`
    select n.org_id, n.id, n.channel, n.claimed_at, exists (
        select 1 from notification_attempt a
        where a.org_id = n.org_id and a.notification_id = n.id and a.status = 'claimed'
          and a.provider_message_id is null) as opened
    from notification n
    where n.status = 'sending' and n.claimed_by is not null and ${whose}
    order by n.seq limit 100`
    .execute(db)
    .then((r) => r.rows);
}

/** Claims whose lease expired on channels where a repeat is never safe: the sender died mid-send. */
export async function expiredLeases(
  db: Db,
  now: Date,
  retaken: ReadonlyArray<ChannelName>,
): Promise<Array<{ org_id: string; id: string }>> {
  const { rows } = await sql<{ org_id: string; id: string }>`
    select org_id, id from notification
    where status = 'sending' and next_attempt_at <= ${now} and channel <> all(${[...retaken]}::text[])
    order by seq limit 100`.execute(db);
  return rows;
}

/** What a channel's declared rule makes of its messages in the claim (see `NotificationChannel.ambiguousSends`). */
export function claimRuleOf(channel: NotificationChannel, sendTimeoutMs: number): ClaimRule {
  const ambiguous = channel.ambiguousSends;
  const retake = ambiguous === 'resend' || (typeof ambiguous === 'object' && ambiguous.cutOff !== 'keep');
  const awaitReportMs = typeof ambiguous === 'object' && retake ? ambiguous.awaitReportMs : 0;
  return {
    channel: channel.name,
    paceMs: channel.pace.perRecipientMs,
    // A claim outlives the longest send, and (taken again) the report that would settle a send cut off.
    leaseMs: staleSendingMs(sendTimeoutMs, awaitReportMs),
    retake,
    resend: typeof ambiguous === 'object',
  };
}
