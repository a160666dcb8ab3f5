import { createHash, randomUUID } from 'node:crypto';
import type { Ctx } from '../context/index.ts';
import { getOrganization } from '../orgs/index.ts';
import { answerWaitingMessages } from './answer-waiting-messages.ts';
import type { MessageChannel } from './channel.types.ts';
import { type ConversationView, type MessageView, toMessageView } from './conversation-view.ts';
import { ConversationsErrors } from './conversations.errors.ts';
import type { ConversationsRuntime } from './conversations.runtime.ts';
import type { ConversationsTables } from './conversations.tables.ts';
import type { StoredInput } from './flow.types.ts';
import { getConversation, messagesOf } from './list-conversations.ts';
import { type HistoryTables, outboundMessages } from './outbound-history.ts';
import { storeInbound } from './receive-inbound.ts';
import { testContactName } from './test-contact-name.ts';

export const SIMULATOR_CHANNEL = 'simulator';

/** What a tester sends: the channel-neutral input, media as base64 bytes. */
export type SimulatorInput =
  | Exclude<StoredInput, { kind: 'media' }>
  | {
      kind: 'media';
      mediaKind: 'photo' | 'document';
      fileName?: string;
      mime: string;
      dataBase64: string;
      caption?: string;
    };

interface SimulatorRaw {
  flow: string;
  dataBase64?: string;
}

/** The simulator as a channel: replies are recorded as sent, media comes from the request. */
export const simulatorChannel: MessageChannel = {
  name: SIMULATOR_CHANNEL,
  answersInline: true,
  pace: { perRecipientMs: 0 },
  contactWithoutIdentity: true,
  flowFor: (_org, raw) => (raw as SimulatorRaw).flow,
  async send() {
    return { channelMessageId: `sim.${randomUUID()}` };
  },
  async download(_ctx, _target, media, raw) {
    const bytes = Buffer.from((raw as SimulatorRaw).dataBase64 ?? '', 'base64');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return { bytes, sha256, mime: media.mime ?? 'application/octet-stream', fileName: media.fileName };
  },
};

/**
 * Runs a flow for a test contact exactly as a channel would (same engine, stored history), but
 * inline: the answer carries the replies. Messages of one test contact run one after another.
 */
export async function simulateMessage(
  ctx: Ctx,
  runtime: ConversationsRuntime,
  args: { flow: string; contactKey: string; input: SimulatorInput },
): Promise<{ conversation: ConversationView; replies: MessageView[] }> {
  // Read fresh, not through the chat steps' short cache: a module just added is offered at once.
  const offered = runtime.flowNamesFor(await getOrganization(ctx));
  if (!offered.includes(args.flow))
    throw ConversationsErrors.flow_not_found({ flow: args.flow, known: offered });
  return runtime.oneAtATime(`${ctx.orgId}:${args.contactKey}`, () => simulateNow(ctx, runtime, args));
}

async function simulateNow(
  ctx: Ctx,
  runtime: ConversationsRuntime,
  args: { flow: string; contactKey: string; input: SimulatorInput },
) {
  const { input, raw } = splitInput(args.input, args.flow);
  const stored = await storeInbound(ctx, {
    channel: SIMULATOR_CHANNEL,
    externalId: args.contactKey,
    displayName: testContactName(args.contactKey),
    channelMessageId: `sim.${randomUUID()}`,
    input,
    raw,
  });
  const { replies: ids } = await answerWaitingMessages(ctx, runtime, stored.conversationId);
  // The step's replies are the outbox's rows, recorded `sent` as the step committed.
  const replies =
    ids.length === 0
      ? []
      : await outboundMessages(ctx.db.withTables<HistoryTables>(), {
          channel: SIMULATOR_CHANNEL,
          externalId: args.contactKey,
        })
          .where('n.id', 'in', ids)
          .orderBy('n.seq')
          .execute();
  return {
    conversation: await getConversation(ctx, stored.conversationId),
    replies: replies.map(toMessageView),
  };
}

function splitInput(input: SimulatorInput, flow: string): { input: StoredInput; raw: SimulatorRaw } {
  if (input.kind !== 'media') return { input, raw: { flow } };
  const bytes = Buffer.from(input.dataBase64, 'base64');
  const stored: StoredInput = {
    kind: 'media',
    mediaKind: input.mediaKind,
    fileId: `sim.${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}`,
    mime: input.mime,
    ...(input.fileName ? { fileName: input.fileName } : {}),
    ...(input.caption ? { caption: input.caption } : {}),
  };
  return { input: stored, raw: { flow, dataBase64: input.dataBase64 } };
}

/** A test contact's conversation and full history; 404 before the contact's first message. */
export async function simulatorHistory(
  ctx: Ctx,
  contactKey: string,
): Promise<{ conversation: ConversationView; messages: MessageView[] }> {
  const row = await ctx.db
    .withTables<ConversationsTables>()
    .selectFrom('conversation')
    .select('id')
    .where('channel', '=', SIMULATOR_CHANNEL)
    .where('external_id', '=', contactKey)
    .executeTakeFirst();
  if (!row) throw ConversationsErrors.conversation_not_found({ contactKey });
  const conversation = await getConversation(ctx, row.id);
  return { conversation, messages: await messagesOf(ctx, conversation) };
}
