import type { Ctx } from '../context/index.ts';
import { answerWaitingMessages } from './answer-waiting-messages.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import type { ConversationsTables } from './conversations.tables.ts';
import type { Output, StoredInput } from './flow.types.ts';
import { type HistoryTables, outboundMessages, outboxRowsTo } from './outbound-history.ts';
import { storeInbound } from './receive-inbound.ts';

/**
 * Runs one message of a session channel through the engine inline (USSD, issue 52): the gateway waits
 * on the HTTP request for the screen, so the step runs in the request, after the person's earlier
 * messages in this process, as the simulator does; stored history, states, languages and flows are
 * the chat channels'. Answers the replies' outputs and the state the conversation is left in. A
 * repeated delivery (same channel message id: a gateway retrying a screen) runs nothing and answers
 * the replies the first one got. A screen the step answered is built from the step's own outputs,
 * without reading them back.
 */
export async function answerInline(
  ctx: Ctx,
  runtime: ConversationsRuntime,
  message: {
    channel: string;
    externalId: string;
    channelMessageId: string;
    /**
     * The input, or how to read it from the state the conversation is in (a numbered menu's digit)
     * and the language the person chose there (null: none yet).
     */
    input: StoredInput | ((state: string | null, language: string | null) => StoredInput);
    raw: unknown;
  },
): Promise<{ replies: Output[]; state: string | null; language: string }> {
  return runtime.oneAtATime(`${ctx.orgId}:${message.channel}:${message.externalId}`, async () => {
    const db = ctx.db.withTables<ConversationsTables>();
    let input = message.input;
    if (typeof input === 'function') {
      const before = await db
        .selectFrom('conversation')
        .select(['state', 'language'])
        .where('channel', '=', message.channel)
        .where('external_id', '=', message.externalId)
        .executeTakeFirst();
      input = input(before?.state ?? null, before?.language ?? null);
    }
    const stored = await storeInbound(ctx, { ...message, input }, runtime.groupCommit);
    const run = stored.waiting ? await answerWaitingMessages(ctx, runtime, stored.conversationId) : undefined;
    // The step's own answer, as it gave it: nothing is read back from the store.
    if (run?.answered)
      return { replies: run.answered.outputs, state: run.answered.state, language: run.answered.language };
    // A repeated screen (the gateway retrying) answers what the first one got, from the history.
    const ids = run ? run.replies : await repliesTo(ctx, stored.conversationId, message);
    const [rows, conversation] = await Promise.all([
      ids.length === 0
        ? Promise.resolve([])
        : outboundMessages(ctx.db.withTables<HistoryTables>(), message)
            .where('n.id', 'in', ids)
            .orderBy('n.seq')
            .execute(),
      db
        .selectFrom('conversation')
        .select(['state', 'language'])
        .where('id', '=', stored.conversationId)
        .executeTakeFirst(),
    ]);
    return {
      replies: rows.map((r) => r.payload as Output),
      state: conversation?.state ?? null,
      language: conversation?.language ?? 'en',
    };
  });
}

/**
 * The replies recorded after an inbound message and before the next one: what answered it. Replies
 * are the outbox's rows to the person (notification ids); one sequence numbers both tables.
 */
async function repliesTo(
  ctx: Ctx,
  conversationId: string,
  message: { channel: string; externalId: string; channelMessageId: string },
): Promise<string[]> {
  const db = ctx.db.withTables<HistoryTables>();
  const inbound = await db
    .selectFrom('conversation_message')
    .select('seq')
    .where('conversation_id', '=', conversationId)
    .where('channel_message_id', '=', message.channelMessageId)
    .executeTakeFirst();
  if (!inbound) return [];
  const next = await db
    .selectFrom('conversation_message')
    .select('seq')
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', inbound.seq)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  const rows = await outboxRowsTo(db, message)
    .select('n.id')
    .where('n.seq', '>', inbound.seq)
    .$if(next !== undefined, (q) => q.where('n.seq', '<', next!.seq))
    .orderBy('n.seq')
    .execute();
  return rows.map((r) => r.id);
}
