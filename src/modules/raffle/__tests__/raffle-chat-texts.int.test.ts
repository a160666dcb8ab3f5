import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle, createRaffleOrder } from '../../../../test/factories/raffle.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { setTelegramWebhook } from '../../../channels/telegram/index.ts';
import {
  startTelegramStandin,
  type TelegramStandin,
} from '../../../channels/telegram/sandbox/telegram-bot-api.ts';
import { checkedData, enqueueNotification } from '../../../core/notifications/index.ts';
import { raffleTemplates } from '../raffle.notifications.ts';
import { type RaffleHarness, receiptPng, startRaffleApp } from './raffle-harness.ts';

/** Values for every field any raffle message reads. */
const DATA = {
  raffle: 'Rifa Escolar de Fin de Año para la Cooperadora',
  numbers: '5, 12',
  until: '18:30',
  reason: 'el monto no coincide',
  message: 'El sorteo es el 24 de diciembre a las 20:00',
  number: '12',
  prize: 'Bicicleta',
};
const templates = raffleTemplates;
const body = (key: string, locale: 'es' | 'en') =>
  templates.find((t) => t.key === key)!.body(locale, checkedData(DATA));

let h: RaffleHarness;
let tg: TelegramStandin;

beforeAll(async () => {
  tg = await startTelegramStandin();
  h = await startRaffleApp({
    env: {
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.url,
      TELEGRAM_WEBHOOK_SECRET: 'raffle-texts-secret',
      TELEGRAM_FLOW: 'raffle',
    },
  });
  await setTelegramWebhook(h.app.deps, h.hook.replace(/\/webhooks\/whatsapp$/, ''));
  // Every message at once: the pace between two messages to one person is not under test here.
  await h.app.database.pool.query(
    `update organization set settings = jsonb_set(settings, '{notifications}', $1::jsonb) where id = $2`,
    [JSON.stringify({ paceMs: { whatsapp: 0, telegram: 0 } }), h.orgId],
  );
}, 60_000);
afterAll(async () => {
  await h?.close();
  await tg?.close();
});

describe('raffle messages in a chat', () => {
  it('reach WhatsApp as their body alone: no e-mail subject cut at 60 characters above it', async () => {
    const buyer = '595981700001';
    await h.say(buyer, 'hola'); // opens the 24-hour window; the bot answers once
    const before = h.texts(buyer).length;
    for (const template of templates)
      await enqueueNotification(h.ctx, h.app.jobs, {
        channel: 'whatsapp',
        to: buyer,
        template,
        data: DATA,
        locale: 'es',
      });
    const sent = (await h.waitForCount(buyer, before + templates.length)).slice(before);
    expect(sent).toEqual(templates.map((t) => body(t.key, 'es')));
    expect(sent[0]).toMatch(/^Pago confirmado para "Rifa Escolar/);
  }, 60_000);

  it('go out the same way from a staff action: the confirmation starts with its body', async () => {
    const buyer = '595981700002';
    await h.say(buyer, 'hola');
    const raffle = await createRaffle(h.app, { title: DATA.raffle });
    const order = await createRaffleOrder(h.app, {
      raffleId: raffle.id,
      waId: buyer,
      pick: { numbers: [5, 12] },
    });
    const before = h.texts(buyer).length;
    expect((await h.ops.post(`/api/raffle/orders/${order.id}/confirm`)).statusCode).toBe(200);
    const [paid] = (await h.waitForCount(buyer, before + 1)).slice(before);
    expect([body('raffle.order_paid', 'es'), body('raffle.order_paid', 'en')]).toContain(paid);
  }, 60_000);

  it('reach Telegram as their body alone too', async () => {
    const chat = 7_700_001;
    for (const template of templates)
      await enqueueNotification(h.ctx, h.app.jobs, {
        channel: 'telegram',
        to: String(chat),
        template,
        data: DATA,
        locale: 'en',
      });
    await eventually(() => tg.sentMessages(chat).length >= templates.length, {
      timeoutMs: 20_000,
      what: `${templates.length} Telegram messages`,
    });
    expect(tg.sentMessages(chat).map((m) => m.text)).toEqual(templates.map((t) => body(t.key, 'en')));
  }, 60_000);
});

describe('the raffle bot on Telegram (issue 54, items 16 and 17)', () => {
  type Sent = ReturnType<TelegramStandin['sentMessages']>[number];
  const chat = 7_700_054;
  /** Runs `send` and waits for `replies` new messages to the chat; returns them. */
  async function answers(send: () => unknown, replies = 1): Promise<Sent[]> {
    const before = tg.sentMessages(chat).length;
    send();
    await tg.waitForMessage(chat, () => tg.sentMessages(chat).length >= before + replies, 20_000);
    return tg.sentMessages(chat).slice(before);
  }
  const say = (text: string, replies = 1) => answers(() => tg.userSendsText(chat, text), replies);
  const choices = (messages: Sent[]) =>
    messages.flatMap((m) =>
      (m.reply_markup?.inline_keyboard ?? [])
        .flat()
        .map((b) => ('callback_data' in b ? b.callback_data : '')),
    );
  const texts = (messages: Sent[]) => messages.map((m) => m.text ?? '');

  it('words refused numbers, and tells a buyer whose proof is being checked so, with no cancel offered', async () => {
    const raffle = await createRaffle(h.app, { title: 'Telegram Raffle', maxNumber: 20 });
    const open = async () => {
      const [list] = await say('raffles');
      expect(choices([list!])).toContain(`raffle:${raffle.id}`);
      return answers(() => tg.userTapsButton(chat, list!.message_id, `raffle:${raffle.id}`));
    };
    await say('/start');
    expect(texts(await open())[0]).toMatch(/^\*?Telegram Raffle/);
    expect(texts(await say('3,3'))).toEqual([
      'You wrote 3 more than once. Each number can be taken only once: write your numbers again without repeats.',
    ]);
    expect(texts(await say('4 5 21'))).toEqual(['Not in this raffle: 21. Its numbers go from 1 to 20.']);
    expect(texts(await say('4, 5'))[0]).toMatch(/^Order created/);
    expect(texts(await say('confirm'))[0]).toMatch(/send a photo or PDF/);
    expect(texts(await answers(() => tg.userSendsPhoto(chat, receiptPng('telegram proof'))))[0]).toMatch(
      /^Proof received for tickets 4, 5/,
    );

    const since = tg.sentMessages(chat).length;
    expect(texts(await say('my tickets', 2))[0]).toBe('Telegram Raffle: 4, 5 — payment proof being checked');
    const reviewing =
      /^We have your payment proof for tickets 4, 5 \(\$30\.00\) of "Telegram Raffle" and are checking it\. We will write as soon as the payment is confirmed; there is nothing more to do for now\.$/;
    expect(texts(await say('confirm', 2))[0]).toMatch(reviewing);
    await open();
    expect(texts(await say('6', 2))[0]).toMatch(reviewing);
    const after = tg.sentMessages(chat).slice(since);
    expect(choices(after)).not.toContain('cancel');
    expect(texts(after).join('\n')).not.toMatch(/waiting for payment|Confirm or cancel/);
  }, 60_000);
});
