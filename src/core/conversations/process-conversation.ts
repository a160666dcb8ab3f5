import { randomUUID } from 'node:crypto';
import { sql } from '../../platform/db/index.ts';
import {
  type ContactsTables,
  createContact,
  findOrCreateContactByIdentity,
  updateContact,
} from '../contacts/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { type Locale, resolveLocale, spokenLanguage } from '../i18n/index.ts';
import type { MessageChannel } from './channel.types.ts';
import { ConversationsErrors } from './conversations.errors.ts';
import { resendUnconfirmedJob } from './conversations.queue.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import type { ConversationsTables } from './conversations.tables.ts';
import {
  type ConversationRow,
  type DeliveryResult,
  deliverQueued,
  deliverReplies,
  type FailedReply,
  type QueuedReply,
  queuedDelivery,
  type ReplyDelivery,
  targetOf,
} from './deliver-outbound.ts';
import { type Output, runsFlow, type StoredInput } from './flow.types.ts';
import { handleWhenDue, heldUntil, type OrderedMessage } from './inbound-order.ts';
import { repeatsActedTap } from './repeated-taps.ts';
import { offeredLanguages, runStep, type StepOutcome } from './run-step.ts';
import { loadOutput, storeOutput } from './stored-output.ts';

/** What a run of a conversation's job did: the replies it queued, in order, and those it gave up on. */
export interface ConversationRun {
  replies: string[];
  failed: FailedReply[];
}

/**
 * Handles the waiting inbound messages of one conversation, oldest first, and sends the replies.
 * Flow code runs outside any transaction (a slow step must not hold the database); its result
 * commits only if the conversation is still at the version it read, else the job retries.
 */
export async function processConversation(
  runtime: ConversationsRuntime,
  ctx: Ctx,
  conversationId: string,
  options: { lastAttempt: boolean },
): Promise<ConversationRun> {
  const run: ConversationRun = { replies: [], failed: [] };
  // Keeps what a delivery gave up on; answers false when the channel asked to wait (stop here).
  const deliver = async (delivery: () => Promise<DeliveryResult>) => {
    const result = await delivery();
    run.failed.push(...result.failed);
    return result.deferredUntil === undefined;
  };
  const { cutChannels, waiting: pending } = await pendingOf(ctx, conversationId);
  if (cutChannels.length > 0) await awaitReports(runtime, ctx, conversationId, cutChannels);
  if (!pending) return run;
  // Replies a previous attempt queued but did not send go first (the outbox after a crash). While the
  // channel asks to wait, nothing more is handled here: the job queued for then carries on.
  if (pending.queued.length > 0) {
    const delivery = queuedDelivery(runtime, pending.conversation, pending.queued);
    if (!(await deliver(() => deliverReplies(runtime, ctx, delivery, options)))) return run;
  }
  // A message stored after that read has a job of its own, queued behind this one: only when more
  // than one was waiting is the next one read again (with the conversation its predecessor left).
  let next: Waiting | undefined = pending.inbound[0] && { ...pending, message: pending.inbound[0] };
  while (next) {
    // A message made before this one may still be on its way: this one (and those after it) wait.
    const until = await heldUntil(ctx, runtime.channel(next.conversation.channel), next.message);
    if (until) {
      handleWhenDue(runtime, ctx, next.conversation, until);
      return run;
    }
    const step = await handleMessage(runtime, ctx, next);
    run.replies.push(...step.ids);
    // The replies just committed are sent from memory; any other queued one is read again.
    const sent = await deliver(() =>
      step.delivery
        ? deliverReplies(runtime, ctx, step.delivery, options)
        : deliverQueued(runtime, ctx, conversationId, options),
    );
    if (!sent) return run;
    next = pending.inbound.length > 1 ? await oldestWaiting(ctx, conversationId) : undefined;
  }
  return run;
}

/**
 * Replies cut off mid-send wait for their channel's report; the sweep of unreported ones is queued
 * for when the longest of those reports is overdue (`resendUnconfirmed`).
 */
async function awaitReports(
  runtime: ConversationsRuntime,
  ctx: Ctx,
  conversationId: string,
  channels: string[],
) {
  runtime.log.warn(
    { conversationId, channels },
    'replies cut off mid-send: not sent again until their channel has had time to report them',
  );
  const withinMs = Math.max(0, ...channels.map((c) => runtime.channel(c)?.reportsSends?.withinMs ?? 0));
  if (withinMs > 0)
    await runtime.jobs.send(resendUnconfirmedJob, { orgId: ctx.orgId }, { startAfter: withinMs / 1000 + 1 });
}

type WaitingMessage = {
  id: string;
  input: StoredInput;
  raw: unknown;
  /** A button press: the message pressed and the button (`InboundMessage.tap`). */
  tapKey: string | null;
} & OrderedMessage;
/** The conversation's contact as the step needs it, read with the conversation (null: none or gone). */
type KnownContact = { id: string; language: Locale | null };
type Waiting = {
  conversation: ConversationRow;
  contact: KnownContact | null;
  message: WaitingMessage;
  /** The last step's replies that never left, unless they were asked again already (`UNSENT_REPLIES`). */
  unsentReplies: string[];
};

/** What the reads below select from the conversation's contact, besides the conversation. */
const contactOfRow = (row: { contact_found: string | null; contact_language: Locale | null }) =>
  row.contact_found ? { id: row.contact_found, language: row.contact_language } : null;

/**
 * The ids of the conversation's last replies that provably never left (`failed`), in order, unless the
 * last step was already such a prompt asked again; selected with the conversation `c` (issue 40, item 12).
 */
const UNSENT_REPLIES = sql<string[] | null>`case when not c.last_step_repeated then (
    select array_agg(o.id::text order by o.seq) from conversation_message o
    where o.org_id = c.org_id and o.id = any(c.last_step_replies) and o.status = 'failed') end`;

type PendingRow = ConversationRow & {
  contact_found: string | null;
  contact_language: Locale | null;
  unsent_replies: string[] | null;
  message_id: string | null;
  message_direction: 'in' | 'out' | null;
  message_payload: Record<string, unknown>;
  message_attachment: Buffer | null;
  message_raw: unknown;
  message_sequence_no: string | null;
  message_at: Date;
  message_status_at: Date;
  message_tap_key: string | null;
  /** The channels of the replies this read found cut off mid-send (null: none). */
  cut_channels: string[] | null;
};

/**
 * What a conversation has waiting, with the conversation, in one round trip: its queued replies,
 * oldest first, and its unhandled inbound messages in the order the person made them (`ORDERED`; the
 * partial index on these two statuses serves it).
 * The same statement settles the replies a run that died was sending (`sending` → `unconfirmed`, see
 * interrupted-sends.ts): they may have reached the person and are never sent again from here. Raw SQL:
 * it filters on `org_id` itself.
 */
async function pendingOf(ctx: Ctx, conversationId: string) {
  const { rows } = await sql<PendingRow>`
    with cut as (
      update conversation_message set status = 'unconfirmed', status_at = ${ctx.clock.now()}
      where org_id = ${ctx.orgId} and conversation_id = ${conversationId} and direction = 'out' and status = 'sending'
      returning channel
    ), pending as (
      select c.*, ct.id as contact_found, ct.preferred_language as contact_language,
        ${UNSENT_REPLIES} as unsent_replies, m.seq as message_seq,
        m.id as message_id, m.direction as message_direction, m.payload as message_payload,
        m.attachment as message_attachment, m.raw as message_raw, m.sequence_no as message_sequence_no,
        m.at as message_at, m.status_at as message_status_at, m.tap_key as message_tap_key
      from conversation_message m
      join conversation c on c.id = m.conversation_id and c.org_id = m.org_id
      left join contact ct on ct.id = c.contact_id
      where m.org_id = ${ctx.orgId} and m.conversation_id = ${conversationId} and m.status in ('received', 'queued')
    )
    select p.*, (select array_agg(distinct channel) from cut) as cut_channels
    from (select) one left join pending p on true
    order by p.message_direction,
      case when p.message_direction = 'in' then p.message_sequence_no end nulls first,
      case when p.message_direction = 'in' then p.message_at end, p.message_seq`.execute(ctx.db);
  const cutChannels = rows[0]?.cut_channels ?? [];
  if (!rows[0]?.message_id) return { cutChannels };
  const {
    message_id,
    message_direction,
    message_payload,
    message_attachment,
    message_raw,
    message_sequence_no,
    message_at,
    message_status_at,
    message_tap_key,
    contact_found,
    contact_language,
    unsent_replies,
    cut_channels,
    message_seq,
    ...conversation
  } = rows[0] as PendingRow & { message_seq: string };
  const inbound: WaitingMessage[] = [];
  const queued: QueuedReply[] = [];
  for (const m of rows) {
    if (m.message_direction === 'in')
      inbound.push({
        id: m.message_id!,
        input: m.message_payload as unknown as StoredInput,
        raw: m.message_raw,
        sequenceNo: m.message_sequence_no,
        sentAt: m.message_at,
        arrivedAt: m.message_status_at,
        tapKey: m.message_tap_key,
      });
    else queued.push({ id: m.message_id!, payload: m.message_payload, attachment: m.message_attachment });
  }
  return {
    cutChannels,
    waiting: {
      conversation: conversation as ConversationRow,
      contact: contactOfRow(rows[0]!),
      unsentReplies: unsent_replies ?? [],
      inbound,
      queued,
    },
  };
}

/** The next waiting message (in the person's order) with its conversation, in one round trip. */
async function oldestWaiting(ctx: Ctx, conversationId: string): Promise<Waiting | undefined> {
  const found = await ctx.db
    .withTables<ConversationsTables & ContactsTables>()
    .selectFrom('conversation_message as m')
    .innerJoin('conversation as c', 'c.id', 'm.conversation_id')
    .leftJoin('contact as ct', 'ct.id', 'c.contact_id')
    .selectAll('c')
    .select(['ct.id as contact_found', 'ct.preferred_language as contact_language'])
    .select(['m.id as message_id', 'm.payload as message_payload', 'm.raw as message_raw'])
    .select([
      'm.sequence_no as message_sequence_no',
      'm.at as message_at',
      'm.status_at as message_status_at',
      'm.tap_key as message_tap_key',
    ])
    .select(UNSENT_REPLIES.as('unsent_replies'))
    .where('m.conversation_id', '=', conversationId)
    .where('m.direction', '=', 'in')
    .where('m.status', '=', 'received')
    .orderBy(sql`m.sequence_no nulls first`)
    .orderBy('m.at')
    .orderBy('m.seq')
    .limit(1)
    .executeTakeFirst();
  if (!found) return undefined;
  const {
    message_id: id,
    message_payload: payload,
    message_raw: raw,
    message_sequence_no: sequenceNo,
    message_at: sentAt,
    message_status_at: arrivedAt,
    message_tap_key: tapKey,
    contact_found,
    contact_language,
    unsent_replies,
    ...conversation
  } = found;
  return {
    conversation: conversation as ConversationRow,
    contact: contactOfRow(found),
    unsentReplies: unsent_replies ?? [],
    message: { id, raw, input: payload as unknown as StoredInput, sequenceNo, sentAt, arrivedAt, tapKey },
  };
}

async function handleMessage(
  runtime: ConversationsRuntime,
  ctx: Ctx,
  { conversation, contact: contactRead, message, unsentReplies }: Waiting,
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
  const contact = await contactOf(ctx, channel, conversation, contactRead, message.raw);
  const languages = offeredLanguages(flow, org.languages);
  // The person's language (chosen or detected) if this flow speaks it (else English, else the
  // organization's first language the flow speaks); unknown yet: the organization's first.
  const known = contact.language ?? conversation.language;
  const language = spokenLanguage(known, languages);
  const target = { ...targetOf(conversation), language };
  if (!conversation.paused_at) await channel.acknowledge?.(ctx, target, message.raw).catch(() => undefined);
  // A button pressed again on the same message moments after the press acted on: answered once.
  if (!conversation.paused_at && message.tapKey) {
    const press = { id: message.id, tapKey: message.tapKey, sentAt: message.sentAt };
    if (await repeatsActedTap(ctx, conversation.id, press)) {
      await markInbound(ctx, message.id, 'unhandled', { reason: 'repeated_tap', tap: message.tapKey });
      return { ids: [] };
    }
  }

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
      unsentPrompt: await outputsOf(ctx, unsentReplies),
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

/**
 * Writes a step's result over the version it started from; a concurrent change makes the job retry.
 * The conversation, the inbound message's fate and the replies are one statement (issue 29: one round
 * trip, one commit); only a language choice, which the contact keeps too, needs a transaction around it.
 */
async function commitStep(
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

type StoredReply = { id: string; stored: ReturnType<typeof storeOutput> };

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

/** The outputs of stored replies, in order (usually none: read only when the last prompt never left). */
async function outputsOf(ctx: Ctx, ids: ReadonlyArray<string>): Promise<Output[]> {
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .withTables<ConversationsTables>()
    .selectFrom('conversation_message')
    .select(['payload', 'attachment'])
    .where('id', 'in', [...ids])
    .orderBy('seq')
    .execute();
  return rows.map((r) => loadOutput(r.payload, r.attachment));
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
