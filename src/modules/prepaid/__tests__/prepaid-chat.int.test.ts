import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrepaidMeter } from '../../../../test/factories/prepaid.ts';
import type { TestApp } from '../../../../test/support/test-app.ts';
import type { MomoSandbox } from '../../../channels/momo/index.ts';
import type { TelegramStandin } from '../../../channels/telegram/sandbox/telegram-bot-api.ts';
import type { Ctx } from '../../../core/context/index.ts';
import { updateOrganization } from '../../../core/orgs/index.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';
import { type PrepaidChatApp, startPrepaidChatApp } from './prepaid-harness.ts';

/*
 * Buying from WhatsApp and from Telegram (the same flow code), every service as their stand-ins on 127.0.0.1 speaking the real wire
 * formats: meter number → amount → quote → Pay → the MoMo prompt on the sender's number → the
 * token message back in the same chat once the callback settles the payment.
 */
let chat: PrepaidChatApp;
let app: TestApp;
let momo: MomoSandbox;
let tg: TelegramStandin;
let ctx: Ctx;
let appUrl: string;
let answers: PrepaidChatApp['answers'];
let say: PrepaidChatApp['say'];
let tap: PrepaidChatApp['tap'];

beforeAll(async () => {
  chat = await startPrepaidChatApp({
    appSecret: 'prepaid-app-secret',
    telegramSecret: 'prepaid-telegram-secret',
    verifyToken: 'prepaid-verify',
  });
  ({ app, momo, tg, ctx, appUrl, answers, say, tap } = chat);
  await createPrepaidMeter(app, {
    number: 'CHAT-1',
    account: { name: 'Landlord', channel: { name: 'email', to: 'landlord@example.com' } },
  });
}, 120_000);

afterAll(async () => {
  await chat?.close();
});

describe('buying electricity in WhatsApp', () => {
  it('meter → amount → quote → pay: the MoMo prompt goes to the sender, the token comes back to the chat', async () => {
    const u = '250788000777';
    expect((await say(u, 'hi'))[0]).toMatch(/Send your meter number/);
    expect((await say(u, 'NOPE-9'))[0]).toMatch(/no active meter NOPE-9/);
    expect((await say(u, 'chat-1'))[0]).toMatch(/Meter CHAT-1\. How much/);
    expect((await say(u, 'lots'))[0]).toMatch(/amount as a number/);
    const [quote] = await say(u, '1,000');
    expect(quote).toMatch(/RWF\s?1,000 buys 10\.0 kWh/);
    const [approve] = await tap(u, 'pay');
    expect(approve).toMatch(/Approve the payment of RWF\s?1,000/);

    const request = await momo.waitForRequestToPay((r) => r.payer.partyId === u, 20_000);
    expect(request).toMatchObject({ amount: '1000', currency: 'RWF' });
    await momo.settle(request.referenceId, 'SUCCESSFUL');
    const [tokenMessage] = await answers(u, () =>
      momo.sendCallback(request.referenceId, { url: `${appUrl}/webhooks/momo` }),
    );
    const rows = await ctx.db
      .withTables<PrepaidTables>()
      .selectFrom('prepaid_token as t')
      .innerJoin('prepaid_purchase as p', 'p.id', 't.purchase_id')
      .select(['t.token', 'p.source', 'p.reply_to', 'p.payer_msisdn'])
      .where('t.payment_id', '=', request.referenceId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: 'chat', reply_to: u, payer_msisdn: `+${u}` });
    expect(tokenMessage).toContain(rows[0]!.token.match(/.{1,3}/g)!.join(' '));
    expect(tokenMessage).toMatch(/paid RWF\s?1,000, 10\.0 kWh/);
    // Issue 66: the token says until when it is valid (the organization's days, 90 by default).
    expect(tokenMessage).toMatch(/Valid until [A-Z][a-z]{2} \d{1,2}, \d{4}\.$/);
    // the meter's owner hears of it too, on the account's own channel
    const { rows: mail } = await app.database.pool.query(
      `select 1 from notification where template = 'prepaid.token' and recipient = 'landlord@example.com'`,
    );
    expect(mail).toHaveLength(1);
  });

  it('asks which number pays when the chat’s own cannot, reads a local number in the operator’s country, never as an amount (issue 54, item 9)', async () => {
    // The sandbox's WhatsApp people write from +1 555… numbers, which MoMo refuses; the shop is Rwandan.
    await updateOrganization(ctx, { settings: { prepaid: { phoneCountry: 'RW' } } });
    const u = '15550001234';
    await say(u, 'hi');
    await say(u, 'CHAT-1');
    await say(u, '1000');
    const [ask] = await tap(u, 'pay');
    // Was the payments refusal with a Ugandan example (+256 700 000000), the state left on the quote.
    expect(ask).toBe('Which MTN MoMo number pays? Send it like 0780 123 456 or +250 780 123 456.');
    expect((await say(u, '0788'))[0]).toMatch(
      /^That is not a number MTN MoMo can ask to pay\. Send it like 0780 123 456/,
    );
    const [approve] = await say(u, '0788 000 555');
    expect(approve).toMatch(/Approve the payment of RWF\s?1,000/);
    const request = await momo.waitForRequestToPay((r) => r.payer.partyId === '250788000555', 20_000);
    expect(request).toMatchObject({ amount: '1000', currency: 'RWF' });
    const sale = await ctx.db
      .withTables<PrepaidTables>()
      .selectFrom('prepaid_purchase')
      .select(['payer_msisdn', 'reply_to', 'amount_minor'])
      .where('payment_id', '=', request.referenceId)
      .executeTakeFirstOrThrow();
    expect(sale).toMatchObject({ payer_msisdn: '+250788000555', reply_to: u, amount_minor: '1000' });
  });

  it('quotes only an amount the purchase takes: outside the range it says the range, and the most is paid (issue 66)', async () => {
    const u = '250788000779';
    await say(u, 'hi');
    await say(u, 'CHAT-1');
    // Was a quote of 1,000 kWh and a Pay button, then "Too many units for one token" after Pay.
    const [refused] = await say(u, '100000');
    const range = refused!.match(
      /^Meter CHAT-1 takes from RWF\s?([\d,]+) to RWF\s?([\d,]+) in one purchase \(one token carries no more\)\. Send an amount in that range\.$/,
    );
    expect(range, refused).not.toBeNull();
    expect((await say(u, '1'))[0]).toBe(refused);
    const most = range![2]!.replace(/,/g, '');
    expect((await say(u, most))[0]).toMatch(/buys 99\.5 kWh/);
    const [approve] = await tap(u, 'pay');
    expect(approve).toMatch(/^Approve the payment of RWF\s?[\d,]+/);
    const request = await momo.waitForRequestToPay((r) => r.payer.partyId === u, 20_000);
    expect(request.amount).toBe(most);
  });

  it('cancels a quote without asking for money', async () => {
    const u = '250788000778';
    // English words first: a bare meter number from a Rwandan number would be answered in Kinyarwanda.
    await say(u, 'hi');
    await say(u, 'CHAT-1');
    await say(u, '500');
    expect((await tap(u, 'cancel'))[0]).toMatch(/Cancelled/);
    const asked = await ctx.db
      .withTables<PrepaidTables>()
      .selectFrom('prepaid_purchase')
      .select('id')
      .where('payer_msisdn', '=', `+${u}`)
      .execute();
    expect(asked).toEqual([]);
  });
});

describe('buying electricity in Telegram', () => {
  /** The bot's replies to a chat after `send`, once `replies` more have arrived. */
  async function tgAnswers(chat: number, send: () => unknown, replies = 1) {
    const before = tg.sentMessages(chat).length;
    send();
    await tg.waitForMessage(chat, () => tg.sentMessages(chat).length >= before + replies, 15_000);
    return tg.sentMessages(chat).slice(before);
  }

  it('runs the same flow: meter → amount → Pay → the payer’s number (a chat id is no phone) → the token in the chat', async () => {
    const chat = 8_801;
    expect((await tgAnswers(chat, () => tg.userSendsText(chat, '/start')))[0]!.text).toMatch(
      /Send your meter number/,
    );
    expect((await tgAnswers(chat, () => tg.userSendsText(chat, 'chat-1')))[0]!.text).toMatch(
      /Meter CHAT-1\. How much/,
    );
    const [quote] = await tgAnswers(chat, () => tg.userSendsText(chat, '2000'));
    expect(quote!.text).toMatch(/RWF\s?2,000 buys 20\.0 kWh/);
    const pay = (quote!.reply_markup?.inline_keyboard ?? [])
      .flat()
      .find((b) => 'callback_data' in b && b.callback_data.endsWith('pay'));
    expect(pay).toBeDefined();
    const [ask] = await tgAnswers(chat, () =>
      tg.userTapsButton(chat, quote!.message_id, (pay as { callback_data: string }).callback_data),
    );
    expect(ask!.text).toMatch(/Which MTN MoMo number pays/);
    expect((await tgAnswers(chat, () => tg.userSendsText(chat, 'my phone')))[0]!.text).toMatch(
      /not a number MTN MoMo can ask to pay/,
    );
    const [approve] = await tgAnswers(chat, () => tg.userSendsText(chat, '+250 788 000 901'));
    expect(approve!.text).toMatch(/Approve the payment of RWF\s?2,000/);

    const request = await momo.waitForRequestToPay((r) => r.payer.partyId === '250788000901', 20_000);
    await momo.settle(request.referenceId, 'SUCCESSFUL');
    const [tokenMessage] = await tgAnswers(chat, () =>
      momo.sendCallback(request.referenceId, { url: `${appUrl}/webhooks/momo` }),
    );
    const rows = await ctx.db
      .withTables<PrepaidTables>()
      .selectFrom('prepaid_token as t')
      .innerJoin('prepaid_purchase as p', 'p.id', 't.purchase_id')
      .select(['t.token', 'p.source', 'p.reply_channel', 'p.reply_to', 'p.payer_msisdn'])
      .where('t.payment_id', '=', request.referenceId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      source: 'chat',
      reply_channel: 'telegram',
      reply_to: String(chat),
      payer_msisdn: '+250788000901',
    });
    expect(tokenMessage!.text).toContain(rows[0]!.token.match(/.{1,3}/g)!.join(' '));
    expect(tokenMessage!.text).toMatch(/paid RWF\s?2,000, 20\.0 kWh/);
  });
});
