import { z } from 'zod';
import { sql } from '../../platform/db/index.ts';
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
const isUuid = (id: string) => z.uuid().safeParse(id).success;

/**
 * Applies a channel's delivery report to the outbound message it names. Reports arrive out of order
 * (Meta may skip "delivered"), so a status never moves backwards. A report that names a message by
 * the channel's id we never recorded (the sender stopped before it could) finds it by `reference`,
 * our id the send carried, and records the channel's id with it. Returns false for unknown ids.
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
): Promise<boolean> {
  const db = ctx.db.withTables<ConversationsTables>();
  const lower = Object.entries(RANK)
    .filter(([, rank]) => rank < RANK[report.status])
    .map(([status]) => status as OutboundStatus);
  // A reply that reached the channel keeps no error of an earlier attempt (the timeout that left it
  // unconfirmed); a failure keeps the channel's.
  const changes = {
    status: report.status,
    status_at: report.at ?? ctx.clock.now(),
    error: report.error ? JSON.stringify(report.error) : null,
  };
  const byChannelId = await db
    .updateTable('conversation_message')
    .set(changes)
    .where('direction', '=', 'out')
    .where('channel', '=', report.channel)
    .where('channel_message_id', '=', report.channelMessageId)
    .where('status', 'in', lower)
    .executeTakeFirst();
  if (byChannelId.numUpdatedRows > 0n) return true;
  if (report.reference && isUuid(report.reference)) {
    const byReference = await db
      .updateTable('conversation_message')
      .set({ ...changes, channel_message_id: report.channelMessageId })
      .where('id', '=', report.reference)
      .where('direction', '=', 'out')
      .where('channel', '=', report.channel)
      .where('channel_message_id', 'is', null)
      .where('status', 'in', lower)
      .executeTakeFirst();
    if (byReference.numUpdatedRows > 0n) return true;
  }
  const known = await db
    .selectFrom('conversation_message')
    .select(sql<number>`1`.as('one'))
    .where('direction', '=', 'out')
    .where('channel', '=', report.channel)
    .where('channel_message_id', '=', report.channelMessageId)
    .executeTakeFirst();
  return known !== undefined;
}
