import { sql } from 'kysely';
import { type Ctx, inTransaction } from '../context/index.ts';
import { recordNotificationEvent } from './notification-events.ts';
import type {
  ChannelName,
  NotificationStatus,
  StoredAttachment,
  UnclaimedFacts,
} from './notifications.rules.ts';
import type { NotificationTables } from './notifications.tables.ts';

/* The claim stage of a delivery: whose turn it is on a recipient's line, taken atomically. */

export interface ClaimedRow {
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
}

type OrgSettings = Record<string, unknown>;

/** A message's channel, and its organization's settings (their delivery settings). */
export async function channelOf(
  ctx: Ctx,
  id: string,
): Promise<{ channel: ChannelName; orgSettings: OrgSettings } | undefined> {
  // The organization's settings (its delivery settings) in the same statement: one read, not two,
  // for every attempt (issue 64).
  const row = await ctx.db
    .withTables<NotificationTables>()
    .selectFrom('notification')
    .select([
      'channel',
      sql<OrgSettings | null>`(select settings from v_orgs_organization o where o.org_id = notification.org_id)`.as(
        'org_settings',
      ),
    ])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { channel: row.channel, orgSettings: row.org_settings ?? {} } : undefined;
}

/** The check and the claim in one statement, so two workers never send one message, or one line out of order. */
export async function claim(
  ctx: Ctx,
  id: string,
  now: Date,
  paceMs: number,
  /** `staleMs`: how old a claim is that a dead worker left (`staleSendingMs`). */
  retake: { retakeStale: boolean; resendUnconfirmed: boolean; staleMs: number },
): Promise<ClaimedRow | undefined> {
  const staleBefore = new Date(now.getTime() - retake.staleMs);
  const paceSince = new Date(now.getTime() - paceMs);
  const { rows } = await sql<ClaimedRow>`
    update notification n set status = 'sending', claimed_at = ${now}
    where n.org_id = ${ctx.orgId} and n.id = ${id}
      and (n.status in ('queued', 'failed')
        or (${retake.retakeStale} and n.status = 'sending' and n.claimed_at < ${staleBefore})
        or (${retake.resendUnconfirmed} and n.status = 'unconfirmed'))
      and n.next_attempt_at <= ${now}
      and not exists (
        select 1 from notification p
        where p.org_id = n.org_id and p.channel = n.channel and p.recipient = n.recipient
          and p.seq < n.seq and p.status in ('queued', 'sending', 'failed'))
      and not exists (
        select 1 from notification p
        where p.org_id = n.org_id and p.channel = n.channel and p.recipient = n.recipient
          and p.id <> n.id and p.sent_at > ${paceSince})
    returning n.id, n.seq, n.channel, n.recipient, n.contact_id, n.template, n.data, n.locale, n.subject, n.body,
      n.html, n.attachments, n.attempts, n.sealed_secrets, n.secrets_expire_at, n.secrets_erased_at`.execute(
    ctx.db,
  );
  return rows[0];
}

export async function unclaimedFacts(ctx: Ctx, id: string): Promise<UnclaimedFacts | undefined> {
  const { rows } = await sql<{
    status: NotificationStatus;
    next_attempt_at: Date;
    claimed_at: Date | null;
    blocker_next_attempt_at: Date | null;
    last_sent_at: Date | null;
  }>`
    select n.status, n.next_attempt_at, n.claimed_at,
      (select p.next_attempt_at from notification p
        where p.org_id = n.org_id and p.channel = n.channel and p.recipient = n.recipient
          and p.seq < n.seq and p.status in ('queued', 'sending', 'failed')
        order by p.seq limit 1) as blocker_next_attempt_at,
      (select max(p.sent_at) from notification p
        where p.org_id = n.org_id and p.channel = n.channel and p.recipient = n.recipient
          and p.id <> n.id) as last_sent_at
    from notification n where n.org_id = ${ctx.orgId} and n.id = ${id}`.execute(ctx.db);
  const r = rows[0];
  if (!r) return undefined;
  return {
    status: r.status,
    nextAttemptAt: r.next_attempt_at,
    claimedAt: r.claimed_at,
    blockedBy: r.blocker_next_attempt_at ? { nextAttemptAt: r.blocker_next_attempt_at } : null,
    lastSentAt: r.last_sent_at,
  };
}

/**
 * A message left `sending` past staleness on a channel where a repeat is never safe (no report, no
 * deduplication): the worker that claimed it died mid-send, and it may have reached the person. It
 * becomes `unconfirmed` instead of being sent again. Answers whether it did.
 */
export async function unconfirmStale(
  ctx: Ctx,
  id: string,
  facts: UnclaimedFacts | undefined,
  now: Date,
  staleMs: number,
): Promise<boolean> {
  if (facts?.status !== 'sending' || !facts.claimedAt) return false;
  if (facts.claimedAt.getTime() + staleMs > now.getTime()) return false;
  return inTransaction(ctx, async (tx) => {
    const updated = await tx.db
      .withTables<NotificationTables>()
      .updateTable('notification')
      .set({ status: 'unconfirmed', last_error: 'cut off mid-send: it may have reached the person' })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .where('claimed_at', '=', facts.claimedAt)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) return false;
    await recordNotificationEvent(tx, id, 'unconfirmed', { cutOffMidSend: true, resent: false });
    return true;
  });
}
