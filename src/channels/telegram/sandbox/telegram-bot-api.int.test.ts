import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, GrammyError, InlineKeyboard, InputFile, webhookCallback } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually } from '../../../../test/support/eventually.ts';
import { startTelegramStandin, type TelegramStandin } from './telegram-bot-api.ts';

const ALICE = { id: 4242, first_name: 'Alice', username: 'alice' };

describe('Telegram Bot API stand-in', () => {
  let standin: TelegramStandin;
  let bot: Bot;
  beforeEach(async () => {
    standin = await startTelegramStandin();
    bot = new Bot(standin.token, { client: { apiRoot: standin.url } });
  });
  afterEach(async () => {
    if (bot.isRunning()) await bot.stop();
    await standin.close();
  });

  it('lets a grammY bot receive a text by long polling and reply', async () => {
    bot.on('message:text', (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
    void bot.start({ timeout: 2 });
    standin.userSendsText(ALICE, 'hello');
    const reply = await standin.waitForMessage(ALICE.id, (m) => m.text === 'echo: hello');
    expect(reply.from?.id).toBe(standin.botUser.id);
    expect(reply.chat).toMatchObject({ id: ALICE.id, type: 'private' });
  });

  it('marks commands with a bot_command entity so bot.command() matches', async () => {
    bot.command('start', (ctx) => ctx.reply('welcome'));
    void bot.start({ timeout: 2 });
    standin.userSendsText(ALICE.id, '/start');
    await expect(standin.waitForMessage(ALICE.id, (m) => m.text === 'welcome')).resolves.toBeDefined();
  });

  it('delivers a callback query that the bot answers and uses to edit its message', async () => {
    bot.command('menu', (ctx) =>
      ctx.reply('Approve?', { reply_markup: new InlineKeyboard().text('Yes', 'approve:7') }),
    );
    bot.callbackQuery(/^approve:(\d+)$/, async (ctx) => {
      await ctx.answerCallbackQuery({ text: 'Approved' });
      await ctx.editMessageText(`Approved #${ctx.match[1]}`);
    });
    void bot.start({ timeout: 2 });
    standin.userSendsText(ALICE, '/menu');
    const menu = await standin.waitForMessage(ALICE.id, (m) => m.text === 'Approve?');
    expect(menu.reply_markup?.inline_keyboard[0]?.[0]).toEqual({ text: 'Yes', callback_data: 'approve:7' });
    const queryId = standin.userTapsButton(ALICE, menu.message_id, 'approve:7');
    await expect(standin.waitForCallbackAnswer(queryId)).resolves.toMatchObject({ text: 'Approved' });
    const edited = await standin.waitForMessage(ALICE.id, (m) => m.text === 'Approved #7');
    expect(edited.message_id).toBe(menu.message_id);
    expect(edited.edit_date).toBeTypeOf('number');
  });

  it('rejects texts and callback data beyond the Bot API limits with 400 Bad Request', async () => {
    standin.userSendsText(ALICE, 'hi');
    await expect(bot.api.sendMessage(ALICE.id, 'x'.repeat(4097))).rejects.toMatchObject({
      error_code: 400,
      description: 'Bad Request: message is too long',
    });
    await expect(bot.api.sendMessage(ALICE.id, '')).rejects.toBeInstanceOf(GrammyError);
    const keyboard = new InlineKeyboard().text('Too long', 'é'.repeat(33));
    await expect(bot.api.sendMessage(ALICE.id, 'ok', { reply_markup: keyboard })).rejects.toMatchObject({
      description: 'Bad Request: BUTTON_DATA_INVALID',
    });
    await expect(bot.api.answerCallbackQuery('unknown')).rejects.toMatchObject({ error_code: 400 });
  });

  it('answers 401 Unauthorized for an unknown token', async () => {
    const response = await fetch(`${standin.url}/bot123:wrong/getMe`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
  });

  it('serves a user photo through getFile and /file/bot<token>/<file_path>', async () => {
    const bytes = Buffer.from('fake jpeg bytes');
    const message = standin.userSendsPhoto(ALICE, bytes, 'receipt');
    const file = await bot.api.getFile(message.photo!.at(-1)!.file_id);
    expect(file.file_size).toBe(bytes.length);
    const download = await fetch(`${standin.url}/file/bot${standin.token}/${file.file_path}`);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
  });

  it('accepts a multipart document upload from grammY and a photo by file_id', async () => {
    const pdf = Buffer.from('%PDF-1.4 stand-in');
    const sent = await bot.api.sendDocument(ALICE.id, new InputFile(pdf, 'report.pdf'), {
      caption: 'Report',
    });
    expect(sent.document).toMatchObject({ file_name: 'report.pdf', file_size: pdf.length });
    expect(standin.fileBytes(sent.document!.file_id)).toEqual(pdf);
    const userPhoto = standin.userSendsPhoto(ALICE, Buffer.from('img'));
    const resent = await bot.api.sendPhoto(ALICE.id, userPhoto.photo![0]!.file_id);
    expect(resent.photo?.[0]?.file_id).toBe(userPhoto.photo![0]!.file_id);
    await expect(bot.api.sendPhoto(ALICE.id, 'no-such-file')).rejects.toMatchObject({ error_code: 400 });
  });

  it('holds getUpdates until an update arrives and confirms updates by offset', async () => {
    const api = `${standin.url}/bot${standin.token}`;
    let answered = false;
    const held = fetch(`${api}/getUpdates?timeout=5`)
      .then((r) => r.json())
      .finally(() => {
        answered = true;
      });
    // The call is held open with nothing to give (no timer: the stand-in says it holds a poll) …
    await eventually(async () => standin.holdsPoll() || undefined);
    expect(answered).toBe(false);
    // … until an update arrives, which it answers with at once.
    standin.userSendsText(ALICE, 'first');
    const first = (await held) as { result: { update_id: number }[] };
    expect(first.result).toHaveLength(1);
    standin.userSendsText(ALICE, 'second');
    standin.userSendsText(ALICE, 'third');
    const limited = (await (await fetch(`${api}/getUpdates?limit=1`)).json()) as typeof first;
    expect(limited.result[0]?.update_id).toBe(first.result[0]!.update_id);
    const offset = first.result[0]!.update_id + 1;
    const rest = (await (await fetch(`${api}/getUpdates?offset=${offset}`)).json()) as typeof first;
    expect(rest.result.map((u) => u.update_id)).toEqual([offset, offset + 1]);
    expect(standin.pendingUpdates()).toHaveLength(2);
  });

  it('posts updates to a webhook with the secret header and refuses getUpdates meanwhile', async () => {
    bot.on('message:text', (ctx) => ctx.reply(`hooked: ${ctx.message.text}`));
    const handle = webhookCallback(bot, 'http', { secretToken: 'hook_secret-1' });
    const server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const hookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telegram`;
    try {
      await bot.api.setWebhook(hookUrl, { secret_token: 'hook_secret-1' });
      await expect(bot.api.getUpdates()).rejects.toMatchObject({ error_code: 409 });
      standin.userSendsText(ALICE, 'via webhook');
      await standin.waitForMessage(ALICE.id, (m) => m.text === 'hooked: via webhook');
      await expect
        .poll(() => standin.webhookDeliveries[0])
        .toMatchObject({ status: 200, secretHeader: 'hook_secret-1' });
      await bot.api.deleteWebhook();
      await expect(bot.api.getUpdates()).resolves.toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('retries a webhook that rejects the secret and records each attempt', async () => {
    const server = createServer((req, res) => {
      res.statusCode = req.headers['x-telegram-bot-api-secret-token'] === 'right' ? 200 : 403;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await bot.api.setWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, {
        secret_token: 'wrong',
      });
      standin.userSendsText(ALICE, 'ping');
      await expect.poll(() => standin.webhookDeliveries.length, { timeout: 3_000 }).toBe(3);
      expect(standin.webhookDeliveries.map((d) => d.status)).toEqual([403, 403, 403]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
