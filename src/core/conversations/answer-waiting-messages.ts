import { createContact, findOrCreateContactByIdentity } from '../contacts/index.ts';
import type { Ctx } from '../context/index.ts';
import { type Locale, resolveLocale, spokenLanguage } from '../i18n/index.ts';
import type { NotificationTables } from '../notifications/index.ts';
import type { MessageChannel } from './channel.types.ts';
import { commitStep } from './commit-step.ts';
import { type ConversationRow, type FailedReply, targetOf } from './conversation-row.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import type { ConversationsTables } from './conversations.tables.ts';
import { type Output, runsFlow } from './flow.types.ts';
import type { StepStartPoint } from './group-commit.ts';
import { handleWhenDue, heldUntil, sequencedChannels } from './inbound-order.ts';
import { repeatsActedTap } from './repeated-taps.ts';
import { offeredLanguages, runStep, type StepOutcome } from './run-step.ts';
import { loadOutput } from './stored-output.ts';
import { type KnownContact, oldestWaiting, pendingOf, type Waiting } from './waiting-messages.ts';

/** What a run of a conversation's job did: the replies it queued, in order, and those given up on. */
export interface ConversationRun {
  replies: string[];
  failed: FailedReply[];
  /**
   * What the run's steps answered, as they answered it, and where the last one left the conversation:
   * a session channel (USSD) builds its screen from this, without reading the replies back.
   */
  answered?: { outputs: Output[]; state: string | null; language: string };
}

/** The chat channels that report every message they accepted (`reportsSends`). */
export const reportingChannels = (runtime: ConversationsRuntime) =>
  runtime.channels().filter((c) => c.reportsSends !== undefined);

/**
 * Handles the waiting inbound messages of one conversation, oldest first. Flow code runs outside any
 * transaction (a slow step must not hold the database); its result, with its replies as outbox rows,
 * commits only if the conversation is still at the version it read, else the job retries. The replies
 * are then sent at once from here (`Outbox.sendNow`); whatever is not (a retry, the channel asking to
 * wait, a crash) is the outbox's dispatcher's, in the person's order.
 */
export async function answerWaitingMessages(
  ctx: Ctx,
  runtime: ConversationsRuntime,
  conversationId: string,
): Promise<ConversationRun> {
  const run: ConversationRun = { replies: [], failed: [] };
  const reporting = reportingChannels(runtime).map((c) => c.name);
  // Whether a message of a smaller number is missing is read with the messages themselves.
  const sequenced = sequencedChannels(runtime.channels(), ctx.clock.now());
  const pending = await pendingOf(ctx, conversationId, reporting, sequenced);
  if (!pending) return run;
  // A message stored after that read has a job of its own, queued behind this one: only when more
  // than one was waiting is the next one read again (with the conversation its predecessor left).
  let next: Waiting | undefined = pending.inbound[0] && { ...pending, message: pending.inbound[0] };
  while (next) {
    // A message made before this one may still be on its way: this one (and those after it) wait.
    const until = heldUntil(ctx, runtime.channel(next.conversation.channel), next.message);
    if (until) {
      handleWhenDue(ctx, runtime, next.conversation, until);
      return run;
    }
    const step = await answerOneMessage(ctx, runtime, next);
    run.replies.push(...step.ids);
    if (step.answered)
      run.answered = {
        ...step.answered,
        outputs: [...(run.answered?.outputs ?? []), ...step.answered.outputs],
      };
    if (step.send) {
      const outcomes = await runtime.outbox.sendNow(ctx, step.ids);
      for (const o of outcomes)
        if (o.status === 'failed' || o.status === 'undeliverable')
          run.failed.push({
            id: o.id,
            channel: next.conversation.channel,
            code: o.status,
            message: o.error?.message ?? o.status,
          });
    }
    next =
      pending.inbound.length > 1
        ? await oldestWaiting(
            ctx,
            conversationId,
            reporting,
            sequencedChannels(runtime.channels(), ctx.clock.now()),
          )
        : undefined;
  }
  return run;
}

async function answerOneMessage(
  ctx: Ctx,
  runtime: ConversationsRuntime,
  { conversation, contact: contactRead, message, unsentReplies, orgVersion }: Waiting,
): Promise<StepResult> {
  const channel = runtime.channel(conversation.channel);
  const org = await runtime.organization(ctx, orgVersion);
  const flowName = channel?.flowFor?.(org, message.raw);
  const declared = flowName ? runtime.flow(flowName) : undefined;
  // The flow of a module the organization does not run is not offered, as if it did not exist.
  const flow = declared && runsFlow(org, declared) ? declared : undefined;
  if (!channel || !flow) {
    runtime.log.warn({ channel: conversation.channel, flow: flowName }, 'no flow runs on this channel');
    await markInbound(ctx, message.id, 'unhandled', {
      reason: channel ? 'flow_not_found' : 'channel_not_available',
      flow: flowName,
    });
    return { ids: [], send: false };
  }
  const contact = await contactOf(ctx, channel, conversation, contactRead, message.raw);
  const languages = offeredLanguages(flow, org.languages);
  // The person's language (chosen or detected) if this flow speaks it (else English, else the
  // organization's first language the flow speaks); unknown yet: the organization's first.
  const known = contact.language ?? conversation.language;
  const language = spokenLanguage(known, languages);
  const target = { ...targetOf(conversation), language };
  if (!conversation.paused_at) await channel.acknowledge?.(ctx, target, message.raw).catch(() => undefined);
  // A button pressed again on the same message moments after the press acted on is answered once: set
  // aside when the answer reached the person, else (issue 55) met with that answer again below.
  if (!conversation.paused_at && message.tapKey && unsentReplies.length === 0) {
    const press = { id: message.id, tapKey: message.tapKey, sentAt: message.sentAt };
    if (await repeatsActedTap(ctx, conversation.id, press)) {
      await markInbound(ctx, message.id, 'unhandled', { reason: 'repeated_tap', tap: message.tapKey });
      return { ids: [], send: false };
    }
  }
  // A message the person made before one already answered is handled from where they wrote it.
  const startedFrom: StepStartPoint = message.lateFrom ?? {
    flow: conversation.flow,
    state: conversation.state,
    context: conversation.context,
    pendingPrompt: conversation.pending_prompt,
  };
  if (message.lateFrom)
    runtime.log.info(
      { conversationId: conversation.id, messageId: message.id, state: startedFrom.state },
      'late message: handled from where the conversation stood when the person wrote it',
    );

  const outcome = await runStep({
    runtime,
    ctx: {
      ...ctx,
      actor: {
        type: 'contact',
        id: contact.id,
        label: conversation.display_name ?? conversation.external_id,
      },
    },
    channel,
    flow,
    target,
    message,
    languages,
    organization: org,
    start: {
      flow: startedFrom.flow,
      state: startedFrom.state,
      context: startedFrom.context,
      pendingPrompt: startedFrom.pendingPrompt,
      language,
      languageKnown: known != null,
      addressLanguage: known == null ? resolveAddressLanguage(channel, conversation.external_id) : null,
      paused: conversation.paused_at !== null,
      lastActivityAt: conversation.last_activity_at,
      // The prompt a late message answers is not the last one.
      unsentPrompt: message.lateFrom ? [] : await outputsOf(ctx, unsentReplies),
      contact: {
        id: contact.id,
        externalId: conversation.external_id,
        displayName: conversation.display_name,
      },
    },
  });
  const committed = await commitStep(ctx, conversation, message.id, contact.id, outcome, {
    writes: runtime.groupCommit,
    startedFrom,
    language,
    answersInline: channel.answersInline === true,
  });
  return stepResult(channel, outcome, committed.replies, language);
}

/** What a committed step answered, and whether its replies are the outbox's to send now. */
function stepResult(
  channel: MessageChannel,
  outcome: StepOutcome,
  replies: ReadonlyArray<{ id: string }>,
  language: string,
): StepResult {
  const ids = replies.map((c) => c.id);
  if (outcome.held || ids.length === 0) return { ids, send: false };
  return {
    ids,
    send: channel.answersInline !== true,
    answered: {
      outputs: outcome.replies,
      state: outcome.state,
      language: outcome.chosenLanguage ?? language,
    },
  };
}

/** A step's committed reply ids, what it answered, and whether they are sent from the outbox now. */
interface StepResult {
  ids: string[];
  send: boolean;
  answered?: NonNullable<ConversationRun['answered']>;
}

/** The outputs of stored replies, in order (usually none: read only when the last prompt never left). */
async function outputsOf(ctx: Ctx, ids: ReadonlyArray<string>): Promise<Output[]> {
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .withTables<NotificationTables>()
    .selectFrom('notification')
    .select(['payload', 'attachment'])
    .where('id', 'in', [...ids])
    .where('payload', 'is not', null)
    .orderBy('seq')
    .execute();
  return rows.map((r) => loadOutput(r.payload!, r.attachment));
}

async function markInbound(ctx: Ctx, id: string, status: 'processed' | 'held' | 'unhandled', error?: object) {
  await ctx.db
    .withTables<ConversationsTables>()
    .updateTable('conversation_message')
    .set({ status, status_at: ctx.clock.now(), ...(error ? { error: JSON.stringify(error) } : {}) })
    .where('id', '=', id)
    .execute();
}

/** The language the person's address suggests (a phone number's country), for a first message without words. */
function resolveAddressLanguage(channel: MessageChannel, externalId: string): Locale | null {
  const hinted = channel.addressLanguage?.(externalId);
  return hinted ? resolveLocale(hinted) : null;
}

/** The contact behind the conversation (created on first contact) and the language they chose. */
async function contactOf(
  ctx: Ctx,
  channel: MessageChannel,
  conversation: ConversationRow,
  known: KnownContact | null,
  raw: unknown,
): Promise<{ id: string | null; language: Locale | null }> {
  if (!channel.contactChannel && !channel.contactWithoutIdentity) return { id: null, language: null };
  // Read with the conversation; none while the conversation names one: it is gone, find another.
  if (conversation.contact_id && known) return known;
  if (!channel.contactChannel) {
    const contact = await createContact(ctx, { displayName: conversation.display_name });
    return { id: contact.id, language: contact.preferredLanguage };
  }
  const { contact } = await findOrCreateContactByIdentity(ctx, {
    channel: channel.contactChannel,
    externalId: conversation.external_id,
    displayName: conversation.display_name,
    language: channel.languageHint?.(raw) ?? null,
  });
  return { id: contact.id, language: contact.preferredLanguage };
}
