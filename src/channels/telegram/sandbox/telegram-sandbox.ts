import { join } from 'node:path';
import { startTelegramStandin, type TelegramStandin } from './telegram-bot-api.ts';
import { startTelegramBotsRouter } from './telegram-bots-router.ts';

/**
 * The Telegram Bot API played on 127.0.0.1 for the sandbox: one API root (TELEGRAM_API_ROOT) for
 * any number of bots, as api.telegram.org serves every bot, each bot made when an organization is
 * given one. Updates go to the webhook the bot is given (`setWebhook`), as Telegram posts them.
 * With `numbersDir` (the app's data folder) each bot keeps its update and message numbers there, so
 * after a restart on the same data it goes on numbering where it stopped, as Telegram does.
 */
export async function startTelegramSandbox(options: { numbersDir?: string } = {}) {
  const router = await startTelegramBotsRouter([]);
  const bots = new Map<string, Promise<TelegramStandin>>();
  const bot = (token: string, username: string): Promise<TelegramStandin> => {
    let started = bots.get(token);
    if (!started) {
      const numbersFile = options.numbersDir
        ? join(options.numbersDir, `telegram-bot-${token.split(':')[0]}.json`)
        : undefined;
      started = startTelegramStandin({ token, botUsername: username, numbersFile });
      bots.set(token, started);
    }
    return started;
  };
  /** Makes the bot of `token` known to the API root; it starts on its first call. */
  const register = (token: string, username: string) =>
    router.add({ token, start: async () => (await bot(token, username)).url });
  return {
    url: router.url,
    /** An organization's bot costs nothing at start: it starts when first called. */
    register,
    /** The bot of `token`, started if it was not yet. */
    bot(token: string, username: string): Promise<TelegramStandin> {
      register(token, username);
      return bot(token, username);
    },
    /** Tells the bot where to post updates, as the app's `setWebhook` call would. */
    async setWebhook(bot: TelegramStandin, url: string, secret: string): Promise<void> {
      if (bot.currentWebhook()?.url === url) return;
      const res = await fetch(`${bot.url}/bot${bot.token}/setWebhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url, secret_token: secret, allowed_updates: ['message', 'callback_query'] }),
      });
      if (!res.ok) throw new Error(`setWebhook answered ${res.status}`);
    },
    async close(): Promise<void> {
      for (const bot of await Promise.allSettled(bots.values()))
        if (bot.status === 'fulfilled') await bot.value.close();
      await router.close();
    },
  };
}

export type TelegramSandbox = Awaited<ReturnType<typeof startTelegramSandbox>>;
