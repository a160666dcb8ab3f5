import { sql } from 'kysely';
import type { Ctx } from '../context/index.ts';
import {
  type ChannelName,
  type MessageOutcome,
  type NotificationStatus,
  outcomeOf,
} from './notifications.rules.ts';
import type { NotificationTables } from './notifications.tables.ts';

/**
 * Raised once, in the transaction that records it, when a message reaches its end: the network said
 * it was delivered, or the outbox or the network gave it up. Core first carries out the delivery policy
 * of its template (a lost message's fallback); a module reacts by declaring
 * `hooks.notificationOutcome[template]` (prepaid offers a token elsewhere), never by polling.
 */
export interface NotificationOutcomeEvent {
  notificationId: string;
  template: string;
  channel: ChannelName;
  /** The key it was queued under (a module names its message by it: `prepaid.token-sms:<payment>`). */
  idempotencyKey: string | null;
  outcome: Exclude<MessageOutcome, 'waiting'>;
  /** Why it is lost, in the channel's or the outbox's words. */
  reason: string | null;
  /**
   * The message core queued in its place, in this same transaction, by the fallback its template
   * declares (`DeliveryFallback`); absent when none was queued now (none declared, its channel not
   * configured, `when` said no, or one was queued at an earlier end of this message).
   */
  fallback?: { notificationId: string; channel: ChannelName };
}

declare module '../context/index.ts' {
  interface CoreEvents {
    'notification.outcome': NotificationOutcomeEvent;
  }
}

/** What the event names of a message: the statement that ends it returns these (`returning(ENDED)`). */
export const ENDED = ['id', 'template', 'channel', 'idempotency_key'] as const;
export type EndedMessage = {
  id: string;
  template: string;
  channel: ChannelName;
  idempotency_key: string | null;
};

/** Raises the outcome of a message that just ended, in the caller's transaction. */
export async function emitNotificationOutcome(
  tx: Ctx,
  ended: EndedMessage,
  outcome: NotificationOutcomeEvent['outcome'],
  reason: string | null,
): Promise<void> {
  await tx.events.emit('notification.outcome', tx, {
    notificationId: ended.id,
    template: ended.template,
    channel: ended.channel,
    idempotencyKey: ended.idempotency_key,
    outcome,
    reason,
  });
}

/** The outcomes of these messages of the organization (a screen's counts, a run's progress). */
export async function messageOutcomes(
  ctx: Ctx,
  ids: ReadonlyArray<string>,
): Promise<Map<string, { outcome: MessageOutcome; status: NotificationStatus; attempts: number }>> {
  if (ids.length === 0) return new Map();
  // The network's word is the last attempt the provider took (its report moved it): one truth with
  // the message's own row, whatever the channel.
  const rows = await ctx.db
    .withTables<NotificationTables>()
    .selectFrom('notification as n')
    .select([
      'n.id',
      'n.status',
      'n.attempts',
      sql<string | null>`(select a.status from notification_attempt a
        where a.org_id = n.org_id and a.notification_id = n.id and a.provider_message_id is not null
        order by a.attempt desc limit 1)`.as('network'),
    ])
    .where('n.id', 'in', [...ids])
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      { outcome: outcomeOf(r.status, networkOf(r.network)), status: r.status, attempts: r.attempts },
    ]),
  );
}

const networkOf = (status: string | null) =>
  status === 'delivered' ? 'delivered' : status === 'failed' ? 'failed' : null;
