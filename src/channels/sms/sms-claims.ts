import { sql } from 'kysely';
import type { Ctx } from '../../core/context/index.ts';
import type { SmsSegments } from '../../core/notifications/index.ts';
import type { SmsAccountScope } from './sms.accounts.ts';
import type { SmsAccepted } from './sms.provider.ts';
import type { SmsStatus, SmsTables } from './sms.tables.ts';

/*
 * Our own claim on a send, written before the provider is called (Africa's Talking takes no
 * idempotency key): a second attempt at the same message finds it and learns what the first one did.
 */

export type ClaimResult =
  | { kind: 'claimed' }
  /** Sent before: the provider's id, to record the message as sent without sending it again. */
  | { kind: 'sent'; providerMessageId: string }
  /** Claimed by an attempt whose answer never came (a crash, a cut connection): it may have reached the phone. */
  | { kind: 'unknown' };

/** Claims the send of `notificationId` in one statement; a refused earlier attempt may be claimed again. */
export async function claimSms(
  ctx: Ctx,
  m: {
    notificationId: string;
    /** The account it goes through: a report settles it only from that account's callback URL. */
    account: SmsAccountScope;
    recipient: string;
    senderId: string | null;
    fit: SmsSegments;
  },
): Promise<ClaimResult> {
  const now = ctx.clock.now();
  const { rows } = await sql<{ status: SmsStatus }>`
    insert into sms_message as s (org_id, notification_id, provider, account, account_org_id, recipient,
      sender_id, encoding, segments, status, claimed_at)
    values (${ctx.orgId}, ${m.notificationId}, ${m.account.provider}, ${m.account.username},
      ${m.account.orgId}, ${m.recipient}, ${m.senderId}, ${m.fit.encoding}, ${Math.min(m.fit.segments, 20)},
      'claimed', ${now})
    on conflict (org_id, notification_id) do update set
      status = 'claimed', claimed_at = excluded.claimed_at, failure_reason = null, provider_status = null,
      provider = excluded.provider, account = excluded.account, account_org_id = excluded.account_org_id,
      sender_id = excluded.sender_id,
      encoding = excluded.encoding, segments = excluded.segments
      -- only a send the provider refused (nothing left) is claimed again
      where s.status = 'failed' and s.provider_message_id is null
    returning s.status`.execute(ctx.db);
  if (rows[0]) return { kind: 'claimed' };
  const prior = await ctx.db
    .withTables<SmsTables>()
    .selectFrom('sms_message')
    .select(['status', 'provider_message_id'])
    .where('notification_id', '=', m.notificationId)
    .executeTakeFirst();
  if (prior?.provider_message_id) return { kind: 'sent', providerMessageId: prior.provider_message_id };
  return { kind: 'unknown' };
}

/** The provider took it: its id and cost, after the call. */
export async function recordAccepted(ctx: Ctx, notificationId: string, accepted: SmsAccepted): Promise<void> {
  await ctx.db
    .withTables<SmsTables>()
    .updateTable('sms_message')
    .set({
      status: 'accepted',
      provider_message_id: accepted.providerMessageId,
      provider_status: accepted.providerStatus.slice(0, 40),
      cost_text: accepted.cost?.text.slice(0, 40) ?? null,
      cost_minor: accepted.cost?.minor ?? null,
      cost_currency: accepted.cost?.currency ?? null,
      accepted_at: ctx.clock.now(),
    })
    .where('notification_id', '=', notificationId)
    .where('status', '=', 'claimed')
    .execute();
}

/** The provider refused it: nothing left, a later attempt may claim it again. */
export async function recordRefused(ctx: Ctx, notificationId: string, reason: string): Promise<void> {
  await ctx.db
    .withTables<SmsTables>()
    .updateTable('sms_message')
    .set({ status: 'failed', failure_reason: reason.slice(0, 500) })
    .where('notification_id', '=', notificationId)
    .where('status', '=', 'claimed')
    .where('provider_message_id', 'is', null)
    .execute();
}
