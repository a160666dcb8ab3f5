import { recordAudit } from '../audit/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { type ConversationView, toConversationView } from './conversation-view.ts';
import { ConversationsErrors } from './conversations.errors.ts';
import type { ConversationsTables } from './conversations.tables.ts';

/**
 * Staff take over one conversation: from now on its messages are stored but the bot does not
 * answer. Bumps the version, so a step already running for it does not commit and re-runs as held.
 */
export async function pauseConversation(ctx: Ctx, id: string): Promise<ConversationView> {
  return setPaused(ctx, id, true);
}

/** Gives the conversation back to the bot; messages held meanwhile stay unanswered. */
export async function releaseConversation(ctx: Ctx, id: string): Promise<ConversationView> {
  return setPaused(ctx, id, false);
}

async function setPaused(ctx: Ctx, id: string, paused: boolean): Promise<ConversationView> {
  return inTransaction(ctx, async (tx) => {
    const db = tx.db.withTables<ConversationsTables>();
    const before = await db
      .selectFrom('conversation')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw ConversationsErrors.conversation_not_found({ id });
    if (!paused && !before.paused_at) throw ConversationsErrors.conversation_not_paused({ id });
    if (paused && before.paused_at) return toConversationView(before);
    const now = tx.clock.now();
    const after = await db
      .updateTable('conversation')
      .set({
        paused_at: paused ? now : null,
        paused_by: paused ? tx.actor.label : null,
        version: before.version + 1,
        updated_at: now,
        // the bot starts from fresh activity after a human spoke
        ...(paused ? {} : { last_activity_at: now }),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      action: paused ? 'conversations.conversation.paused' : 'conversations.conversation.released',
      subject: { type: 'conversation', id },
      before: { paused: before.paused_at !== null, pausedBy: before.paused_by },
      after: { paused, pausedBy: after.paused_by },
    });
    return toConversationView(after);
  });
}
