import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { testContactName } from '../../core/conversations/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { type TranscriptEntry, telegramEntry, whatsappEntry } from './sandbox-chat-transcript.ts';
import type { SandboxChatAccount, SandboxChats } from './sandbox-chats.ts';
import type { Sandbox } from './start-sandbox.ts';

const params = z.object({
  flow: z.string().min(1).max(41),
  contactKey: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/),
});
const inputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string().min(1).max(4096) }),
  z.object({ kind: z.literal('choice'), id: z.string().min(1).max(256) }),
  z.object({
    kind: z.literal('media'),
    mediaKind: z.enum(['photo', 'document']),
    fileName: z.string().max(255).optional(),
    mime: z.string().max(127),
    dataBase64: z.string().max(1_400_000).describe('The file, base64 (up to 1 MB)'),
    caption: z.string().max(1024).optional(),
  }),
]);
type Input = z.infer<typeof inputSchema>;
const entrySchema = z.object({
  id: z.string(),
  direction: z.enum(['in', 'out']),
  payload: z.record(z.string(), z.unknown()),
  url: z.string().optional(),
});
const chatSchema = z.object({
  channel: z.enum(['whatsapp', 'telegram']).nullable(),
  /** Who the app talks to: the WhatsApp number or the Telegram user id of this test contact. */
  address: z.string().nullable(),
  messages: z.array(entrySchema),
});

const number = (key: string, digits: number) =>
  BigInt(`0x${createHash('sha256').update(key).digest('hex').slice(0, 20)}`)
    .toString()
    .slice(0, digits);
/** A test contact's own WhatsApp number (a fictional +1 555 one) and Telegram user id. */
export const sandboxWaIdOf = (orgId: string, contactKey: string) =>
  `1555${number(`${orgId}:${contactKey}`, 7)}`;
export const sandboxTelegramUserOf = (orgId: string, contactKey: string) =>
  6_000_000_000 + Number(number(`${orgId}:${contactKey}`, 9));

/**
 * The simulator as a person on the played WhatsApp or Telegram: what they type is posted to the
 * app's own webhook, as Meta or Telegram would, and their chat shows what the app sent them, replies
 * and notifications alike. A flow no played channel runs for the organization answers `channel: null`
 * (the console then keeps its in-app simulator).
 */
export const sandboxChatsRoutes: FastifyPluginAsyncZod<{
  sandbox: Sandbox;
  chats: SandboxChats;
}> = async (app, { sandbox, chats }) => {
  const op = routeOptions(['sandbox']);
  const permission = 'conversations.simulator.use';
  /** Typed and tapped messages, per organization and contact (the services keep only what the app sent). */
  const typed: TypedMessages = new Map();

  app.get(
    '/api/sandbox/chats/:flow/:contactKey',
    op(permission, 'A test contact’s chat on the played WhatsApp or Telegram', {
      params,
      response: { 200: chatSchema },
    }),
    async (req) => {
      const { flow, contactKey } = req.params;
      const { channel, account } = await channelOf(chats, req.ctx, flow);
      if (!channel || !account) return { channel: null, address: null, messages: [] };
      return {
        channel,
        ...(await chatOf(sandbox, typedOf(typed, account, contactKey), channel, account, contactKey)),
      };
    },
  );

  app.post(
    '/api/sandbox/chats/:flow/:contactKey',
    op(
      { permission, refuses: [404, 409] },
      'Write to the organization’s played number or bot as a test contact',
      {
        params,
        body: inputSchema,
        response: { 202: z.object({ channel: z.enum(['whatsapp', 'telegram']) }) },
      },
    ),
    async (req, reply) => {
      const { flow, contactKey } = req.params;
      const { channel, account } = await channelOf(chats, req.ctx, flow);
      if (!channel || !account)
        throw PlatformErrors.not_found({ flow, reason: 'no played chat runs this flow' });
      const own = typedOf(typed, account, contactKey);
      if (channel === 'whatsapp') await sendOnWhatsApp(sandbox, own, account, contactKey, req.body);
      else await sendOnTelegram(sandbox, own, account, contactKey, req.body);
      return reply.status(202).send({ channel });
    },
  );

  app.get(
    '/api/sandbox/chats/media/:channel/:id',
    op(permission, 'A picture or document the app sent to a test contact', {
      params: z.object({ channel: z.enum(['whatsapp', 'telegram']), id: z.string().min(1).max(200) }),
    }),
    async (req, reply) => {
      const { channel, id } = req.params;
      const account = await chats.accountOf(req.ctx.orgId);
      const media = await sentMediaOf(sandbox, account, channel, id);
      if (!media) throw PlatformErrors.not_found({ id });
      return reply.type(media.mimeType).send(media.bytes);
    },
  );
};

function choicesOf(entry: TranscriptEntry): Array<{ id: string; title: string }> {
  const p = entry.payload;
  return p.kind === 'buttons' ? p.buttons : p.kind === 'list' ? p.rows : [];
}

/** Telegram keeps no type with a file: the first bytes tell a PNG, a JPEG or a PDF apart. */
function sniffMime(bytes: Buffer): string {
  if (bytes.subarray(0, 4).toString('latin1') === '\x89PNG') return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === '%PDF') return 'application/pdf';
  return 'application/octet-stream';
}

/** Typed and tapped messages, per organization and contact. */
type TypedMessages = Map<string, TranscriptEntry[]>;
type PlayedChannel = 'whatsapp' | 'telegram';

/** The played channel that runs this flow for the caller's organization, if any, and its account. */
async function channelOf(chats: SandboxChats, ctx: Parameters<typeof getOrganization>[0], flow: string) {
  const account = await chats.accountOf(ctx.orgId);
  const org = await getOrganization(ctx);
  if (!chats.runsFlow(org, flow)) return { channel: null, account };
  if (account?.phoneNumberId && chats.flowOn('whatsapp', org) === flow)
    return { channel: 'whatsapp' as const, account };
  if (account?.bot && chats.flowOn('telegram', org) === flow)
    return { channel: 'telegram' as const, account };
  return { channel: null, account };
}

/** What a test contact typed and tapped on this account, kept in the map (created on first use). */
function typedOf(typed: TypedMessages, account: SandboxChatAccount, contactKey: string): TranscriptEntry[] {
  const key = `${account.orgId}:${contactKey}`;
  const own = typed.get(key) ?? [];
  typed.set(key, own);
  return own;
}

/** How the contact's own message shows in their chat: a tap shows the choice's title. */
const echoOf = (input: Input, title?: string): TranscriptEntry['payload'] =>
  input.kind === 'text'
    ? { kind: 'text', text: input.text }
    : input.kind === 'choice'
      ? { kind: 'text', text: title ?? input.id }
      : { kind: 'media', fileName: input.fileName ?? input.mediaKind };

/** The contact's chat: what they typed and what the app sent them there, in order. */
async function chatOf(
  sandbox: Sandbox,
  own: TranscriptEntry[],
  channel: PlayedChannel,
  account: SandboxChatAccount,
  contactKey: string,
) {
  if (channel === 'whatsapp') {
    const to = sandboxWaIdOf(account.orgId, contactKey);
    const sent = (sandbox.whatsapp?.graph.sentMessages(to) ?? [])
      .filter((m) => m.phoneNumberId === account.phoneNumberId)
      .map(whatsappEntry);
    return { address: `+${to}`, messages: [...own, ...sent].sort((a, b) => a.order - b.order) };
  }
  const user = sandboxTelegramUserOf(account.orgId, contactKey);
  const bot = await sandbox.telegram!.bot(account.bot!.token, account.bot!.username);
  const sent = bot.sentMessages(user).map(telegramEntry);
  return { address: String(user), messages: [...own, ...sent].sort((a, b) => a.order - b.order) };
}

/** The contact writes to the organization's played number: Meta's webhook for it, posted to the app. */
async function sendOnWhatsApp(
  sandbox: Sandbox,
  own: TranscriptEntry[],
  account: SandboxChatAccount,
  contactKey: string,
  input: Input,
) {
  const whatsapp = sandbox.whatsapp!;
  const graph = whatsapp.graph;
  const from = {
    from: sandboxWaIdOf(account.orgId, contactKey),
    name: testContactName(contactKey),
    phoneNumberId: account.phoneNumberId,
  };
  let title: string | undefined;
  let payload: unknown;
  if (input.kind === 'text') payload = graph.textMessage({ ...from, text: input.text });
  else if (input.kind === 'media') {
    const bytes = Buffer.from(input.dataBase64, 'base64');
    payload =
      input.mediaKind === 'photo'
        ? graph.imageMessage({ ...from, bytes, mimeType: input.mime, caption: input.caption })
        : graph.documentMessage({
            ...from,
            bytes,
            mimeType: input.mime,
            fileName: input.fileName ?? 'document',
            caption: input.caption,
          });
  } else {
    // A tap answers the latest message that offered this choice.
    const offered = graph
      .sentMessages(from.from)
      .filter((m) => m.phoneNumberId === account.phoneNumberId)
      .map((m) => ({ m, e: whatsappEntry(m) }))
      .reverse()
      .find(({ e }) => choicesOf(e).some((c) => c.id === input.id));
    if (!offered) throw PlatformErrors.not_found({ choice: input.id });
    title = choicesOf(offered.e).find((c) => c.id === input.id)!.title;
    payload =
      offered.e.payload.kind === 'list'
        ? graph.listReply({ ...from, rowId: input.id, title, contextId: offered.m.id })
        : graph.buttonReply({ ...from, buttonId: input.id, title, contextId: offered.m.id });
  }
  own.push({
    id: `in.${Date.now()}.${Math.random()}`,
    direction: 'in',
    payload: echoOf(input, title),
    order: Date.now(),
  });
  await whatsapp.deliver(payload);
}

/** The contact writes to the organization's played bot: an update to the app's webhook, as Telegram sends it. */
async function sendOnTelegram(
  sandbox: Sandbox,
  own: TranscriptEntry[],
  account: SandboxChatAccount,
  contactKey: string,
  input: Input,
) {
  const telegram = sandbox.telegram!;
  const bot = await telegram.bot(account.bot!.token, account.bot!.username);
  const base = sandbox.appUrl();
  if (!base) throw PlatformErrors.conflict({ reason: 'the app does not listen yet' });
  await telegram.setWebhook(bot, `${base}/webhooks/telegram/${account.slug}`, account.bot!.webhookSecret);
  const user = {
    id: sandboxTelegramUserOf(account.orgId, contactKey),
    first_name: testContactName(contactKey).split(' ')[0]!,
    language_code: 'en',
  };
  let order: number;
  let title: string | undefined;
  if (input.kind === 'text') order = bot.userSendsText(user, input.text).message_id;
  else if (input.kind === 'media') {
    const bytes = Buffer.from(input.dataBase64, 'base64');
    order = (
      input.mediaKind === 'photo'
        ? bot.userSendsPhoto(user, bytes, input.caption)
        : bot.userSendsDocument(user, bytes, input.fileName ?? 'document', input.mime)
    ).message_id;
  } else {
    const offered = bot
      .sentMessages(user.id)
      .reverse()
      .find((m) => choicesOf(telegramEntry(m)).some((c) => c.id === input.id));
    if (!offered) throw PlatformErrors.not_found({ choice: input.id });
    title = choicesOf(telegramEntry(offered)).find((c) => c.id === input.id)!.title;
    bot.userTapsButton(user, offered.message_id, input.id);
    // After the message it answers and whatever came before the tap.
    order = Math.max(0, ...bot.sentMessages(user.id).map((m) => m.message_id)) + 0.5;
  }
  own.push({ id: `in.${order}`, direction: 'in', payload: echoOf(input, title), order });
}

/** A picture or document the organization's played number or bot sent (only its own), with its type. */
async function sentMediaOf(
  sandbox: Sandbox,
  account: SandboxChatAccount | undefined,
  channel: PlayedChannel,
  id: string,
): Promise<{ mimeType: string; bytes: Buffer } | undefined> {
  if (channel === 'whatsapp') {
    const mine = (sandbox.whatsapp?.graph.sentMessages() ?? []).some(
      (m) => m.phoneNumberId === account?.phoneNumberId && JSON.stringify(m.body).includes(`"id":"${id}"`),
    );
    return mine ? sandbox.whatsapp?.graph.mediaOf(id) : undefined;
  }
  const bot = account?.bot ? await sandbox.telegram?.bot(account.bot.token, account.bot.username) : undefined;
  const bytes = bot?.fileBytes(id);
  return bytes ? { mimeType: sniffMime(bytes), bytes } : undefined;
}
