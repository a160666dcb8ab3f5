import type { Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStudent } from '../../../../test/factories/student.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { chatStatuses, repliedChat } from '../../../../test/support/stored-chat.ts';
import { startTelegramApp, type TelegramApp } from '../../../../test/support/telegram-app.ts';
import type { ConversationsTables } from '../../../core/conversations/index.ts';
import { fixedClock } from '../../../platform/clock/index.ts';
import { TZ_ENV } from './mess-fixture.ts';

// Issue 40: the mess bot over Telegram when updates come out of order (item 9), when a prompt never
// left (item 12) and when a student taps a button twice (item 14).

const SECRET = 'mess-order-secret';
/** Telegram's default wait for a missing update_id, as the channel ships it. */
const GRACE_MS = 2_000;
// Stands still unless a test moves it: a held update's grace passes only when the test says so.
const clock = fixedClock(new Date(Math.floor(Date.now() / 1000) * 1000));
let h: TelegramApp;

beforeAll(async () => {
  h = await startTelegramApp({ webhookSecret: SECRET, clock, env: TZ_ENV });
  await h.app.createStaff({ email: 'owner@example.com', role: 'owner' });
});
afterAll(async () => h.close());

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
  const res = await h.app.http.inject({
    method: 'POST',
    url: '/webhooks/telegram',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    payload: update,
  });
  expect(res.statusCode, res.body).toBe(200);
}
const texts = (chat: number) => h.tg.sentMessages(chat).map((m) => m.text ?? m.caption ?? '[media]');
const _nth = (chat: number, n: number) =>
  eventually(() => h.tg.sentMessages(chat)[n - 1], { what: `${n} messages to ${chat}` });
/** The stored fate of the inbound update with this id. */
const inboundStatus = async (updateId: number) =>
  (
    await h.app.database.db
      .withTables<ConversationsTables>()
      .selectFrom('conversation_message')
      .select('status')
      .where('direction', '=', 'in')
      .where('channel_message_id', '=', String(updateId))
      .executeTakeFirstOrThrow()
  ).status;
/** What the history says became of the bot's replies to a chat, in order. */
const replyStatuses = (chat: number) => chatStatuses(h.app, 'telegram', String(chat), 'out');
const BLOCKED = {
  kind: 'refused',
  errorCode: 403,
  description: 'Forbidden: bot was blocked by the user',
} as const;
const registration = async (chat: number) =>
  (
    await h.app.database.db
      .withTables<ConversationsTables>()
      .selectFrom('conversation')
      .select(['state', 'context'])
      .where('channel', '=', 'telegram')
      .where('external_id', '=', String(chat))
      .executeTakeFirstOrThrow()
  ).context;

describe('the mess bot when Telegram posts updates out of order (issue 40, item 9)', () => {
  it('asks Telegram for one connection, so it posts one update at a time', () => {
    expect(h.tg.currentWebhook()?.maxConnections).toBe(1);
  });

  it("handles a student's name before the roll number typed after it, though the roll number came first", async () => {
    const chat = 8101;
    await post(textUpdate(nextUpdateId(), chat, '/start'));
    expect((await h.nth(chat, 1)).text).toContain('What is your full name?');
    const name = nextUpdateId();
    const roll = nextUpdateId();

    // Update n+1 (the roll number) is posted before update n (the name): it waits for it.
    await post(textUpdate(roll, chat, 'me301'));
    await h.app.jobs.settled();
    expect(await inboundStatus(roll)).toBe('received');
    await post(textUpdate(name, chat, 'Asha Verma'));

    expect((await h.nth(chat, 3)).text).toBe('Your room number?');
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
    await h.nth(chat, 1);
    // The number before this one went to an update the bot never gets (a group, say).
    nextUpdateId();
    const name = nextUpdateId();
    await post(textUpdate(name, chat, 'Meera Iyer'));
    await h.app.jobs.settled();
    expect(await inboundStatus(name)).toBe('received');
    expect(texts(chat)).toHaveLength(1);

    clock.advance(GRACE_MS);
    expect((await h.nth(chat, 2)).text).toBe('Your roll number?');
    expect(await inboundStatus(name)).toBe('processed');
    expect(await registration(chat)).toEqual({ name: 'Meera Iyer' });

    // The missing number was waited for once: the next update, of another student, goes at once.
    const next = nextUpdateId();
    await post(textUpdate(next, 8103, '/start'));
    await h.app.jobs.settled();
    expect(await inboundStatus(next)).toBe('processed');
  });
});

describe('the mess bot when a prompt never reached the student (issue 40, item 12)', () => {
  it('asks again a question Telegram refused, instead of taking the next text as its answer', async () => {
    const chat = 8201;
    h.tg.injectFault('sendMessage', BLOCKED);
    await post(textUpdate(nextUpdateId(), chat, '/start'));
    await eventually(async () => (await replyStatuses(chat)).join() === 'failed', {
      what: 'the refused prompt recorded as failed',
    });
    expect(texts(chat)).toEqual([]);

    // The student never saw "What is your full name?": their next text is no name.
    await post(textUpdate(nextUpdateId(), chat, 'hello?'));
    expect((await h.nth(chat, 1)).text).toContain('What is your full name?');
    await h.app.jobs.settled();
    expect(await registration(chat)).toEqual({});
    await post(textUpdate(nextUpdateId(), chat, 'Asha Verma'));
    expect((await h.nth(chat, 2)).text).toBe('Your roll number?');
    expect(await registration(chat)).toEqual({ name: 'Asha Verma' });
    // Each sent reply is recorded just after the Bot API took it: wait for the records.
    await repliedChat(h.app, 'telegram', String(chat));
    expect(await replyStatuses(chat)).toEqual(['failed', 'sent', 'sent']);
  });

  it('asks again only once: when the repeated question is refused too, the next text is the answer', async () => {
    const chat = 8202;
    h.tg.injectFault('sendMessage', BLOCKED, 2);
    await post(textUpdate(nextUpdateId(), chat, '/start'));
    await eventually(async () => (await replyStatuses(chat)).join() === 'failed', {
      what: 'the first refusal',
    });
    await post(textUpdate(nextUpdateId(), chat, 'hello?'));
    await eventually(async () => (await replyStatuses(chat)).join() === 'failed,failed', {
      what: 'the repeated question refused too',
    });
    await post(textUpdate(nextUpdateId(), chat, 'Kiran Das'));
    expect((await h.nth(chat, 1)).text).toBe('Your roll number?');
    expect(await registration(chat)).toEqual({ name: 'Kiran Das' });
  });

  it('counts on the dashboard the prompts Telegram never confirmed, apart from those that failed', async () => {
    const chat = 8203;
    h.tg.injectFault('sendMessage', { kind: 'server-error-after-delivery', status: 502 });
    await post(textUpdate(nextUpdateId(), chat, '/start'));
    await eventually(async () => (await replyStatuses(chat)).join() === 'unconfirmed', {
      what: 'the prompt answered 502 recorded as unconfirmed',
    });
    const owner = await h.app.signIn('owner@example.com');
    const res = await owner.get('/api/health/channels');
    expect(res.statusCode, res.body).toBe(200);
    const telegram = (res.json() as { items: Array<{ channel: string }> }).items.find(
      (c) => c.channel === 'telegram',
    );
    expect(telegram).toMatchObject({ failed: 3, stuck: 0, unconfirmed: 1 });
  });
});

describe('the mess bot when a student taps a button twice (issue 40, item 14)', () => {
  it('issues one new pass for "New QR" tapped twice on one menu, and another when tapped again later', async () => {
    const chat = 8301;
    await createStudent(h.app, { telegramId: String(chat), name: 'Ravi Kumar' });
    h.tg.userSendsText(chat, '/start');
    const menu = await eventually(() => h.tg.sentMessages(chat).find((m) => m.reply_markup), {
      what: 'the menu',
    });
    const passes = () =>
      h.tg
        .sentMessages(chat)
        .map((m) => m.caption ?? '')
        .filter((c) => c.startsWith('Your meal pass'));

    const first = h.tg.userTapsButton(chat, menu.message_id, 'newqr');
    const second = h.tg.userTapsButton(chat, menu.message_id, 'newqr');
    // Both presses are answered (the button stops spinning); one of them acts.
    await h.tg.waitForCallbackAnswer(first);
    await h.tg.waitForCallbackAnswer(second);
    const chatAfter = await repliedChat(h.app, 'telegram', String(chat));
    expect(passes()).toEqual(['Your meal pass (version 2). Show it at the counter.']);
    expect(chatAfter.filter((m) => m.direction === 'in').map((m) => m.status)).toEqual([
      'processed',
      'processed',
      'unhandled',
    ]);

    // Pressed again once the moment has passed, it acts again.
    clock.advance(15_000);
    h.tg.userTapsButton(chat, menu.message_id, 'newqr');
    await eventually(() => passes().length === 2, { what: 'the pass of the later press' });
    expect(passes()[1]).toBe('Your meal pass (version 3). Show it at the counter.');
  });
});
