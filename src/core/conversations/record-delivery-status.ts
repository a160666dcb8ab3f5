import { sql } from '../../platform/db/index.ts';
import type { Ctx } from '../context/index.ts';
import type { ConversationsTables, OutboundStatus } from './conversations.tables.ts';

const RANK: Record<OutboundStatus, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

/**
 * Applies a channel's delivery report to the outbound message it names. Reports arrive out of order
 * (Meta may skip "delivered"), so a status never moves backwards. Returns false for unknown ids.
 */
export async function recordDeliveryStatus(
  ctx: Ctx,
  report: {
    channel: string;
    channelMessageId: string;
    status: Exclude<OutboundStatus, 'queued'>;
    at?: Date;
    error?: unknown;
  },
): Promise<boolean> {
  const lower = Object.entries(RANK)
    .filter(([, rank]) => rank < RANK[report.status])
    .map(([status]) => status as OutboundStatus);
  const result = await ctx.db
    .withTables<ConversationsTables>()
    .updateTable('conversation_message')
    .set({
      status: report.status,
      status_at: report.at ?? ctx.clock.now(),
      ...(report.error ? { error: JSON.stringify(report.error) } : {}),
    })
    .where('direction', '=', 'out')
    .where('channel', '=', report.channel)
    .where('channel_message_id', '=', report.channelMessageId)
    .where('status', 'in', lower)
    .executeTakeFirst();
  if (result.numUpdatedRows > 0n) return true;
  const known = await ctx.db
    .withTables<ConversationsTables>()
    .selectFrom('conversation_message')
    .select(sql<number>`1`.as('one'))
    .where('direction', '=', 'out')
    .where('channel', '=', report.channel)
    .where('channel_message_id', '=', report.channelMessageId)
    .executeTakeFirst();
  return known !== undefined;
}
