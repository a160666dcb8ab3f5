import { randomUUID } from 'node:crypto';
import { sql } from '../../platform/db/index.ts';
import { updateContact } from '../contacts/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { ConversationsErrors } from './conversations.errors.ts';
import type { ConversationRow } from './deliver-outbound.ts';
import type { StepOutcome } from './run-step.ts';
import { storeOutput } from './stored-output.ts';

/**
 * Writes a step's result over the version it started from; a concurrent change makes the job retry.
 * The conversation, the inbound message's fate and the replies are one statement (issue 29: one round
 * trip, one commit); only a language choice, which the contact keeps too, needs a transaction around it.
 */
export async function commitStep(
  ctx: Ctx,
  conversation: ConversationRow,
  messageId: string,
  contactId: string | null,
  outcome: StepOutcome,
): Promise<StoredReply[]> {
  if (outcome.held || !outcome.chosenLanguage || !contactId)
    return writeStep(ctx, conversation, messageId, contactId, outcome);
  const language = outcome.chosenLanguage;
  return inTransaction(ctx, async (tx) => {
    const replies = await writeStep(tx, conversation, messageId, contactId, outcome);
    await updateContact(tx, contactId, { preferredLanguage: language });
    return replies;
  });
}

export type StoredReply = { id: string; stored: ReturnType<typeof storeOutput> };

/** The statement of `commitStep`. Raw SQL: it fills `org_id` itself. */
async function writeStep(
  ctx: Ctx,
  conversation: ConversationRow,
  messageId: string,
  contactId: string | null,
  outcome: StepOutcome,
): Promise<StoredReply[]> {
  const now = ctx.clock.now();
  const replies: StoredReply[] = (outcome.held ? [] : outcome.replies).map((reply) => ({
    id: randomUUID(),
    stored: storeOutput(reply),
  }));
  const moved = outcome.held
    ? sql``
    : sql`, flow = ${outcome.flow}, state = ${outcome.state}, context = ${JSON.stringify(outcome.context)}::jsonb,
        pending_prompt = ${outcome.pendingPrompt}, last_activity_at = ${now},
        language = coalesce(${outcome.chosenLanguage}::text, language),
        last_step_replies = ${replies.map((r) => r.id)}::uuid[], last_step_repeated = ${outcome.repeated ?? false}`;
  const { rows } = await sql<{ updated: boolean }>`
    with conv as (
      update conversation set version = version + 1, updated_at = ${now}, contact_id = ${contactId} ${moved}
      where org_id = ${ctx.orgId} and id = ${conversation.id} and version = ${conversation.version}
      returning id
    ), inbound as (
      update conversation_message set status = ${outcome.held ? 'held' : 'processed'}, status_at = ${now}
      where org_id = ${ctx.orgId} and id = ${messageId} and exists (select 1 from conv)
    ), replies as (
      insert into conversation_message
        (org_id, id, conversation_id, direction, channel, payload, attachment, status, sent_by, at, status_at)
      select ${ctx.orgId}, r.id, conv.id, 'out', ${conversation.channel}, r.payload, r.attachment, 'queued', 'bot',
        ${now}, ${now}
      from conv, unnest(${replies.map((r) => r.id)}::uuid[], ${replies.map((r) => JSON.stringify(r.stored.payload))}::jsonb[],
        ${replies.map((r) => r.stored.attachment)}::bytea[]) with ordinality as r(id, payload, attachment, n)
      -- in reply order, so each takes its seq (the order they are sent and shown in) in turn
      order by r.n
    )
    select exists (select 1 from conv) as updated`.execute(ctx.db);
  if (!rows[0]?.updated) throw ConversationsErrors.conversation_busy({ conversationId: conversation.id });
  return replies;
}
