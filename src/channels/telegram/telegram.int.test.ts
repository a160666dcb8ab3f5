import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Message } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { menuTestModule } from '../../../test/fixtures/menu-flow/menu.module.ts';
import { eventually } from '../../../test/support/eventually.ts';
import { handledChat } from '../../../test/support/stored-chat.ts';
import { telegramEnv } from '../../../test/support/telegram-app.ts';
import { TEST_MODULES } from '../../../test/support/template-sources.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { ConversationsTables, MessageView } from '../../core/conversations/index.ts';
import {
  enqueueNotification,
  type NotificationInput,
  testMessageTemplate,
} from '../../core/notifications/index.ts';
import { findOrganizationBySlug } from '../../core/orgs/index.ts';
import { setTelegramWebhook, startTelegramPolling } from './index.ts';
import { startTelegramStandin, type TelegramStandin } from './sandbox/telegram-bot-api.ts';

const SECRET = 'tg-webhook_secret-1';
let tg: TelegramStandin;
let app: TestApp;
let baseUrl: string;

beforeAll(async () => {
  tg = await startTelegramStandin();
  app = await startTestApp({
    modules: [...TEST_MODULES, menuTestModule],
    env: telegramEnv(tg, { webhookSecret: SECRET, flow: 'menu-test' }),
  });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
  await app.startWorker();
  await setTelegramWebhook(app.deps, baseUrl);
});
afterAll(async () => {
  await app.close();
  await tg.close();
});

const nth = async (chatId: number, n: number, timeoutMs = 25_000): Promise<Message> => {
  return eventually(() => tg.sentMessages(chatId)[n - 1], { timeoutMs, what: `${n} messages to ${chatId}` });
};
const callbackIds = (m: Message) =>
  (m.reply_markup?.inline_keyboard ?? [])
    .flat()
    .map((b) => ('callback_data' in b ? b.callback_data : undefined));

describe('Telegram channel (webhook)', () => {
  it('runs the test flow end to end with inline keyboards and answers the callback queries', async () => {
    tg.userSendsText(1001, 'hello');
    const menu = await nth(1001, 1);
    expect(menu.text).toContain('What would you like to drink?');
    expect(callbackIds(menu)).toEqual(['coffee', 'tea', 'juice']);

    const tap = tg.userTapsButton(1001, menu.message_id, 'coffee');
    const confirm = await nth(1001, 2);
    expect(confirm.text).toBe('Confirm one Coffee?');
    expect(callbackIds(confirm)).toEqual(['confirm', 'cancel']);
    await tg.waitForCallbackAnswer(tap);

    const yes = tg.userTapsButton(1001, confirm.message_id, 'confirm');
    expect((await nth(1001, 3)).text).toBe('Ordered: Coffee. Thank you!');
    await tg.waitForCallbackAnswer(yes);
    expect(tg.webhookDeliveries.every((d) => d.secretHeader === SECRET && d.status === 200)).toBe(true);
  });

  it('takes the language of a new contact from Telegram and keywords in it', async () => {
    const user = { id: 1002, first_name: 'Lucía', language_code: 'es' };
    tg.userSendsText(user, 'hola');
    expect((await nth(1002, 1)).text).toContain('¿Qué te gustaría beber?');
    tg.userSendsText(user, 'té');
    expect((await nth(1002, 2)).text).toBe('¿Confirmas un Té?');
    tg.userSendsText(user, 'confirmar');
    expect((await nth(1002, 3)).text).toBe('Pedido: Té. ¡Gracias!');
  });

  it('sends a notification and its attachment through the bot, into the conversation history', async () => {
    tg.userSendsText(1009, 'hello');
    await nth(1009, 1);
    const orgId = (await findOrganizationBySlug(app.database.db, 'default'))!.id;
    const { id } = (
      await enqueueNotification(app.deps.systemCtx(orgId, 'test'), app.jobs, {
        channel: 'telegram',
        to: '1009',
        template: testMessageTemplate as NotificationInput['template'],
        data: { name: 'Ravi', orgName: 'Hostel Mess' },
        locale: 'en',
        attachments: [{ filename: 'pass.txt', contentType: 'text/plain', base64: btoa('pass') }],
      })
    ).notification;
    const text = await nth(1009, 2);
    expect(text.text).toContain('Ravi');
    const document = await nth(1009, 3);
    expect(document.document?.file_name).toBe('pass.txt');
    // The notification is one message of the history (its outbox row), after the bot's menu, as staff
    // read it: its text, recorded sent under the id of the last message the bot API created for it.
    await app.createStaff({ email: 'history@example.com', role: 'ops' });
    const staff = await app.signIn('history@example.com');
    const list = (await staff.get('/api/conversations?channel=telegram&limit=200')).json() as Array<{
      id: string;
      externalId: string;
    }>;
    const conversation = list.find((c) => c.externalId === '1009')!.id;
    const history = await eventually(
      async () => {
        const messages = (
          (await staff.get(`/api/conversations/${conversation}/messages`)).json() as MessageView[]
        ).filter((m) => m.direction === 'out');
        return messages.at(-1)?.status === 'sent' && messages;
      },
      { what: 'the notification recorded as sent in the history' },
    );
    expect(history.map((m) => m.sentBy)).toEqual(['bot', 'notifications']);
    expect(history[1]).toMatchObject({
      status: 'sent',
      channelMessageId: String(document.message_id),
      payload: { kind: 'text', text: text.text, notification: id },
    });
  });

  it('acts once on an update delivered twice', async () => {
    const update = {
      update_id: 900_000_001,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: 1003, type: 'private', first_name: 'Dup' },
        from: { id: 1003, is_bot: false, first_name: 'Dup' },
        text: 'hello',
      },
    };
    const post = () =>
      app.http.inject({
        method: 'POST',
        url: '/webhooks/telegram',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        payload: update,
      });
    expect((await post()).statusCode).toBe(200);
    expect((await post()).statusCode).toBe(200);
    // Stored state, not a pause: one inbound row, handled, and exactly one reply behind it.
    const chat = await handledChat(app, 'telegram', '1003');
    expect(chat.map((m) => m.direction)).toEqual(['in', 'out']);
    expect(chat[0]!.status).toBe('processed');
    expect(chat[0]!.channelMessageId).toBe('900000001');
    await nth(1003, 1);
    expect(tg.sentMessages(1003)).toHaveLength(1);
  });

  it('refuses a wrong secret token, and bots without a configured secret', async () => {
    const update = {
      update_id: 900_000_002,
      message: {
        message_id: 1,
        date: 0,
        chat: { id: 1004, type: 'private' },
        from: { id: 1004, is_bot: false, first_name: 'X' },
        text: 'hi',
      },
    };
    const wrong = await app.http.inject({
      method: 'POST',
      url: '/webhooks/telegram',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': 'nope' },
      payload: update,
    });
    expect(wrong.statusCode).toBe(401);
    const missing = await app.http.inject({ method: 'POST', url: '/webhooks/telegram', payload: update });
    expect(missing.statusCode).toBe(401);
    await app.createOrg('no-bot', 'owner@no-bot.example');
    const unconfigured = await app.http.inject({
      method: 'POST',
      url: '/webhooks/telegram/no-bot',
      headers: { 'x-telegram-bot-api-secret-token': '' },
      payload: update,
    });
    expect(unconfigured.statusCode).toBe(403);
    expect(unconfigured.json()).toMatchObject({ code: 'telegram.webhook_disabled' });
    const stored = await app.database.db
      .withTables<ConversationsTables>()
      .selectFrom('conversation_message')
      .select('id')
      .where('channel_message_id', '=', '900000002')
      .execute();
    expect(stored).toHaveLength(0);
  });

  it('downloads photos and documents through getFile', async () => {
    const photo = Buffer.from('jpeg bytes of a payment proof');
    tg.userSendsPhoto(1005, photo);
    const sha = createHash('sha256').update(photo).digest('hex');
    expect((await nth(1005, 1)).text).toBe(`Got photo: ${photo.length} bytes, sha256 ${sha}.`);
    const pdf = Buffer.from('%PDF-1.7 receipt');
    tg.userSendsDocument(1005, pdf, 'receipt.pdf', 'application/pdf');
    const pdfSha = createHash('sha256').update(pdf).digest('hex');
    expect((await nth(1005, 2)).text).toBe(`Got receipt.pdf: ${pdf.length} bytes, sha256 ${pdfSha}.`);
  });
});

describe('Telegram channel (long polling)', () => {
  it('runs the same flow when polling instead of receiving webhooks', async () => {
    const stop = await startTelegramPolling(app.deps);
    try {
      expect(tg.currentWebhook()).toBeUndefined();
      tg.userSendsText(2001, 'hi');
      const menu = await nth(2001, 1);
      expect(callbackIds(menu)).toEqual(['coffee', 'tea', 'juice']);
      tg.userTapsButton(2001, menu.message_id, 'juice');
      await nth(2001, 2);
      tg.userSendsText(2001, 'yes');
      expect((await nth(2001, 3)).text).toBe('Ordered: Orange juice. Thank you!');
    } finally {
      await stop();
    }
  });
});
