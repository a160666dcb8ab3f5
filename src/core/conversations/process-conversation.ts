import {
  createContact,
  findOrCreateContactByIdentity,
  getContact,
  updateContact,
} from '../contacts/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { type Locale, resolveLocale, spokenLanguage } from '../i18n/index.ts';
import type { MessageChannel } from './channel.types.ts';
import { ConversationsErrors } from './conversations.errors.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import type { ConversationsTables } from './conversations.tables.ts';
import {
  type ConversationRow,
  deliverQueued,
  deliverReplies,
  type ReplyDelivery,
  targetOf,
} from './deliver-outbound.ts';
import { runsFlow, type StoredInput } from './flow.types.ts';
import { offeredLanguages, runStep, type StepOutcome } from './run-step.ts';
import { storeOutput } from './stored-output.ts';

/**
 * Handles the waiting inbound messages of one conversation, oldest first, and sends the replies.
 * Flow code runs outside any transaction (a slow step must not hold the database); its result
 * commits only if the conversation is still at the version it read, else the job retries.
 * Returns the ids of the replies it queued, in order.
 */
export async function processConversation(
  runtime: ConversationsRuntime,
  ctx: Ctx,
  conversationId: string,
  options: { lastAttempt: boolean },
): Promise<string[]> {
  const replies: string[] = [];
  const db = ctx.db.withTables<ConversationsTables>();
  // Replies a previous attempt queued but did not send go first (the outbox after a crash). While the
  // channel asks to wait, nothing more is handled here: the job queued for then carries on.
  if ((await deliverQueued(runtime, ctx, conversationId, options)).deferredUntil) return replies;
  for (;;) {
    // The oldest waiting message with its conversation, in one round trip.
    const found = await db
      .selectFrom('conversation_message as m')
      .innerJoin('conversation as c', 'c.id', 'm.conversation_id')
      .selectAll('c')
      .select(['m.id as message_id', 'm.payload as message_payload', 'm.raw as message_raw'])
      .where('m.conversation_id', '=', conversationId)
      .where('m.direction', '=', 'in')
      .where('m.status', '=', 'received')
      .orderBy('m.seq')
      .limit(1)
      .executeTakeFirst();
    if (!found) return replies;
    const { message_id: id, message_payload: payload, message_raw: raw, ...conversation } = found;
    const input = payload as unknown as StoredInput;
    const step = await handleMessage(runtime, ctx, conversation as ConversationRow, { id, raw, input });
    replies.push(...step.ids);
    // The replies just committed are sent from memory; any other queued one is read again.
    const delivered = step.delivery
      ? await deliverReplies(runtime, ctx, step.delivery, options)
      : await deliverQueued(runtime, ctx, conversationId, options);
    if (delivered.deferredUntil) return replies;
  }
}

async function handleMessage(
  runtime: ConversationsRuntime,
  ctx: Ctx,
  conversation: ConversationRow,
  message: { id: string; input: StoredInput; raw: unknown },
): Promise<StepResult> {
  const channel = runtime.channel(conversation.channel);
  const org = await runtime.organization(ctx);
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
    return { ids: [] };
  }
  const contact = await contactOf(ctx, channel, conversation, message.raw);
  const languages = offeredLanguages(flow, org.languages);
  // The person's language (chosen or detected) if this flow speaks it (else English, else the
  // organization's first language the flow speaks); unknown yet: the organization's first.
  const known = contact.language ?? conversation.language;
  const language = spokenLanguage(known, languages);
  const target = { ...targetOf(conversation), language };
  if (!conversation.paused_at) await channel.acknowledge?.(ctx, target, message.raw).catch(() => undefined);

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
    start: {
      flow: conversation.flow,
      state: conversation.state,
      context: conversation.context,
      pendingPrompt: conversation.pending_prompt,
      language,
      languageKnown: known != null,
      addressLanguage: known == null ? resolveAddressLanguage(channel, conversation.external_id) : null,
      paused: conversation.paused_at !== null,
      lastActivityAt: conversation.last_activity_at,
      contact: {
        id: contact.id,
        externalId: conversation.external_id,
        displayName: conversation.display_name,
      },
    },
  });
  const committed = await commitStep(ctx, conversation, message.id, contact.id, outcome);
  const ids = committed.map((c) => c.id);
  if (outcome.held || ids.length === 0) return { ids };
  return {
    ids,
    delivery: {
      channel,
      channelName: conversation.channel,
      target: {
        ...targetOf(conversation),
        ...(outcome.chosenLanguage ? { language: outcome.chosenLanguage } : {}),
      },
      messages: committed,
    },
  };
}

/** A step's committed reply ids, and what sending them needs (absent when nothing is to be sent). */
interface StepResult {
  ids: string[];
  delivery?: ReplyDelivery;
}

/** Writes a step's result over the version it started from; a concurrent change makes the job retry. */
async function commitStep(
  ctx: Ctx,
  conversation: ConversationRow,
  messageId: string,
  contactId: string | null,
  outcome: StepOutcome,
): Promise<Array<{ id: string; stored: ReturnType<typeof storeOutput> }>> {
  return inTransaction(ctx, async (tx) => {
    const db = tx.db.withTables<ConversationsTables>();
    const now = tx.clock.now();
    const base = { version: conversation.version + 1, updated_at: now, contact_id: contactId };
    const changes = outcome.held
      ? base
      : {
          ...base,
          flow: outcome.flow,
          state: outcome.state,
          context: JSON.stringify(outcome.context),
          pending_prompt: outcome.pendingPrompt,
          last_activity_at: now,
          ...(outcome.chosenLanguage ? { language: outcome.chosenLanguage } : {}),
        };
    const updated = await db
      .updateTable('conversation')
      .set(changes)
      .where('id', '=', conversation.id)
      .where('version', '=', conversation.version)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n)
      throw ConversationsErrors.conversation_busy({ conversationId: conversation.id });
    await markInbound(tx, messageId, outcome.held ? 'held' : 'processed');
    if (outcome.held) return [];
    if (outcome.chosenLanguage && contactId)
      await updateContact(tx, contactId, { preferredLanguage: outcome.chosenLanguage });
    const ids: Array<{ id: string; stored: ReturnType<typeof storeOutput> }> = [];
    for (const reply of outcome.replies) {
      const stored = storeOutput(reply);
      const { payload, attachment } = stored;
      const row = await db
        .insertInto('conversation_message')
        .values({
          conversation_id: conversation.id,
          direction: 'out',
          channel: conversation.channel,
          payload: JSON.stringify(payload),
          attachment,
          status: 'queued',
          sent_by: 'bot',
          at: now,
          status_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.push({ id: row.id, stored });
    }
    return ids;
  });
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
  raw: unknown,
): Promise<{ id: string | null; language: Locale | null }> {
  if (!channel.contactChannel && !channel.contactWithoutIdentity) return { id: null, language: null };
  if (conversation.contact_id) {
    const contact = await getContact(ctx, conversation.contact_id).catch(() => undefined);
    if (contact) return { id: contact.id, language: contact.preferredLanguage };
  }
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
