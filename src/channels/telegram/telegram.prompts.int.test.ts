import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { menuTestModule } from '../../../test/fixtures/menu-flow/menu.module.ts';
import { eventually } from '../../../test/support/eventually.ts';
import { chatStatuses } from '../../../test/support/stored-chat.ts';
import { startTelegramApp, type TelegramApp } from '../../../test/support/telegram-app.ts';
import { TEST_MODULES } from '../../../test/support/template-sources.ts';

// Issue 55, item 9: a Telegram prompt whose send the channel left ambiguous (a hang, a 5xx, a cut
// connection: Telegram reports nothing, so it is never sent again at once) is asked again when the
// person next writes, instead of their text being taken as its answer; and a button pressed again
// within seconds, whose first answer never provably arrived, gets that answer instead of nothing.

let t: TelegramApp;

beforeAll(async () => {
  t = await startTelegramApp({
    webhookSecret: 'tg-prompts-secret',
    flow: 'menu-test',
    // The shipped bounds: a hung call is given up after 2.5 s.
    modules: [...TEST_MODULES, menuTestModule],
  });
});
afterAll(async () => t?.close());

/** The statuses of the bot's replies to `chat`, and of the person's messages, in order. */
const replyStatuses = (chat: number) => chatStatuses(t.app, 'telegram', String(chat), 'out');
const inboundStatuses = (chat: number) => chatStatuses(t.app, 'telegram', String(chat), 'in');
const texts = (chat: number) => t.tg.sentMessages(chat).map((m) => (m.text ?? '').split('\n')[0]);

describe('a Telegram prompt whose send was left unanswered', () => {
  it('is asked again when the person next writes, and their text is not taken as its answer', async () => {
    const chat = 8301;
    t.tg.injectFault('sendMessage', { kind: 'hang' });
    t.tg.userSendsText(chat, 'hi');
    await eventually(async () => (await replyStatuses(chat)).join() === 'unconfirmed', {
      what: 'the hung menu recorded as unconfirmed',
    });
    // Telegram did show it (the stand-in carried the call out), but nothing says so to the bot.
    t.tg.userSendsText(chat, 'coffee');
    await t.nth(chat, 2);
    expect(texts(chat)).toEqual(['What would you like to drink?', 'What would you like to drink?']);
    // Asked again once: the answer to the repeated menu is taken.
    t.tg.userSendsText(chat, 'coffee');
    await t.nth(chat, 3);
    expect(texts(chat)[2]).toBe('Confirm one Coffee?');
  });

  it('is not asked again when it was answered: a reply whose answer came is the prompt answered', async () => {
    const chat = 8302;
    t.tg.userSendsText(chat, 'hi');
    await t.nth(chat, 1);
    t.tg.userSendsText(chat, 'coffee');
    await t.nth(chat, 2);
    expect(texts(chat)).toEqual(['What would you like to drink?', 'Confirm one Coffee?']);
  });
});

describe('a Telegram button pressed twice within seconds', () => {
  it("answers the second press with the first press's answer when that one's send was left unanswered", async () => {
    const chat = 8303;
    t.tg.userSendsText(chat, 'hi');
    const menu = await t.nth(chat, 1);
    t.tg.injectFault('sendMessage', { kind: 'hang' });
    t.tg.userTapsButton(chat, menu.message_id, 'coffee');
    await eventually(async () => (await replyStatuses(chat)).join() === 'sent,unconfirmed', {
      what: 'the answer to the first press recorded as unconfirmed',
    });
    // The person saw nothing happen and presses again.
    t.tg.userTapsButton(chat, menu.message_id, 'coffee');
    await t.nth(chat, 3);
    expect(texts(chat)).toEqual([
      'What would you like to drink?',
      'Confirm one Coffee?',
      'Confirm one Coffee?',
    ]);
    await eventually(async () => (await replyStatuses(chat)).join() === 'sent,unconfirmed,sent', {
      what: 'the answer sent again',
    });
  });

  it('answers a double tap once when the first answer arrived', async () => {
    const chat = 8304;
    t.tg.userSendsText(chat, 'hi');
    const menu = await t.nth(chat, 1);
    t.tg.userTapsButton(chat, menu.message_id, 'coffee');
    await t.nth(chat, 2);
    t.tg.userTapsButton(chat, menu.message_id, 'coffee');
    await eventually(async () => (await inboundStatuses(chat)).join() === 'processed,processed,unhandled', {
      what: 'the second press set aside',
    });
    expect(texts(chat)).toEqual(['What would you like to drink?', 'Confirm one Coffee?']);
  });
});
