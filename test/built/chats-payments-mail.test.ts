import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AirtelSandbox, startAirtelSandbox } from '../../src/channels/airtel/index.ts';
import { type MomoSandbox, startMomoSandbox } from '../../src/channels/momo/index.ts';
import {
  startTelegramStandin,
  type TelegramStandin,
} from '../../src/channels/telegram/sandbox/telegram-bot-api.ts';
import {
  type SentWhatsAppMessage,
  startWhatsAppStandin,
  type WhatsAppStandin,
} from '../../src/channels/whatsapp/sandbox/whatsapp-graph.ts';
import { FLAT_TARIFF } from '../factories/flat-tariff.ts';
import { type SmtpProcess, startSmtpProcess } from '../standins/smtp-server.ts';
import { eventually } from '../support/eventually.ts';
import { pdfTextRuns } from '../support/pdf-text.ts';
import { type BuiltServer, freePort, runCli, startBuiltServer } from '../support/processes.ts';
import { freshDatabaseEnv } from '../support/test-database.ts';
import { receiptPng } from './pictures.ts';
import { showServerLogOnFailure } from './server-log.ts';
import { type StaffSession, signIn } from './staff-session.ts';

// The built server (`node dist/src/app/cli.js start`) with the chat and money services of a raffle
// seller and a prepaid electricity vendor: WhatsApp Cloud API (texts, buttons, lists, media and
// templates), MTN MoMo and Airtel Money (request to pay, then the provider's callback), e-mail through
// a real SMTP server process, receipts drawn as PDFs on a render worker, and a Telegram bot on long
// polling. Each service is a stand-in on 127.0.0.1; the test is the buyer, the payer and the staff.

const OWNER = 'owner@vendor.example';
const PASSWORD = 'correct horse battery staple';
const APP_SECRET = 'dist-whatsapp-app-secret';
const AIRTEL_CALLBACK_SECRET = 'dist-airtel-callback-secret';
const CUSTOMER_EMAIL = 'uwase@household.example';

const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-dist-chats-'));
let wa: WhatsAppStandin;
let tg: TelegramStandin;
let momo: MomoSandbox;
let airtel: AirtelSandbox;
let smtp: SmtpProcess;
let server: BuiltServer;
let owner: StaffSession;
let raffleId: string;
let meterId: string;

beforeAll(async () => {
  const port = String(await freePort());
  const url = `http://127.0.0.1:${port}`;
  [wa, tg, momo, airtel, smtp] = await Promise.all([
    startWhatsAppStandin({ templates: ['raffle_order_paid'] }),
    startTelegramStandin(),
    startMomoSandbox(),
    // Airtel posts to the callback URL set in its portal, signed with the secret set there.
    startAirtelSandbox({ callbackUrl: `${url}/webhooks/airtel`, callbackHmacSecret: AIRTEL_CALLBACK_SECRET }),
    startSmtpProcess(),
  ]);
  const env = {
    ...(await freshDatabaseEnv(dataDir)),
    PORT: port,
    // MoMo calls back the X-Callback-Url the app sends, made from its public address.
    OPSDESK_PUBLIC_URL: url,
    OPSDESK_LANGUAGES: 'en,es',
    OPSDESK_CURRENCY: 'RWF',
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: 'dist-verify-token',
    WHATSAPP_ACCESS_TOKEN: wa.accessToken,
    WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
    WHATSAPP_API_BASE_URL: wa.url,
    WHATSAPP_FLOW: 'raffle',
    // No webhook secret: the bot long-polls.
    TELEGRAM_BOT_TOKEN: tg.token,
    TELEGRAM_API_ROOT: tg.url,
    TELEGRAM_FLOW: 'mess',
    MOMO_BASE_URL: momo.url,
    MOMO_SUBSCRIPTION_KEY: momo.subscriptionKey,
    MOMO_API_USER: momo.apiUser,
    MOMO_API_KEY: momo.apiKey,
    MOMO_TARGET_ENVIRONMENT: momo.targetEnvironment,
    AIRTEL_BASE_URL: airtel.url,
    AIRTEL_CLIENT_ID: airtel.clientId,
    AIRTEL_CLIENT_SECRET: airtel.clientSecret,
    AIRTEL_COUNTRY: airtel.country,
    AIRTEL_CALLBACK_SECRET,
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    SMTP_FROM: 'Kigali Power <noreply@power.example>',
  };
  const created = await runCli(['create-user', '--email', OWNER, '--role', 'owner'], {
    ...env,
    OPSDESK_NEW_PASSWORD: PASSWORD,
  });
  expect(created.code, created.output).toBe(0);
  server = await startBuiltServer(['start'], env);
  // Meta reports each message it took as `sent`, signed, as it does for a real number.
  wa.reportStatusesTo({ to: `${server.url}/webhooks/whatsapp`, appSecret: APP_SECRET });
  owner = await signIn(server.url, OWNER, PASSWORD);
  raffleId = await createdId('/api/raffle/raffles', {
    title: 'Rifa del Club',
    priceMinor: 1500,
    currency: 'USD',
    minNumber: 1,
    maxNumber: 30,
    prizes: ['Bicycle'],
  });
  expect((await owner.post(`/api/raffle/raffles/${raffleId}/start-selling`)).status).toBe(200);
  await createdId('/api/prepaid/tariffs', FLAT_TARIFF);
  const accountId = await createdId('/api/prepaid/accounts', {
    kind: 'household',
    name: 'Uwase household',
    language: 'en',
    channel: { name: 'email', to: CUSTOMER_EMAIL },
  });
  meterId = await createdId('/api/prepaid/meters', { accountId, number: 'KGL-0001' });
}, 240_000);

showServerLogOnFailure(() => server?.output());
afterAll(async () => {
  await server?.stop();
  await Promise.all([wa?.close(), tg?.close(), momo?.close(), airtel?.close(), smtp?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

async function createdId(path: string, body: unknown): Promise<string> {
  const res = await owner.post(path, body);
  expect(res.status, res.text).toBe(201);
  return res.json().id;
}

describe('WhatsApp through the built server', () => {
  const BUYER = '595981700001';
  const deliver = (payload: unknown) =>
    wa.deliverWebhook({ to: `${server.url}/webhooks/whatsapp`, appSecret: APP_SECRET, payload });
  /** What the buyer reads in a message: its text, or the body of its buttons or list. */
  const shown = (m: SentWhatsAppMessage) => {
    const body = m.body as { text?: { body: string }; interactive?: { body: { text: string } } };
    return body.text?.body ?? body.interactive?.body.text ?? '';
  };
  const next = (predicate: (m: SentWhatsAppMessage) => boolean) =>
    eventually(() => wa.sentMessages(BUYER).find(predicate), { what: 'the reply to the buyer' });

  it('sells a ticket by text, buttons, a list and a photo of the payment, and confirms it in the chat', async () => {
    await deliver(wa.textMessage({ from: BUYER, text: 'hi' }));
    const menu = await next((m) => shown(m).includes('Welcome to the raffles'));
    expect(menu.body).toMatchObject({ type: 'interactive', interactive: { type: 'button' } });

    await deliver(wa.buttonReply({ from: BUYER, buttonId: 'raffles', title: 'See raffles' }));
    const list = await next((m) => shown(m).startsWith('Open raffles'));
    expect(list.body).toMatchObject({ type: 'interactive', interactive: { type: 'list' } });
    expect(JSON.stringify(list.body)).toContain(`raffle:${raffleId}`);

    await deliver(wa.listReply({ from: BUYER, rowId: `raffle:${raffleId}`, title: 'Rifa del Club' }));
    await next((m) => shown(m).includes('Price: '));
    await deliver(wa.textMessage({ from: BUYER, text: '7' }));
    await next((m) => shown(m).startsWith('Order created'));
    await deliver(wa.textMessage({ from: BUYER, text: 'confirm' }));
    await next((m) => shown(m).startsWith('To pay'));
    // The photo reaches the app as a media id; it downloads the bytes through the Graph API.
    await deliver(
      wa.imageMessage({ from: BUYER, bytes: receiptPng('bank transfer 15.00'), mimeType: 'image/png' }),
    );
    const orders = await eventually(
      async () => {
        const all = (await owner.get(`/api/raffle/orders?raffleId=${raffleId}`)).json().items as Array<{
          id: string;
          numbers: number[];
          paymentId: string | null;
        }>;
        return all.find((o) => o.numbers.join() === '7' && o.paymentId !== null);
      },
      { what: 'the order with the proof attached' },
    );
    const confirmed = await owner.post(`/api/raffle/orders/${orders.id}/confirm`);
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.json().status).toBe('paid');
    const paid = await next((m) => shown(m).includes('Payment confirmed'));
    expect(paid.body).toMatchObject({ type: 'text' });
  });

  it('confirms a phone order to a buyer who never wrote with the approved template', async () => {
    const caller = '595981700002';
    const configured = await owner.patch('/api/org', {
      settings: {
        whatsapp: {
          templates: {
            'raffle.order_paid': {
              name: 'raffle_order_paid',
              language: 'es',
              parameters: ['raffle', 'numbers'],
            },
          },
        },
      },
    });
    expect(configured.status, configured.text).toBe(200);
    const reserved = await owner.post(`/api/raffle/raffles/${raffleId}/reservations`, {
      waId: caller,
      numbers: [12],
    });
    expect(reserved.status, reserved.text).toBe(201);
    const confirmed = await owner.post(`/api/raffle/orders/${reserved.json().id}/confirm`);
    expect(confirmed.status, confirmed.text).toBe(200);
    const template = await eventually(() => wa.sentMessages(caller)[0], { what: 'the template message' });
    expect(template.body).toMatchObject({
      type: 'template',
      template: {
        name: 'raffle_order_paid',
        language: { code: 'es' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Rifa del Club' },
              { type: 'text', text: '12' },
            ],
          },
        ],
      },
    });
  });
});

describe('prepaid electricity paid by mobile money, through the built server', () => {
  /** Starts a purchase; resolves with it once the provider holds the request to pay. */
  async function buy(method: 'momo' | 'airtel', msisdn: string) {
    const res = await owner.post('/api/prepaid/purchases', {
      meterId,
      method,
      amount: { amountMinor: 5_000, currency: 'RWF' },
      msisdn,
    });
    expect(res.status, res.text).toBe(201);
    const purchase = res.json() as { id: string; paymentId: string; status: string };
    expect(purchase.status).toBe('pending');
    await eventually(
      async () => (await owner.get(`/api/payments/${purchase.paymentId}`)).json().requestedAt,
      {
        what: `the request to pay of ${purchase.paymentId} to be sent`,
      },
    );
    return purchase;
  }
  const tokenOf = (purchaseId: string) =>
    eventually(
      async () => {
        const p = (await owner.get(`/api/prepaid/purchases/${purchaseId}`)).json();
        return p.status === 'paid' && typeof p.token === 'string' ? (p.token as string) : undefined;
      },
      { what: `purchase ${purchaseId} to be paid with a token` },
    );
  /** The customer's e-mail that carries `token` (spaces between its groups or not). */
  const mailWith = (token: string) =>
    eventually(
      async () =>
        (await smtp.messages()).find(
          (m) => m.to.includes(CUSTOMER_EMAIL) && m.text?.replace(/\s/g, '').includes(token),
        ),
      { what: 'the token e-mail' },
    );

  it('charges by MTN MoMo, settles on its callback, e-mails the token and prints it on the receipt', async () => {
    const purchase = await buy('momo', '+250788000111');
    const asked = momo.payment(purchase.paymentId)!;
    expect(asked).toMatchObject({ amount: '5000', currency: 'RWF', payer: { partyId: '250788000111' } });
    expect(asked.callbackUrl).toBe(`${server.url}/webhooks/momo`);
    await momo.settle(purchase.paymentId, 'SUCCESSFUL');
    expect(momo.callbacks.find((c) => c.referenceId === purchase.paymentId)?.status).toBe(200);
    const token = await tokenOf(purchase.id);
    expect((await mailWith(token)).from).toBe('noreply@power.example');

    const receipt = await owner.get(`/api/prepaid/purchases/${purchase.id}/receipt`);
    expect(receipt.status, receipt.text).toBe(200);
    expect(receipt.headers.get('content-type')).toBe('application/pdf');
    expect(receipt.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfTextRuns(receipt.bytes).join('').replace(/\s/g, '')).toContain(token);
  });

  it('charges by Airtel Money, settles on its signed callback and e-mails the token', async () => {
    const purchase = await buy('airtel', '+250733000123');
    expect(airtel.payment(purchase.paymentId)).toMatchObject({ msisdn: '733000123', amount: 5_000 });
    await airtel.settle(purchase.paymentId, 'TS');
    expect(airtel.callbacks.find((c) => c.id === purchase.paymentId)?.status).toBe(200);
    const token = await tokenOf(purchase.id);
    await mailWith(token);
  });
});

describe('Telegram long polling in the built server', () => {
  it('answers a person who writes to a bot that has no webhook', async () => {
    const person = 7201;
    tg.userSendsText(person, '/start');
    const welcome = await tg.waitForMessage(person);
    expect(welcome.text).toContain('What is your full name?');
    expect(tg.currentWebhook()).toBeUndefined();
    expect(tg.requests.some((r) => r.path.endsWith('/getUpdates'))).toBe(true);
  });
});
