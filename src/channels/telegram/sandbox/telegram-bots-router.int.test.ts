import { afterAll, describe, expect, it } from 'vitest';
import { startTelegramStandin, type TelegramStandin } from './telegram-bot-api.ts';
import { startTelegramBotsRouter } from './telegram-bots-router.ts';

const TOKEN = '7100000001:AAlazyBotTokenForTheRouterTest-0000000';
const started: TelegramStandin[] = [];
const router = await startTelegramBotsRouter([]);
afterAll(async () => {
  await router.close();
  for (const bot of started) await bot.close();
});

describe("the sandbox's Bot API root", () => {
  it('starts a bot given by how to start it on its first call, once', async () => {
    let starts = 0;
    router.add({
      token: TOKEN,
      start: async () => {
        starts++;
        const bot = await startTelegramStandin({ token: TOKEN, botUsername: 'lazy_bot' });
        started.push(bot);
        return bot.url;
      },
    });
    expect(starts).toBe(0);
    const calls = await Promise.all([1, 2].map(() => fetch(`${router.url}/bot${TOKEN}/getMe`)));
    const answers = await Promise.all(calls.map((r) => r.json()));
    expect(answers.map((a) => a.result.username)).toEqual(['lazy_bot', 'lazy_bot']);
    expect(starts).toBe(1);
  });

  it('answers 404 for a token it does not know, and 502 when a bot cannot start', async () => {
    expect((await fetch(`${router.url}/bot1:unknown/getMe`)).status).toBe(404);
    router.add({ token: '2:broken', start: () => Promise.reject(new Error('no port left')) });
    expect((await fetch(`${router.url}/bot2:broken/getMe`)).status).toBe(502);
  });
});
