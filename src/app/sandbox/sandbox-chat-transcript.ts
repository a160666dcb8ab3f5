import type { Message } from 'grammy/types';

/** A message as the console's simulator shows it (the shapes of the conversation history). */
export type TranscriptPayload =
  | { kind: 'text'; text: string }
  | { kind: 'buttons'; text: string; buttons: Array<{ id: string; title: string }> }
  | {
      kind: 'list';
      text: string;
      button: string;
      rows: Array<{ id: string; title: string; description?: string }>;
    }
  | { kind: 'image' | 'document'; caption?: string; file?: { fileName?: string } }
  | { kind: 'media'; fileName?: string }
  | { kind: 'template'; fallbackText: string };

export interface TranscriptEntry {
  id: string;
  direction: 'in' | 'out';
  payload: TranscriptPayload;
  /** Where the console loads the picture or document from. */
  url?: string;
  /** Order in the chat (ms for WhatsApp, message ids for Telegram). */
  order: number;
}

// biome-ignore lint/suspicious/noExplicitAny: a wire body as the sandbox received it, read defensively
type Json = Record<string, any>;

const mediaUrl = (channel: string, id: string) =>
  `/api/sandbox/chats/media/${channel}/${encodeURIComponent(id)}`;

/** What the phone shows for one Cloud API message body the app sent. */
export function whatsappEntry(sent: { id: string; body: Json; at: Date }): TranscriptEntry {
  const { body } = sent;
  const base = { id: sent.id, direction: 'out' as const, order: sent.at.getTime() };
  const media = (m: Json | undefined) => (m?.id ? mediaUrl('whatsapp', String(m.id)) : m?.link);
  switch (body.type) {
    case 'interactive': {
      const i = body.interactive as Json;
      const text = [i.header?.text, i.body?.text, i.footer?.text].filter(Boolean).join('\n');
      if (i.type === 'button')
        return {
          ...base,
          payload: {
            kind: 'buttons',
            text,
            buttons: (i.action?.buttons ?? []).map((b: Json) => ({ id: b.reply.id, title: b.reply.title })),
          },
        };
      if (i.type === 'list')
        return {
          ...base,
          payload: {
            kind: 'list',
            text,
            button: String(i.action?.button ?? ''),
            rows: (i.action?.sections ?? []).flatMap((s: Json) => s.rows ?? []),
          },
        };
      return { ...base, payload: { kind: 'text', text } };
    }
    case 'image':
      return { ...base, payload: { kind: 'image', caption: body.image?.caption }, url: media(body.image) };
    case 'document':
      return {
        ...base,
        payload: {
          kind: 'document',
          caption: body.document?.caption,
          file: { fileName: body.document?.filename },
        },
        url: media(body.document),
      };
    case 'template': {
      const params = (body.template?.components ?? []).flatMap((c: Json) =>
        (c.parameters ?? []).map(
          (p: Json) => p.text ?? p.currency?.fallback_value ?? p.date_time?.fallback_value,
        ),
      );
      const fallbackText = [`[${body.template?.name}]`, ...params.filter(Boolean)].join(' ');
      return { ...base, payload: { kind: 'template', fallbackText } };
    }
    default:
      return { ...base, payload: { kind: 'text', text: String(body.text?.body ?? '') } };
  }
}

/** What the chat shows for one message the bot sent (in its current state, edits applied). */
export function telegramEntry(message: Message): TranscriptEntry {
  const base = { id: `tg.${message.message_id}`, direction: 'out' as const, order: message.message_id };
  if (message.photo) {
    const largest = message.photo.at(-1)!;
    return {
      ...base,
      payload: { kind: 'image', caption: message.caption },
      url: mediaUrl('telegram', largest.file_id),
    };
  }
  if (message.document)
    return {
      ...base,
      payload: { kind: 'document', caption: message.caption, file: { fileName: message.document.file_name } },
      url: mediaUrl('telegram', message.document.file_id),
    };
  const text = message.text ?? message.caption ?? '';
  const keyboard = message.reply_markup?.inline_keyboard.flat() ?? [];
  const buttons = keyboard.flatMap((b) =>
    'callback_data' in b ? [{ id: b.callback_data, title: b.text }] : [],
  );
  return buttons.length > 0
    ? { ...base, payload: { kind: 'buttons', text, buttons } }
    : { ...base, payload: { kind: 'text', text } };
}
