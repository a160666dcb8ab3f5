import { randomUUID } from 'node:crypto';
import type { Ctx } from '../context/index.ts';
import type { ConversationRow } from './conversation-row.ts';
import { ConversationsErrors } from './conversations.errors.ts';
import { createGroupCommit, type GroupCommit, type StepStartPoint } from './group-commit.ts';
import { outputText } from './output.rules.ts';
import type { StepOutcome } from './run-step.ts';
import { storeOutput } from './stored-output.ts';

/**
 * Writes a step's result over the version it started from; a concurrent change makes the job retry.
 * The conversation, the inbound message's fate, the replies (outbox rows) and a language the person
 * chose (their contact keeps it, audited) are one statement (issue 29: one round trip, one commit),
 * which the app's group commit (`writes`) shares with the other steps and inbound messages of the
 * moment (issue 43: one statement per kind and one commit per batch). The replies are `queued` in the
 * outbox (sent by the caller at once, `Outbox.sendNow`), or `sent` on a channel that answers inline
 * (`answersInline`). `startedFrom` is where the step began, kept on the message; `language` is the
 * one the replies were written in.
 */
export async function commitStep(
  ctx: Ctx,
  conversation: ConversationRow,
  messageId: string,
  contactId: string | null,
  outcome: StepOutcome,
  {
    writes = createGroupCommit({ maxBatch: 1 }),
    startedFrom = null,
    language = 'en',
    answersInline = false,
  }: {
    writes?: GroupCommit;
    startedFrom?: StepStartPoint | null;
    language?: string;
    answersInline?: boolean;
  } = {},
): Promise<CommittedStep> {
  const replies: StoredReply[] = (outcome.held ? [] : outcome.replies).map((reply) => ({
    id: randomUUID(),
    stored: storeOutput(reply),
    // Its words, as the outbox lists and searches it (a file without a caption: its kind).
    body: (outputText(reply) || reply.kind).slice(0, 8000),
  }));
  const moved = await writes.step(ctx, {
    conversationId: conversation.id,
    version: conversation.version,
    channel: conversation.channel,
    messageId,
    contactId,
    held: outcome.held,
    flow: outcome.held ? null : outcome.flow,
    state: outcome.held ? null : outcome.state,
    context: outcome.held ? null : outcome.context,
    pendingPrompt: outcome.held ? null : outcome.pendingPrompt,
    language: outcome.held ? null : outcome.chosenLanguage,
    repeated: outcome.held ? false : (outcome.repeated ?? false),
    replies: replies.map((r) => ({ id: r.id, ...r.stored, body: r.body })),
    locale: (outcome.held ? null : outcome.chosenLanguage) ?? language,
    sentOnCommit: answersInline,
    startedFrom: outcome.held ? null : startedFrom,
    now: ctx.clock.now(),
  });
  if (!moved) throw ConversationsErrors.conversation_busy({ conversationId: conversation.id });
  return { replies };
}

export type StoredReply = { id: string; stored: ReturnType<typeof storeOutput>; body: string };
/** A step committed: its replies, `queued` in the outbox (or `sent`, inline). */
export type CommittedStep = { replies: StoredReply[] };
