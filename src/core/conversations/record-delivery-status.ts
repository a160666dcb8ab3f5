import { sql } from '../../platform/db/index.ts';
import { isUuid } from '../../platform/ids/index.ts';
import type { Ctx } from '../context/index.ts';
import type { ConversationsTables, OutboundStatus } from './conversations.tables.ts';

const RANK: Record<OutboundStatus, number> = {
  queued: 0,
  sending: 0,
  unconfirmed: 0,
  // Not sent again, but the first attempt may still be reported: it did reach the channel then.
  superseded: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  failed: 4,
};

/** What a delivery report did to the outbound message it names. */
export interface DeliveryStatusRecorded {
  /** Whether any outbound message bears the channel's id (or the reference) at all. */
  known: boolean;
  /**
   * The final turn this report gave the message, once: `delivered` the first time it reached the
   * person (a `read` that overtook its `delivered` counts), `failed` when the channel gave it up.
   */
  reached: 'delivered' | 'failed' | null;
  /** The outbox notification the message carried, if one sent it (its `payload.notification`). */
  notificationId: string | null;
}

const below = (status: OutboundStatus) =>
  Object.entries(RANK)
    .filter(([, rank]) => rank < RANK[status])
    .map(([s]) => s as OutboundStatus);

/**
 * Applies a channel's delivery report to the outbound message it names. Reports arrive out of order
 * (Meta may skip "delivered"), so a status never moves backwards. A report that names a message by
 * the channel's id we never recorded (the sender stopped before it could) finds it by `reference`,
 * our id the send carried, and records the channel's id with it.
 */
export async function recordDeliveryStatus(
  ctx: Ctx,
  report: {
    channel: string;
    channelMessageId: string;
    status: Exclude<OutboundStatus, 'queued' | 'sending' | 'unconfirmed' | 'superseded'>;
    at?: Date;
    error?: unknown;
    reference?: string;
  },
): Promise<DeliveryStatusRecorded> {
  const db = ctx.db.withTables<ConversationsTables>();
  // A reply that reached the channel keeps no error of an earlier attempt (the timeout that left it
  // unconfirmed); a failure keeps the channel's.
  const changes = {
    status: report.status,
    status_at: report.at ?? ctx.clock.now(),
    error: report.error ? JSON.stringify(report.error) : null,
  };
  const move = (from: ReadonlyArray<OutboundStatus>, byReference: boolean) => {
    let q = db
      .updateTable('conversation_message')
      .set(byReference ? { ...changes, channel_message_id: report.channelMessageId } : changes)
      .where('direction', '=', 'out')
      .where('channel', '=', report.channel)
      .where('status', 'in', from);
    q = byReference
      ? q.where('id', '=', report.reference!).where('channel_message_id', 'is', null)
      : q.where('channel_message_id', '=', report.channelMessageId);
    return q.returning(sql<string | null>`payload->>'notification'`.as('notification')).executeTakeFirst();
  };
  const turn = (moved: { notification: string | null }, firstReach: boolean): DeliveryStatusRecorded => ({
    known: true,
    reached: report.status === 'failed' ? 'failed' : firstReach ? 'delivered' : null,
    notificationId: moved.notification,
  });
  const ways = [false, ...(report.reference && isUuid(report.reference) ? [true] : [])];
  for (const byReference of ways) {
    // A `read` is a first reach only from below `delivered`: tried from there first.
    if (report.status === 'read') {
      const reached = await move(below('delivered'), byReference);
      if (reached) return turn(reached, true);
    }
    const moved = await move(below(report.status), byReference);
    if (moved) return turn(moved, report.status === 'delivered');
  }
  const known = await db
    .selectFrom('conversation_message')
    .select(sql<number>`1`.as('one'))
    .where('direction', '=', 'out')
    .where('channel', '=', report.channel)
    .where('channel_message_id', '=', report.channelMessageId)
    .executeTakeFirst();
  return { known: known !== undefined, reached: null, notificationId: null };
}
