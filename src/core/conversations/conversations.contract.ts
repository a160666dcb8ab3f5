import { z } from 'zod';

/** A conversation as routes return it. */
export const conversationSchema = z.object({
  id: z.string(),
  channel: z.string(),
  externalId: z.string(),
  contactId: z.string().nullable(),
  displayName: z.string().nullable(),
  flow: z.string().nullable(),
  state: z.string().nullable(),
  context: z.record(z.string(), z.unknown()),
  language: z.string().nullable(),
  paused: z.boolean(),
  pausedAt: z.iso.datetime().nullable(),
  pausedBy: z.string().nullable(),
  lastInboundAt: z.iso.datetime().nullable(),
  lastActivityAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type ConversationView = z.infer<typeof conversationSchema>;

/** One message of the history. */
export const messageSchema = z.object({
  id: z.string(),
  seq: z.number(),
  direction: z.enum(['in', 'out']),
  channel: z.string(),
  channelMessageId: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()).describe('The normalized input or output'),
  status: z.string(),
  error: z.record(z.string(), z.unknown()).nullable(),
  sentBy: z.string().nullable().describe("'bot', a staff member, or null for inbound"),
  at: z.iso.datetime(),
  statusAt: z.iso.datetime(),
});
export type MessageView = z.infer<typeof messageSchema>;

export const listQuery = z.object({
  channel: z.string().max(40).optional(),
  paused: z.enum(['true', 'false']).optional(),
  contactId: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.string().datetime().optional().describe('updatedAt of the last row of the previous page'),
});

export const messagesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(200),
  afterSeq: z.coerce.number().int().min(0).optional(),
});

export const idParams = z.object({ id: z.string().uuid() });

const choice = z.object({ id: z.string().min(1).max(64), title: z.string().min(1).max(200) });

export const staffMessageBody = z.union([
  z.object({ text: z.string().trim().min(1).max(4096) }),
  z.object({
    template: z.object({
      name: z.string().min(1).max(512),
      language: z.string().min(2).max(15),
      components: z.array(z.unknown()).optional(),
      fallbackText: z.string().min(1).max(4096),
    }),
  }),
]);

export const simulatorInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string().max(4096) }),
  z.object({ kind: z.literal('choice'), id: z.string().min(1).max(64) }),
  z.object({
    kind: z.literal('media'),
    mediaKind: z.enum(['photo', 'document']),
    fileName: z.string().max(255).optional(),
    mime: z.string().max(127),
    dataBase64: z.string().max(1_400_000).describe('The file, base64 (up to 1 MB)'),
    caption: z.string().max(1024).optional(),
  }),
  z.object({
    kind: z.literal('contact'),
    phone: z.string().min(3).max(32),
    name: z.string().max(200).optional(),
  }),
]);

export const simulatorBody = z.object({
  flow: z.string().min(1).max(41),
  contactKey: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/),
  input: simulatorInput,
});

export const simulatorReply = z.object({ conversation: conversationSchema, replies: z.array(messageSchema) });

export const simulatorHistorySchema = z.object({
  conversation: conversationSchema,
  messages: z.array(messageSchema),
});

// Re-exported for the console: the same ids the engine uses.
export { choice as choiceSchema };
