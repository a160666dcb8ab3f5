import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../context/index.ts';
import type { AttemptClaim, AttemptClaimResult, ChannelSent } from './notification-channel.ts';
import type { ChannelName } from './notifications.rules.ts';

/*
 * The attempts of a notification (`notification_attempt`, issue 64): one row per send, any channel,
 * with the provider's id, the account it went through, an SMS's parts and cost, and the network's
 * word. Written by the outbox only: a channel claims through `claimAttempt` (given to its send) and
 * returns what the provider answered; the outbox records it with the send's outcome.
 */

type Attempted = { id: string; channel: ChannelName };

/** The next attempt's number: attempts go on counting across replays. */
const nextAttempt = (ctx: Ctx, id: string) =>
  sql`coalesce((select max(p.attempt) from notification_attempt p
    where p.org_id = ${ctx.orgId} and p.notification_id = ${id}), 0) + 1`;

/**
 * Claims an attempt in one statement, before the provider is called: taken unless an earlier attempt
 * may have reached the person (only a refused one, with nothing left, leaves room for another).
 */
export async function claimAttempt(
  ctx: Ctx,
  message: Attempted,
  claim: AttemptClaim,
): Promise<AttemptClaimResult> {
  const now = ctx.clock.now();
  const { rows } = await sql<{ attempt: number }>`
    insert into notification_attempt (org_id, notification_id, attempt, channel, provider, account,
      account_org_id, sender_id, encoding, segments, status, claimed_at)
    select ${ctx.orgId}, ${message.id}, ${nextAttempt(ctx, message.id)}, ${message.channel}, ${claim.provider},
      ${claim.account}, ${claim.accountOrgId}, ${claim.senderId}, ${claim.encoding ?? null},
      ${claim.segments === undefined ? null : Math.min(Math.max(claim.segments, 1), 20)}, 'claimed', ${now}
    where not exists (
      select 1 from notification_attempt p
      where p.org_id = ${ctx.orgId} and p.notification_id = ${message.id}
        and not (p.status = 'failed' and p.provider_message_id is null))
    on conflict do nothing
    returning attempt`.execute(ctx.db);
  if (rows[0]) return { kind: 'claimed' };
  const { rows: prior } = await sql<{ provider_message_id: string }>`
    select provider_message_id from notification_attempt
    where org_id = ${ctx.orgId} and notification_id = ${message.id} and provider_message_id is not null
    order by attempt desc limit 1`.execute(ctx.db);
  return prior[0] ? { kind: 'sent', providerMessageId: prior[0].provider_message_id } : { kind: 'unknown' };
}

/**
 * The provider took it: the claimed attempt takes its id and answer, or (a channel that claims
 * nothing) a new attempt is recorded. Two CTEs (`attempt_claimed`, `attempt_recorded`) for the
 * statement that records the send (`markSent`): the attempt and its message are one write.
 */
export function attemptSentCtes(ctx: Ctx, message: Attempted, sent: ChannelSent): RawBuilder<unknown> {
  const now = ctx.clock.now();
  const providerStatus = sent.accepted?.providerStatus?.slice(0, 40) ?? null;
  const cost = sent.accepted?.cost ?? null;
  const id = sent.providerMessageId;
  return sql`
    attempt_claimed as (
      update notification_attempt set status = 'accepted', provider_message_id = ${id},
        provider_status = ${providerStatus}, cost_text = ${cost?.text.slice(0, 40) ?? null},
        cost_minor = ${cost?.minor ?? null}, cost_currency = ${cost?.currency ?? null}, accepted_at = ${now}
      where org_id = ${ctx.orgId} and notification_id = ${message.id}
        and status = 'claimed' and provider_message_id is null
      returning attempt
    ), attempt_recorded as (
      insert into notification_attempt (org_id, notification_id, attempt, channel, status, provider_message_id,
        provider_status, claimed_at, accepted_at)
      select ${ctx.orgId}, ${message.id}, ${nextAttempt(ctx, message.id)}, ${message.channel}, 'accepted', ${id},
        ${providerStatus}, ${now}, ${now}
      where not exists (select 1 from attempt_claimed)
        -- sent before (a claim that found the earlier attempt's id): that attempt is the one
        and not exists (select 1 from notification_attempt p
          where p.org_id = ${ctx.orgId} and p.notification_id = ${message.id} and p.provider_message_id = ${id})
      on conflict do nothing
      returning attempt
    )`;
}

/**
 * An attempt that did not go out. A claimed one is failed only when the provider refused it
 * (`nothingSent`); otherwise its claim stands (it may have reached the person). A channel that
 * claims nothing gets the failed attempt recorded.
 */
export async function recordAttemptFailed(
  tx: Ctx,
  message: Attempted,
  failed: { reason: string; nothingSent: boolean },
): Promise<void> {
  const now = tx.clock.now();
  const reason = failed.reason.slice(0, 500);
  await sql`
    with refused as (
      update notification_attempt set status = 'failed', failure_reason = ${reason}
      where org_id = ${tx.orgId} and notification_id = ${message.id}
        and status = 'claimed' and provider_message_id is null and ${failed.nothingSent}
      returning attempt)
    insert into notification_attempt (org_id, notification_id, attempt, channel, status, failure_reason,
      claimed_at)
    select ${tx.orgId}, ${message.id}, ${nextAttempt(tx, message.id)}, ${message.channel}, 'failed', ${reason}, ${now}
    where not exists (select 1 from refused)
      and not exists (select 1 from notification_attempt p
        where p.org_id = ${tx.orgId} and p.notification_id = ${message.id}
          and p.status = 'claimed' and p.provider_message_id is null)
    on conflict do nothing`.execute(tx.db);
}

/**
 * A send that may have reached the person: its attempt is left claimed without the provider's id
 * (an SMS's own claim, or one recorded now), so a report echoing our id can still complete it.
 */
export async function recordAttemptUnconfirmed(tx: Ctx, message: Attempted): Promise<void> {
  await sql`
    insert into notification_attempt (org_id, notification_id, attempt, channel, status, claimed_at)
    select ${tx.orgId}, ${message.id}, ${nextAttempt(tx, message.id)}, ${message.channel}, 'claimed',
      ${tx.clock.now()}
    where not exists (select 1 from notification_attempt p
      where p.org_id = ${tx.orgId} and p.notification_id = ${message.id}
        and p.status = 'claimed' and p.provider_message_id is null)
      -- a report that overtook the send's answer has already recorded it sent
      and exists (select 1 from notification n
        where n.org_id = ${tx.orgId} and n.id = ${message.id} and n.status = 'sending')
    on conflict do nothing`.execute(tx.db);
}
