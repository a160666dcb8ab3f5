import type { AddressInfo } from 'node:net';
import type { Message } from 'grammy/types';
import { setTelegramWebhook } from '../../src/channels/telegram/index.ts';
import {
  startTelegramStandin,
  type TelegramStandin,
} from '../../src/channels/telegram/sandbox/telegram-bot-api.ts';
import type { AnyArea } from '../../src/core/modules/index.ts';
import type { Clock } from '../../src/platform/clock/index.ts';
import { startTestApp, type TestApp } from './test-app.ts';

/** The app's Telegram settings, pointing at the Bot API stand-in `tg`. */
export const telegramEnv = (
  tg: TelegramStandin,
  names: { webhookSecret?: string; flow?: string } = {},
): Record<string, string> => ({
  TELEGRAM_BOT_TOKEN: tg.token,
  TELEGRAM_API_ROOT: tg.url,
  ...(names.webhookSecret ? { TELEGRAM_WEBHOOK_SECRET: names.webhookSecret } : {}),
  ...(names.flow ? { TELEGRAM_FLOW: names.flow } : {}),
});

/**
 * The real app listening on 127.0.0.1 with a worker, its bot on the Bot API stand-in in webhook
 * mode (the stand-in posts each update to the app, signed with `webhookSecret`); `flow` answers the
 * chats, `env` adds or overrides settings.
 */
export async function startTelegramApp(options: {
  webhookSecret: string;
  flow?: string;
  modules?: AnyArea[];
  clock?: Clock;
  env?: Record<string, string>;
}) {
  const tg = await startTelegramStandin();
  const app: TestApp = await startTestApp({
    modules: options.modules,
    clock: options.clock,
    env: { ...telegramEnv(tg, options), ...options.env },
  });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
  await app.startWorker();
  await setTelegramWebhook(app.deps, baseUrl);
  /** Waits for the bot's `n`-th message to a chat and answers it. */
  const nth = (chat: number, n: number, timeoutMs = 15_000): Promise<Message> =>
    tg
      .waitForMessage(chat, () => tg.sentMessages(chat).length >= n, timeoutMs)
      .then(() => tg.sentMessages(chat)[n - 1]!);
  return {
    app,
    tg,
    baseUrl,
    nth,
    async close() {
      await app.close();
      await tg.close();
    },
  };
}

export type TelegramApp = Awaited<ReturnType<typeof startTelegramApp>>;
