import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrepaidMeter } from '../../../../test/factories/prepaid.ts';
import { pdfTextRuns } from '../../../../test/support/pdf-text.ts';
import type { TestApp } from '../../../../test/support/test-app.ts';
import type { MomoSandbox } from '../../../channels/momo/index.ts';
import type { TelegramStandin } from '../../../channels/telegram/sandbox/telegram-bot-api.ts';
import type { Ctx } from '../../../core/context/index.ts';
import { updateOrganization } from '../../../core/orgs/index.ts';
import { createAccount } from '../accounts.ts';
import { createMeter } from '../meters.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import { startPurchase } from '../purchases.ts';
import { statementPdf } from '../statement.pdf.ts';
import { statementData } from '../statements.ts';
import { type PrepaidChatApp, startPrepaidChatApp } from './prepaid-harness.ts';

/*
 * A Rwandan operator (Kinyarwanda first, then French and English): the buying bot answers each
 * customer in their language, the token comes back in it, and the account's own messages and
 * statement follow the account's language. Every service is its stand-in on 127.0.0.1.
 */
let chat: PrepaidChatApp;
let app: TestApp;
let momo: MomoSandbox;
let tg: TelegramStandin;
let ctx: Ctx;
let appUrl: string;

/** The bot's one answer to what `send` delivers. */
const answers = async (from: string, send: () => Promise<unknown>) => (await chat.answers(from, send))[0]!;
const say = async (from: string, text: string) => (await chat.say(from, text))[0]!;
const tap = async (from: string, buttonId: string) => (await chat.tap(from, buttonId))[0]!;
const stored = async (template: string, to: string) =>
  (
    await app.database.pool.query<{ body: string; locale: string }>(
      'select body, locale from notification where template = $1 and recipient = $2 order by created_at',
      [template, to],
    )
  ).rows;

beforeAll(async () => {
  chat = await startPrepaidChatApp({
    appSecret: 'prepaid-lang-secret',
    telegramSecret: 'prepaid-lang-telegram',
    verifyToken: 'prepaid-lang-verify',
  });
  ({ app, momo, tg, ctx, appUrl } = chat);
  await updateOrganization(ctx, { languages: ['rw', 'fr', 'en'] });
  await createPrepaidMeter(app, {
    number: 'RW-1',
    account: { name: 'Uwase', language: 'rw', channel: { name: 'email', to: 'uwase@example.com' } },
  });
}, 120_000);

afterAll(async () => {
  await chat?.close();
});

describe('the buying bot in the customer’s language', () => {
  it('answers a meter number from a Rwandan number in Kinyarwanda, and sends the token back in it', async () => {
    const u = '250788300001';
    expect(await say(u, 'RW-1')).toBe(
      'Mubazi RW-1. Urashaka kwishyura angahe? Ohereza amafaranga mu RWF, urugero 1000.',
    );
    // kWh in the reader's digits too (issue 54, item 11)
    expect(await say(u, '1000')).toMatch(/^Mubazi RW-1: RF\s?1\.000 igura 10,0 kWh\./);
    expect(await tap(u, 'pay')).toMatch(/^Emeza kwishyura RF\s?1\.000 kuri telefoni yawe/);
    const request = await momo.waitForRequestToPay((r) => r.payer.partyId === u, 20_000);
    await momo.settle(request.referenceId, 'SUCCESSFUL');
    const token = await answers(u, () =>
      momo.sendCallback(request.referenceId, { url: `${appUrl}/webhooks/momo` }),
    );
    expect(token).toMatch(
      /^Mubazi RW-1: amafaranga wishyuye RF\s?1\.000, 10,0 kWh\. Tokeni \(umubare w’ifatabuguzi\): [\d ]+ Izakora kugeza \d+ \p{L}+ \d{4}\.$/u,
    );
  });

  it('follows French words, and types French keywords ("annuler")', async () => {
    const u = '250788300002';
    expect(await say(u, 'Bonjour')).toMatch(/^Bonjour ! Envoyez le numéro de votre compteur/);
    expect(await say(u, 'rw-1')).toMatch(/^Compteur RW-1\. Combien voulez-vous payer \?/);
    expect(await say(u, '500')).toMatch(/^Compteur RW-1 : 500\sRWF achète 5,0 kWh\./);
    expect(await say(u, 'annuler')).toBe('Annulé. Envoyez un numéro de compteur quand vous voulez acheter.');
  });

  it('answers a Hindi-speaking Telegram user in English, not in the operator’s Kinyarwanda', async () => {
    const user = { id: 8_901, language_code: 'hi' };
    const tgSay = async (text: string) => {
      const before = tg.sentMessages(user.id).length;
      tg.userSendsText(user, text);
      await tg.waitForMessage(user.id, () => tg.sentMessages(user.id).length > before, 15_000);
      return tg.sentMessages(user.id)[before]!.text;
    };
    expect(await tgSay('/start')).toBe(
      'Hello! Send your meter number to buy electricity (for example KGL-0001).',
    );
    await tgSay('RW-1');
    // English all through, amounts included: more than one token carries is refused with the range
    // every sale takes (issue 66 item 5), and an amount in it is quoted.
    expect(await tgSay('100000')).toMatch(/^Meter RW-1 takes from RWF\s?10 to RWF\s?9,950 in one purchase/);
    expect(await tgSay('5000')).toMatch(/^Meter RW-1: RWF\s?5,000 buys 50\.0 kWh\./);
  });
});

describe("the account's own messages and statement in its language", () => {
  it('sends the account holder their token, and writes their statement, in Kinyarwanda', async () => {
    const rt = app.runtimeOf('prepaid') as PrepaidRuntime;
    const account = await createAccount(ctx, {
      kind: 'household',
      name: 'Mukamana',
      language: 'rw',
      channel: { name: 'email', to: 'mukamana@example.com' },
    });
    const meter = await createMeter(ctx, app.config.OPSDESK_SECRET_KEY, {
      accountId: account.id,
      number: 'RW-2',
    });
    await startPurchase(ctx, rt, { meterId: meter.id, method: 'cash', amountMinor: 2000, currency: 'RWF' });
    const [message] = await stored('prepaid.token', 'mukamana@example.com');
    expect(message).toMatchObject({ locale: 'rw' });
    // Kinyarwanda's digits in the kWh too (issue 54, item 11), as in the amount.
    expect(message!.body).toMatch(/^Mubazi RW-2: amafaranga wishyuye RF\s?2\.000, 20,0 kWh\. Tokeni/);

    const month = ctx.clock.now().toISOString().slice(0, 7);
    const pdf = await statementPdf(await statementData(ctx, account.id, month), ctx.clock.now());
    // A table cell wraps onto runs of its own: the words are looked for in the text as a whole.
    const text = pdfTextRuns(pdf).join(' ').replace(/\s+/g, ' ');
    for (const word of [
      'Raporo y’amashanyarazi',
      'Mubazi RW-2',
      'Tokeni',
      'Amafaranga yishyuwe',
      'Amafaranga mu ntoki',
    ])
      expect(text, word).toContain(word);
  });
});
