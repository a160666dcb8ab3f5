import type { InlineKeyboardMarkup, Message } from 'grammy/types';
import type { MultipartFile } from '../../../platform/loopback/index.ts';
import { badRequest, type Params, type StoredFile, type TelegramStore } from './telegram-bot-api.store.ts';

export type BotMethod = (params: Params, uploads: Record<string, MultipartFile>) => unknown;

/** What the methods need from the update queue, which lives with the HTTP server. */
export interface WebhookControl {
  set(
    webhook: { url: string; secret?: string; maxConnections: number } | undefined,
    dropPending: boolean,
  ): void;
  info(): {
    url: string;
    has_custom_certificate: false;
    pending_update_count: number;
    max_connections?: number;
  };
}

const isTrue = (value: unknown) => value === true || value === 'true';

function chatIdOf(params: Params): number {
  const raw = params.chat_id;
  if (raw === undefined || raw === '') throw badRequest('chat_id is empty');
  const id = Number(raw);
  if (!Number.isFinite(id)) throw badRequest('chat not found');
  return id;
}

function parseJson<T>(value: unknown): T | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return value as T;
  try {
    return JSON.parse(value) as T;
  } catch {
    throw badRequest("can't parse reply keyboard markup JSON object");
  }
}

/** Validates an inline keyboard the way the Bot API does (callback_data is 1–64 bytes). */
function replyMarkupOf(params: Params): InlineKeyboardMarkup | undefined {
  const markup = parseJson<InlineKeyboardMarkup>(params.reply_markup);
  if (!markup?.inline_keyboard) return markup;
  if (!Array.isArray(markup.inline_keyboard) || !markup.inline_keyboard.every(Array.isArray))
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  // The markup is a client's JSON: each button is read as the fields it sent, whatever its type says.
  for (const sent of markup.inline_keyboard.flat()) {
    const button: Params = { ...sent };
    if (typeof button.text !== 'string' || button.text === '')
      throw badRequest('text buttons are unallowed in the inline keyboard');
    const data = button.callback_data;
    if (typeof data === 'string' && (data === '' || Buffer.byteLength(data) > 64))
      throw badRequest('BUTTON_DATA_INVALID');
    if (data === undefined && button.url === undefined)
      throw badRequest(
        "can't parse inline keyboard button: InlineKeyboardButton must have an optional field",
      );
  }
  return markup;
}

function messageText(text: unknown): string {
  if (typeof text !== 'string' || text.trim() === '') throw badRequest('message text is empty');
  if (text.length > 4096) throw badRequest('message is too long');
  return text;
}

function captionOf(params: Params): { caption?: string } {
  const caption = params.caption;
  if (typeof caption !== 'string' || caption === '') return {};
  if (caption.length > 1024) throw badRequest('message caption is too long');
  return { caption };
}

interface Upload {
  bytes: Buffer;
  fileName?: string;
  mime?: string;
  known?: StoredFile;
}

/** A file parameter is a multipart part (directly or via `attach://name`), a known file_id, or an HTTP URL. */
async function resolveUpload(
  store: TelegramStore,
  field: string,
  params: Params,
  uploads: Record<string, MultipartFile>,
): Promise<Upload> {
  const value = params[field];
  const attached =
    typeof value === 'string' && value.startsWith('attach://') ? uploads[value.slice(9)] : uploads[field];
  if (attached) return { bytes: attached.data, fileName: attached.fileName, mime: attached.contentType };
  if (typeof value !== 'string' || value === '') throw badRequest('there is no file in the request');
  const known = store.files.get(value);
  if (known) return { bytes: known.bytes, known };
  if (!/^https?:\/\//.test(value)) throw badRequest('wrong file identifier/HTTP URL specified');
  const response = await fetch(value, { signal: AbortSignal.timeout(5_000) }).catch(() => undefined);
  if (!response?.ok) throw badRequest('failed to get HTTP URL content');
  const bytes = Buffer.from(await response.arrayBuffer());
  const fileName = new URL(value).pathname.split('/').pop() || undefined;
  return { bytes, fileName, mime: response.headers.get('content-type') ?? undefined };
}

/** The Bot API methods the stand-in implements; each returns the `result` or throws BotApiError. */
export function createBotMethods(store: TelegramStore, webhook: WebhookControl): Record<string, BotMethod> {
  const { botUser } = store;

  function sendAsBot(params: Params, content: Partial<Message>): Message {
    const chatId = chatIdOf(params);
    const markup = replyMarkupOf(params);
    const chat = { id: chatId, type: 'private' as const, first_name: `User ${chatId}` };
    const base = {
      message_id: store.nextMessageId(chatId),
      from: botUser,
      chat,
      date: store.now(),
      ...content,
    };
    return store.remember({ ...base, ...(markup ? { reply_markup: markup } : {}) } as Message);
  }

  function edit(params: Params, text?: string): Message {
    const old = store.message(chatIdOf(params), Number(params.message_id));
    if (!old || old.from?.id !== botUser.id) throw badRequest('message to edit not found');
    const markup = replyMarkupOf(params);
    const newText = text ?? old.text;
    if (newText === old.text && JSON.stringify(markup) === JSON.stringify(old.reply_markup))
      throw badRequest(
        'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
      );
    const { reply_markup: _previous, ...rest } = old;
    const edited = {
      ...rest,
      text: newText,
      edit_date: store.now(),
      ...(markup ? { reply_markup: markup } : {}),
    };
    return store.remember(edited as Message);
  }

  return {
    getMe: () => botUser,
    logOut: () => true,
    close: () => true,
    getWebhookInfo: () => webhook.info(),
    setWebhook: (p) => {
      const url = typeof p.url === 'string' ? p.url : '';
      const secret = typeof p.secret_token === 'string' && p.secret_token !== '' ? p.secret_token : undefined;
      if (secret && !/^[A-Za-z0-9_-]{1,256}$/.test(secret))
        throw badRequest('secret token contains unallowed characters');
      if (url !== '' && !/^https?:\/\//.test(url))
        throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
      // 1-100, 40 when not given; the stand-in records it but posts one update at a time whatever it is.
      const maxConnections = p.max_connections === undefined ? 40 : Number(p.max_connections);
      if (!Number.isInteger(maxConnections) || maxConnections < 1 || maxConnections > 100)
        throw badRequest('bad webhook: max_connections must be between 1 and 100');
      webhook.set(url === '' ? undefined : { url, secret, maxConnections }, isTrue(p.drop_pending_updates));
      return true;
    },
    deleteWebhook: (p) => {
      webhook.set(undefined, isTrue(p.drop_pending_updates));
      return true;
    },
    sendMessage: (p) => sendAsBot(p, { text: messageText(p.text) }),
    editMessageText: (p) => edit(p, messageText(p.text)),
    editMessageReplyMarkup: (p) => edit(p),
    answerCallbackQuery: (p) => {
      const id = String(p.callback_query_id ?? '');
      if (!store.openCallbackQueries.delete(id))
        throw badRequest('query is too old and response timeout expired or query ID is invalid');
      store.callbackAnswers.push({ ...p });
      store.signal.notify();
      return true;
    },
    sendPhoto: async (p, uploads) => {
      const caption = captionOf(p);
      const upload = await resolveUpload(store, 'photo', p, uploads);
      const file = upload.known ?? store.storeFile(upload.bytes, 'photos', 'jpg');
      return sendAsBot(p, { photo: store.photoSizes(file), ...caption });
    },
    sendDocument: async (p, uploads) => {
      const caption = captionOf(p);
      const upload = await resolveUpload(store, 'document', p, uploads);
      const fileName = upload.fileName ?? upload.known?.file_path?.split('/').pop() ?? 'document.dat';
      const file =
        upload.known ?? store.storeFile(upload.bytes, 'documents', fileName.split('.').pop() ?? 'dat');
      const document = store.documentOf(file, fileName, upload.mime ?? 'application/octet-stream');
      return sendAsBot(p, { document, ...caption });
    },
    getFile: (p) => {
      const file = store.files.get(String(p.file_id ?? ''));
      if (!file) throw badRequest('invalid file_id');
      const { bytes: _bytes, ...meta } = file;
      return meta;
    },
  };
}
