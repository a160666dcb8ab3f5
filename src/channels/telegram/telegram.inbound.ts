import type { Update } from 'grammy/types';
import type { StoredInput } from '../../core/conversations/index.ts';

/** One update from a private chat, normalized. */
export interface TelegramInbound {
  /** The user id (= private chat id), decimal. */
  externalId: string;
  displayName?: string;
  /** The update id: Telegram re-delivers an update with the same id until it is confirmed. */
  channelMessageId: string;
  input: StoredInput | null;
  sentAt?: Date;
  /** A button press: the bot's message pressed and the button's data (`<message_id>:<data>`). */
  tap?: string;
}

/**
 * Reads an update into a conversation message; `undefined` for updates that are not a person
 * writing to the bot in a private chat (edits, group messages, member changes).
 */
export function parseTelegramUpdate(update: Update): TelegramInbound | undefined {
  const query = update.callback_query;
  if (query) {
    if (query.message && query.message.chat.type !== 'private') return undefined;
    return {
      externalId: String(query.from.id),
      displayName: nameOf(query.from),
      channelMessageId: String(update.update_id),
      input: query.data ? { kind: 'choice', id: query.data, via: 'tap' } : null,
      ...(query.message && query.data ? { tap: `${query.message.message_id}:${query.data}` } : {}),
    };
  }
  const message = update.message;
  if (!message?.from || message.chat.type !== 'private') return undefined;
  return {
    externalId: String(message.from.id),
    displayName: nameOf(message.from),
    channelMessageId: String(update.update_id),
    input: inputOf(message),
    sentAt: new Date(message.date * 1000),
  };
}

function inputOf(message: NonNullable<Update['message']>): StoredInput | null {
  if (message.text !== undefined) return { kind: 'text', text: message.text };
  const caption = message.caption ? { caption: message.caption } : {};
  if (message.photo?.length) {
    const largest = message.photo[message.photo.length - 1]!;
    return { kind: 'media', mediaKind: 'photo', fileId: largest.file_id, mime: 'image/jpeg', ...caption };
  }
  if (message.document) {
    const d = message.document;
    return {
      kind: 'media',
      mediaKind: 'document',
      fileId: d.file_id,
      ...(d.mime_type ? { mime: d.mime_type } : {}),
      ...(d.file_name ? { fileName: d.file_name } : {}),
      ...caption,
    };
  }
  if (message.contact) {
    const name = [message.contact.first_name, message.contact.last_name].filter(Boolean).join(' ');
    return { kind: 'contact', phone: message.contact.phone_number, ...(name ? { name } : {}) };
  }
  return null;
}

function nameOf(user: { first_name: string; last_name?: string; username?: string }): string {
  return [user.first_name, user.last_name].filter(Boolean).join(' ') || user.username || '';
}

/** The app language Telegram reports for the person, if any. */
export function telegramLanguageOf(raw: unknown): string | null {
  const update = raw as Partial<Update> | null;
  return update?.message?.from?.language_code ?? update?.callback_query?.from?.language_code ?? null;
}
