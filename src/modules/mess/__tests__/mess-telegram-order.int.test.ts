import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { setTelegramWebhook } from '../../../channels/telegram/index.ts';
import {
  startTelegramStandin,
  type TelegramStandin,
} from '../../../channels/telegram/sandbox/telegram-bot-api.ts';
import type { ConversationsTables } from '../../../core/conversations/index.ts';
import { fixedClock } from '../../../platform/clock/index.ts';
import { TZ_ENV } from './mess-fixture.ts';

// Issue 40: the mess bot over Telegram when updates come out of order (item 9).

const SECRET = 'mess-order-secret';
/** Telegram's default wait for a missing update_id, as the channel ships it. */
const GRACE_MS = 2_000;
// Stands still unless a test moves it: a held update's grace passes only when the test says so.
const clock = fixedClock(new Date(Math.floor(Date.now() / 1000) * 1000));
let tg: TelegramStandin;
let app: TestApp;

beforeAll(async () => {
  tg = await startTelegramStandin();
  app = await startTestApp({
    clock,
    env: {
      ...TZ_ENV,
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.url,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    },
  });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  await app.startWorker();
  await setTelegramWebhook(app.deps, `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`);
});
afterAll(async () => {
  await app.close();
  await tg.close();
});

/** This file's updates, numbered as Telegram numbers one bot's updates (the stand-in posts none here). */
let lastUpdateId = 700_000_000;
const nextUpdateId = () => ++lastUpdateId;
const textUpdate = (updateId: number, chat: number, text: string): Update =>
  ({
    update_id: updateId,
    message: {
      message_id: updateId,
      date: Math.floor(clock.now().getTime() / 1000),
      chat: { id: chat, type: 'private', first_name: `S${chat}` },
      from: { id: chat, is_bot: false, first_name: `S${chat}`, language_code: 'en' },
      text,
    },
  }) as Update;
/** Telegram posts an update to the webhook, as it does on one of its parallel connections. */
async function post(update: Update) {
  const res = await app.http.inject({
    method: 'POST',
    url: '/webhooks/telegram',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    payload: update,
  });
  expect(res.statusCode, res.body).toBe(200);
}
const texts = (chat: number) => tg.sentMessages(chat).map((m) => m.text ?? m.caption ?? '[media]');
const nth = (chat: number, n: number) =>
  eventually(() => tg.sentMessages(chat)[n - 1], { what: `${n} messages to ${chat}` });
/** The stored fate of the inbound update with this id. */
const inboundStatus = async (updateId: number) =>
  (
    await app.database.db
      .withTables<ConversationsTables>()
      .selectFrom('conversation_message')
      .select('status')
      .where('direction', '=', 'in')
      .where('channel_message_id', '=', String(updateId))
      .executeTakeFirstOrThrow()
  ).status;
const registration = async (chat: number) =>
  (
    await app.database.db
      .withTables<ConversationsTables>()
      .selectFrom('conversation')
      .select(['state', 'context'])
      .where('channel', '=', 'telegram')
      .where('external_id', '=', String(chat))
      .executeTakeFirstOrThrow()
  ).context;

describe('the mess bot when Telegram posts updates out of order (issue 40, item 9)', () => {
  it('asks Telegram for one connection, so it posts one update at a time', () => {
    expect(tg.currentWebhook()?.maxConnections).toBe(1);
  });

  it("handles a student's name before the roll number typed after it, though the roll number came first", async () => {
    const chat = 8101;
    await post(textUpdate(nextUpdateId(), chat, '/start'));
    expect((await nth(chat, 1)).text).toContain('What is your full name?');
    const name = nextUpdateId();
    const roll = nextUpdateId();

    // Update n+1 (the roll number) is posted before update n (the name): it waits for it.
    await post(textUpdate(roll, chat, 'me301'));
    await app.jobs.settled();
    expect(await inboundStatus(roll)).toBe('received');
    await post(textUpdate(name, chat, 'Asha Verma'));

    expect((await nth(chat, 3)).text).toBe('Your room number?');
    expect(texts(chat)).toEqual([
      expect.stringContaining('What is your full name?'),
      'Your roll number?',
      'Your room number?',
    ]);
    expect(await registration(chat)).toEqual({ name: 'Asha Verma', roll: 'ME301' });
  });

  it('handles an update whose smaller number never comes once its grace has passed', async () => {
    const chat = 8102;
    await post(textUpdate(nextUpdateId(), chat, '/start'));
    await nth(chat, 1);
    // The number before this one went to an update the bot never gets (a group, say).
    nextUpdateId();
    const name = nextUpdateId();
    await post(textUpdate(name, chat, 'Meera Iyer'));
    await app.jobs.settled();
    expect(await inboundStatus(name)).toBe('received');
    expect(texts(chat)).toHaveLength(1);

    clock.advance(GRACE_MS);
    expect((await nth(chat, 2)).text).toBe('Your roll number?');
    expect(await inboundStatus(name)).toBe('processed');
    expect(await registration(chat)).toEqual({ name: 'Meera Iyer' });

    // The missing number was waited for once: the next update, of another student, goes at once.
    const next = nextUpdateId();
    await post(textUpdate(next, 8103, '/start'));
    await app.jobs.settled();
    expect(await inboundStatus(next)).toBe('processed');
  });
});
