import { createHash, randomBytes } from 'node:crypto';
import type { Document, File, Message, PhotoSize, UserFromGetMe } from 'grammy/types';
import { createChangeSignal } from '../../../platform/loopback/index.ts';
import type { StandinNumbers } from './telegram-bot-api.numbers.ts';

export type Params = Record<string, unknown>;
export interface StoredFile extends File {
  bytes: Buffer;
}

/** An error the Bot API reports as `{ ok: false, error_code, description }`. */
export class BotApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
  ) {
    super(description);
  }
}
export const badRequest = (why: string) => new BotApiError(400, `Bad Request: ${why}`);

/** Messages, files and callback queries of one stand-in bot, shared by the HTTP methods and the test helpers. */
export function createTelegramStore(botUser: UserFromGetMe, numbers: StandinNumbers) {
  const messages = new Map<string, Message>();
  const files = new Map<string, StoredFile>();
  const signal = createChangeSignal();
  const key = (chatId: number, messageId: number) => `${chatId}:${messageId}`;
  return {
    botUser,
    signal,
    files,
    openCallbackQueries: new Set<string>(),
    callbackAnswers: [] as Params[],
    now: () => Math.floor(Date.now() / 1000),
    /** Telegram numbers messages per private chat, starting at 1. */
    nextMessageId: (chatId: number): number => numbers.nextMessageId(chatId),
    message: (chatId: number, messageId: number) => messages.get(key(chatId, messageId)),
    remember(message: Message): Message {
      messages.set(key(message.chat.id, message.message_id), message);
      signal.notify();
      return message;
    },
    botMessagesTo(chatId: number): Message[] {
      return [...messages.values()].filter((m) => m.chat.id === chatId && m.from?.id === botUser.id);
    },
    storeFile(bytes: Buffer, folder: 'photos' | 'documents', extension: string): StoredFile {
      const file_unique_id = createHash('sha256').update(bytes).digest('base64url').slice(0, 16);
      const file_id = `${folder === 'photos' ? 'AgAC' : 'BQAC'}${randomBytes(12).toString('base64url')}`;
      const file_path = `${folder}/file_${files.size}.${extension}`;
      const file = { file_id, file_unique_id, file_size: bytes.length, file_path, bytes };
      files.set(file_id, file);
      return file;
    },
    /** Real photos come in several sizes; the stand-in sends one, with made-up dimensions. */
    photoSizes: (file: StoredFile): PhotoSize[] => [
      {
        file_id: file.file_id,
        file_unique_id: file.file_unique_id,
        file_size: file.file_size,
        width: 800,
        height: 600,
      },
    ],
    documentOf: (file: StoredFile, file_name: string, mime_type: string): Document => ({
      file_id: file.file_id,
      file_unique_id: file.file_unique_id,
      file_size: file.file_size,
      file_name,
      mime_type,
    }),
  };
}

export type TelegramStore = ReturnType<typeof createTelegramStore>;
