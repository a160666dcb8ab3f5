import type { StoredInput } from '../../core/conversations/index.ts';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** One person's message from the `messages` webhook field, normalized. */
export interface WhatsAppInbound {
  phoneNumberId: string;
  from: string;
  name?: string;
  id: string;
  sentAt?: Date;
  /** null: a kind flows do not handle (sticker, location, reaction, unsupported). */
  input: StoredInput | null;
  /** A button or list press: the message that carried it and the choice (`<context wamid>:<id>`). */
  tap?: string;
  raw: Json;
}

/** A delivery report for a message the business sent. */
export interface WhatsAppStatus {
  phoneNumberId: string;
  id: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  at?: Date;
  errors?: unknown[];
  /** `biz_opaque_callback_data`: what the send carried (our message id), echoed back. */
  reference?: string;
}

/** Every business number a delivery speaks for (`entry[].changes[].value.metadata.phone_number_id`). */
export function phoneNumberIdsOf(body: unknown): string[] {
  const ids = new Set<string>();
  for (const entry of arr(obj(body).entry))
    for (const change of arr(obj(entry).changes)) {
      const id = str(obj(obj(obj(change).value).metadata).phone_number_id);
      if (id) ids.add(id);
    }
  return [...ids];
}

const STATUSES = new Set(['sent', 'delivered', 'read', 'failed']);

/**
 * Reads a webhook envelope (`entry[].changes[].value`) into messages and statuses. Unknown shapes are
 * skipped, never thrown: Meta adds fields and kinds over time.
 */
export function parseWhatsAppWebhook(body: unknown): {
  messages: WhatsAppInbound[];
  statuses: WhatsAppStatus[];
} {
  const messages: WhatsAppInbound[] = [];
  const statuses: WhatsAppStatus[] = [];
  for (const entry of arr(obj(body).entry)) {
    for (const change of arr(obj(entry).changes)) {
      const value = obj(obj(change).value);
      const phoneNumberId = str(obj(value.metadata).phone_number_id);
      if (!phoneNumberId) continue;
      const names = new Map(
        arr(value.contacts).map((c) => [str(obj(c).wa_id) ?? '', str(obj(obj(c).profile).name)] as const),
      );
      for (const m of arr(value.messages)) {
        const message = obj(m);
        const from = str(message.from);
        const id = str(message.id);
        if (!from || !id) continue;
        const input = inputOf(message);
        const tap = tapOf(message, input);
        messages.push({
          phoneNumberId,
          from,
          name: names.get(from),
          id,
          sentAt: dateOf(message.timestamp),
          input,
          ...(tap ? { tap } : {}),
          raw: message,
        });
      }
      for (const s of arr(value.statuses)) {
        const status = obj(s);
        const id = str(status.id);
        const kind = str(status.status);
        if (!id || !kind || !STATUSES.has(kind)) continue;
        statuses.push({
          phoneNumberId,
          id,
          status: kind as WhatsAppStatus['status'],
          at: dateOf(status.timestamp),
          ...(Array.isArray(status.errors) ? { errors: status.errors } : {}),
          ...(str(status.biz_opaque_callback_data)
            ? { reference: str(status.biz_opaque_callback_data) }
            : {}),
        });
      }
    }
  }
  return { messages, statuses };
}

/** The normalized input of one message; taps become choices by id (never by title). */
export function inputOf(message: Json): StoredInput | null {
  switch (message.type) {
    case 'text':
      return { kind: 'text', text: str(obj(message.text).body) ?? '' };
    case 'interactive': {
      const interactive = obj(message.interactive);
      const reply = obj(interactive.button_reply ?? interactive.list_reply);
      const id = str(reply.id);
      return id ? { kind: 'choice', id, via: 'tap' } : null;
    }
    case 'button': {
      // quick-reply button of a template: the payload is the id
      const payload = str(obj(message.button).payload);
      return payload ? { kind: 'choice', id: payload, via: 'tap' } : null;
    }
    case 'image':
    case 'document': {
      const media = obj(message[message.type]);
      const fileId = str(media.id);
      if (!fileId) return null;
      return {
        kind: 'media',
        mediaKind: message.type === 'image' ? 'photo' : 'document',
        fileId,
        ...(str(media.mime_type) ? { mime: str(media.mime_type) } : {}),
        ...(str(media.filename) ? { fileName: str(media.filename) } : {}),
        ...(str(media.caption) ? { caption: str(media.caption) } : {}),
        ...(str(media.sha256) ? { sha256: str(media.sha256) } : {}),
      };
    }
    case 'contacts': {
      const first = obj(arr(message.contacts)[0]);
      const phone = str(obj(arr(first.phones)[0]).wa_id) ?? str(obj(arr(first.phones)[0]).phone);
      const name = str(obj(first.name).formatted_name);
      return phone ? { kind: 'contact', phone, ...(name ? { name } : {}) } : null;
    }
    default:
      return null;
  }
}

/** A tap names the message it answers (`context.id`, the wamid of ours that carried the buttons). */
function tapOf(message: Json, input: StoredInput | null): string | undefined {
  const context = str(obj(message.context).id);
  return input?.kind === 'choice' && context ? `${context}:${input.id}` : undefined;
}

function dateOf(timestamp: unknown): Date | undefined {
  const seconds = Number(timestamp);
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : undefined;
}
