import { type RawBuilder, sql } from 'kysely';
import type { Ctx } from '../context/index.ts';
import type { NotificationTables } from './notifications.tables.ts';

/*
 * A chat's outgoing messages are outbox rows (issue 75): a bot's reply (`chat.reply`) and a staff
 * member's message (`chat.staff`), with the chat's output (`payload`) and its file. The conversation
 * engine writes them through these, the outbox's own writes.
 */

/** The template of a bot's reply, and of a staff member's message in a chat. */
export const CHAT_REPLY = 'chat.reply';
export const CHAT_STAFF = 'chat.staff';

/**
 * The insert of a chat step's replies, as a fragment of the step's own statement: `source` yields
 * `org_id, id, channel, recipient, locale, body, payload, attachment, sent, now, n`, and each row
 * takes its place in the person's order by `n`. `sent`: the channel answered inline (the reply left
 * with the answer to the request), else `queued` and urgent (the person waits for it).
 */
export function chatRepliesInsertSql(source: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    insert into notification (org_id, id, channel, recipient, template, data, locale, subject, body, attachments,
      status, next_attempt_at, urgent, created_at, sent_at, payload, attachment, sent_by)
    select s.org_id, s.id, s.channel, s.recipient, ${CHAT_REPLY}, '{}', s.locale, null, s.body, '[]',
      case when s.sent then 'sent' else 'queued' end, s.now, true, s.now, case when s.sent then s.now end,
      s.payload, s.attachment, 'bot'
    from (${source}) s
    -- in reply order, so each takes its seq (the order they are sent and shown in) in turn
    order by s.n`;
}

/**
 * Stores a staff member's message to a person in a chat, in the caller's transaction: `queued` and
 * urgent, or `sent` on a channel that answers inline (the console's simulator). Answers its id.
 */
export async function queueChatMessage(
  ctx: Ctx,
  message: {
    channel: string;
    to: string;
    locale: string;
    body: string;
    payload: Record<string, unknown>;
    attachment: Buffer | null;
    sentBy: string;
    sentOnCommit: boolean;
  },
): Promise<string> {
  const now = ctx.clock.now();
  const { rows } = await sql<{ id: string }>`
    insert into notification (org_id, channel, recipient, template, data, locale, subject, body, attachments,
      status, next_attempt_at, urgent, created_at, sent_at, payload, attachment, sent_by)
    values (${ctx.orgId}, ${message.channel}, ${message.to}, ${CHAT_STAFF}, '{}', ${message.locale}, null,
      ${message.body.slice(0, 8000)}, '[]', ${message.sentOnCommit ? 'sent' : 'queued'}, ${now}, true, ${now},
      ${message.sentOnCommit ? now : null}, ${JSON.stringify(message.payload)}::jsonb, ${message.attachment},
      ${message.sentBy})
    returning id`.execute(ctx.db);
  return rows[0]!.id;
}

/** Rewrites a sent chat message as the channel now shows it (a card whose decision was taken). */
export async function rewriteChatMessage(ctx: Ctx, id: string, payload: Record<string, unknown>) {
  await ctx.db
    .withTables<NotificationTables>()
    .updateTable('notification')
    .set({ payload: JSON.stringify(payload) })
    .where('id', '=', id)
    .where('payload', 'is not', null)
    .execute();
}
