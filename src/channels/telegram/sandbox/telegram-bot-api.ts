import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { Message, Update, User, UserFromGetMe } from 'grammy/types';
import { createLoopbackApp, isMultipartForm, listenOnLoopback } from '../../../platform/loopback/index.ts';
import { trackConnections } from './telegram-bot-api.connections.ts';
import { createTelegramFaults, type TelegramFault } from './telegram-bot-api.faults.ts';
import { createBotMethods } from './telegram-bot-api.methods.ts';
import { createStandinNumbers } from './telegram-bot-api.numbers.ts';
import { BotApiError, createTelegramStore, type Params } from './telegram-bot-api.store.ts';

export interface TelegramStandinOptions {
  /** Bot token accepted in `/bot<token>/`; its numeric prefix is the bot's user id. */
  token?: string;
  botUsername?: string;
  /** Attempts per update when the webhook answers non-2xx (real Telegram keeps retrying for hours). */
  webhookAttempts?: number;
  webhookRetryDelayMs?: number;
  /**
   * Where the bot keeps its update and message numbers, so a stand-in started again on it goes on
   * from the last ones as Telegram does (the sandbox's data folder); without, it counts afresh.
   */
  numbersFile?: string;
}
/** A user id, or a partial Telegram user; the private chat id equals the user id. */
export type TelegramUserRef =
  | number
  | { id: number; first_name?: string; username?: string; language_code?: string };
export interface WebhookDelivery {
  updateId: number;
  status: number | 'network-error';
  secretHeader?: string;
}
type Webhook = { url: string; secret?: string; maxConnections: number };

const CONFLICT_WEBHOOK = {
  ok: false,
  error_code: 409,
  description:
    "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
};
const CONFLICT_POLLER = {
  ok: false,
  error_code: 409,
  description:
    'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
};

/** A Telegram Bot API server for one bot on 127.0.0.1, with long polling, webhooks and file downloads. */
export async function startTelegramStandin(opts: TelegramStandinOptions = {}) {
  const token = opts.token ?? '7000000001:AAStandinTokenForOpsdeskTests-000000';
  const botUser = {
    id: Number(token.split(':')[0]),
    is_bot: true,
    first_name: 'Opsdesk Test Bot',
    username: opts.botUsername ?? 'opsdesk_test_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  } as UserFromGetMe;
  const numbers = createStandinNumbers(opts.numbersFile);
  const store = createTelegramStore(botUser, numbers);
  const faults = createTelegramFaults();
  const { app, requests } = createLoopbackApp({ multipart: true });
  const connections = trackConnections(app.server);
  const pending: Update[] = [];
  const webhookDeliveries: WebhookDelivery[] = [];
  let webhook: Webhook | undefined;
  let poller: { limit: number; finish: (body: unknown) => void } | undefined;
  let pumping = false;
  let closed = false;

  const methods = createBotMethods(store, {
    set(next, dropPending) {
      if (dropPending) pending.length = 0;
      webhook = next;
      if (webhook) poller?.finish(CONFLICT_WEBHOOK);
      void pumpWebhook();
    },
    info: () => ({
      url: webhook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: pending.length,
      ...(webhook ? { max_connections: webhook.maxConnections } : {}),
    }),
  });
  async function callMethod(
    method: string,
    params: Params,
    uploads: Parameters<(typeof methods)[string]>[1],
  ) {
    const run = methods[method];
    if (!run) throw new BotApiError(404, 'Not Found');
    return run(params, uploads);
  }

  function pushUpdate(body: Omit<Update, 'update_id'>): Update {
    const update = { update_id: numbers.nextUpdateId(), ...body } as Update;
    pending.push(update);
    poller?.finish({ ok: true, result: pending.slice(0, poller.limit) });
    void pumpWebhook();
    return update;
  }

  /** Delivers pending updates one by one, in order; an update is confirmed by a 2xx answer. */
  async function pumpWebhook(): Promise<void> {
    if (pumping) return;
    pumping = true;
    let attempt = 0;
    while (webhook && pending.length > 0 && !closed) {
      const update = pending[0]!;
      const status = await deliverToWebhook(webhook, update);
      attempt += 1;
      if ((typeof status === 'number' && status < 300) || attempt >= (opts.webhookAttempts ?? 3)) {
        if (pending[0] === update) pending.shift();
        attempt = 0;
      } else await new Promise((resolve) => setTimeout(resolve, opts.webhookRetryDelayMs ?? 100));
    }
    pumping = false;
  }

  async function deliverToWebhook(target: Webhook, update: Update): Promise<WebhookDelivery['status']> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (target.secret) headers['x-telegram-bot-api-secret-token'] = target.secret;
    let status: WebhookDelivery['status'] = 'network-error';
    try {
      const body = JSON.stringify(update);
      const response = await fetch(target.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(10_000),
      });
      status = response.status;
      const answer = (await response.text()).trim();
      // A webhook may answer with a method call in its body, which Telegram then executes ("webhook reply").
      if (status < 300 && answer.startsWith('{')) {
        const { method, ...params } = JSON.parse(answer) as Params;
        if (typeof method === 'string') await callMethod(method, params, {}).catch(() => undefined);
      }
    } catch {
      // network errors count as failed deliveries and are retried
    }
    webhookDeliveries.push({ updateId: update.update_id, status, secretHeader: target.secret });
    return status;
  }

  /** Long polling: `offset` confirms earlier updates; the call is held up to `timeout` seconds. */
  function getUpdates(params: Params, reply: FastifyReply): unknown {
    if (webhook) return CONFLICT_WEBHOOK;
    const offset = Number(params.offset ?? 0);
    if (offset < 0) pending.splice(0, Math.max(0, pending.length + offset));
    else while (pending.length > 0 && pending[0]!.update_id < offset) pending.shift();
    const limit = Math.min(Math.max(Number(params.limit ?? 100), 1), 100);
    const timeout = Number(params.timeout ?? 0);
    if (pending.length > 0 || timeout <= 0) return { ok: true, result: pending.slice(0, limit) };
    poller?.finish(CONFLICT_POLLER);
    return new Promise((resolve) => {
      const timer = setTimeout(() => mine.finish({ ok: true, result: [] }), timeout * 1000);
      const mine = {
        limit,
        finish: (body: unknown) => {
          clearTimeout(timer);
          if (poller === mine) poller = undefined;
          resolve(body);
        },
      };
      poller = mine;
      reply.raw.on('close', () => mine.finish({ ok: true, result: [] }));
    });
  }

  app.setErrorHandler((error: Error & { statusCode?: number }, _req, reply) => {
    const code = error instanceof BotApiError ? error.errorCode : (error.statusCode ?? 500);
    const description = error instanceof BotApiError ? error.description : `Bad Request: ${error.message}`;
    return reply.code(code).send({ ok: false, error_code: code, description });
  });
  app.route({
    method: ['GET', 'POST'],
    url: '/bot:token/:method',
    handler: async (req, reply) => {
      const { token: given, method } = req.params as { token: string; method: string };
      if (given !== token)
        return reply.code(401).send({ ok: false, error_code: 401, description: 'Unauthorized' });
      const form = isMultipartForm(req.body) ? req.body : undefined;
      const params = { ...(req.query as Params), ...(form ? form.fields : ((req.body ?? {}) as Params)) };
      if (method === 'getUpdates') {
        const result = (await getUpdates(params, reply)) as { error_code?: number };
        return reply.code(result.error_code ?? 200).send(result);
      }
      const fault = faults.take(method);
      if (fault?.kind === 'retry-after') return reply.code(429).send(faults.retryAfter(fault.seconds));
      if (fault?.kind === 'refused') return reply.code(fault.errorCode).send(faults.refusal(fault));
      const result = await callMethod(method, params, form?.files ?? {});
      if (fault) return faults.answerAfterDelivery(fault, reply);
      return { ok: true, result };
    },
  });
  app.get('/file/bot:token/*', async (req, reply) => {
    const { token: given, '*': path } = req.params as { token: string; '*': string };
    const file = given === token ? [...store.files.values()].find((f) => f.file_path === path) : undefined;
    if (!file) return reply.code(404).send({ ok: false, error_code: 404, description: 'Not Found' });
    return reply.type('application/octet-stream').send(file.bytes);
  });
  const url = await listenOnLoopback(app);

  function toUser(ref: TelegramUserRef): User {
    const base = typeof ref === 'number' ? { id: ref } : ref;
    return { is_bot: false, first_name: `User ${base.id}`, language_code: 'en', ...base };
  }
  function userMessage(ref: TelegramUserRef, content: Partial<Message>): Message {
    const from = toUser(ref);
    const chat = { id: from.id, type: 'private' as const, first_name: from.first_name };
    const message = { message_id: store.nextMessageId(from.id), from, chat, date: store.now(), ...content };
    store.remember(message as Message);
    pushUpdate({ message } as Omit<Update, 'update_id'>);
    return message as Message;
  }

  return {
    url,
    token,
    botUser,
    requests,
    webhookDeliveries,
    callbackAnswers: store.callbackAnswers,
    pendingUpdates: (): Update[] => [...pending],
    currentWebhook: (): Webhook | undefined => (webhook ? { ...webhook } : undefined),
    /** Whether a `getUpdates` call is being held open, waiting for an update. */
    holdsPoll: (): boolean => poller !== undefined,
    /** The user writes to the bot; a leading `/command` gets a bot_command entity as in real updates. */
    userSendsText(user: TelegramUserRef, text: string): Message {
      const command = /^\/\w+(@\w+)?/.exec(text);
      const entities = command
        ? [{ type: 'bot_command' as const, offset: 0, length: command[0].length }]
        : [];
      return userMessage(user, { text, ...(entities.length > 0 ? { entities } : {}) });
    },
    /** The user presses an inline button; returns the callback query id the bot must answer. */
    userTapsButton(user: TelegramUserRef, messageId: number, callbackData: string): string {
      const from = toUser(user);
      const id = `${Date.now()}${randomBytes(4).readUInt32BE()}`;
      const message = store.message(from.id, messageId);
      store.openCallbackQueries.add(id);
      const query = {
        id,
        from,
        chat_instance: `ci${from.id}`,
        data: callbackData,
        ...(message ? { message } : {}),
      };
      pushUpdate({ callback_query: query } as Omit<Update, 'update_id'>);
      return id;
    },
    userSendsPhoto(user: TelegramUserRef, bytes: Uint8Array, caption?: string): Message {
      const file = store.storeFile(Buffer.from(bytes), 'photos', 'jpg');
      return userMessage(user, { photo: store.photoSizes(file), ...(caption ? { caption } : {}) });
    },
    userSendsDocument(user: TelegramUserRef, bytes: Uint8Array, fileName: string, mime: string): Message {
      const file = store.storeFile(Buffer.from(bytes), 'documents', fileName.split('.').pop() ?? 'dat');
      return userMessage(user, { document: store.documentOf(file, fileName, mime) });
    },
    /** Messages the bot sent to a chat in their current state (edits applied), keyboards in `reply_markup`. */
    sentMessages: (chatId: number): Message[] => store.botMessagesTo(chatId),
    waitForMessage(
      chatId: number,
      predicate: (m: Message) => boolean = () => true,
      timeoutMs = 25_000,
    ): Promise<Message> {
      const seen = () =>
        JSON.stringify(store.botMessagesTo(chatId).map((m) => m.text ?? m.caption ?? '[media]'));
      return store.signal.waitFor(
        () => store.botMessagesTo(chatId).find(predicate),
        timeoutMs,
        () => `no match in ${seen()}`,
      );
    },
    waitForCallbackAnswer(callbackQueryId: string, timeoutMs = 25_000): Promise<Params> {
      const probe = () => store.callbackAnswers.find((a) => a.callback_query_id === callbackQueryId);
      return store.signal.waitFor(
        probe,
        timeoutMs,
        () => `callback query ${callbackQueryId} was not answered`,
      );
    },
    fileBytes: (fileId: string): Buffer | undefined => store.files.get(fileId)?.bytes,
    /** The next `count` calls of `method` fail as `fault` says (see `telegram-bot-api.faults.ts`). */
    injectFault(method: string, fault: TelegramFault, count = 1): void {
      faults.inject(method, fault, count);
    },
    /**
     * Closes the kept-alive connections no call is using, as Telegram does once one stayed idle
     * past its keep-alive time; resolves once they are closed here. Answers how many.
     */
    closeIdleConnections: (): Promise<number> => connections.closeIdle(),
    async close(): Promise<void> {
      closed = true;
      faults.releaseAll();
      poller?.finish({ ok: true, result: [] });
      await app.close();
    },
  };
}

export type TelegramStandin = Awaited<ReturnType<typeof startTelegramStandin>>;
