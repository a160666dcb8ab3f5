import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/test-app.ts';
import { WEBHOOK_RATE_LIMIT_PER_MINUTE as TELEGRAM_LIMIT } from './telegram/telegram.routes.ts';
import { signWebhookBody } from './whatsapp/sandbox/whatsapp-graph.webhooks.ts';
import { WEBHOOK_RATE_LIMIT_PER_MINUTE as WHATSAPP_LIMIT } from './whatsapp/whatsapp.routes.ts';

const APP_SECRET = 'rate-limit-app-secret';
const TG_SECRET = 'rate-limit-tg-secret';
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({
    env: {
      WHATSAPP_APP_SECRET: APP_SECRET,
      WHATSAPP_PHONE_NUMBER_ID: '1122334455667',
      WHATSAPP_ACCESS_TOKEN: 'unused',
      TELEGRAM_BOT_TOKEN: '123:unused',
      TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    },
  });
});
afterAll(async () => {
  await app.close();
});

/** A delivery with no messages or statuses: verified and answered, nothing stored. */
const EMPTY_DELIVERY = JSON.stringify({ object: 'whatsapp_business_account', entry: [] });

const whatsapp = (signature: string | undefined) =>
  app.http.inject({
    method: 'POST',
    url: '/webhooks/whatsapp',
    headers: {
      'content-type': 'application/json',
      ...(signature ? { 'x-hub-signature-256': signature } : {}),
    },
    payload: EMPTY_DELIVERY,
  });
const telegram = (secret: string | undefined, updateId: number) =>
  app.http.inject({
    method: 'POST',
    url: '/webhooks/telegram',
    headers: {
      'content-type': 'application/json',
      ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}),
    },
    payload: JSON.stringify({ update_id: updateId }),
  });

describe('webhook rate limits', () => {
  it('limits unsigned and badly signed WhatsApp POSTs per address, never a verified delivery', async () => {
    const good = signWebhookBody(EMPTY_DELIVERY, APP_SECRET);
    const bad = signWebhookBody(EMPTY_DELIVERY, 'not-the-secret');
    // a launch burst of verified deliveries, beyond the per-address limit: all accepted
    for (let i = 0; i < WHATSAPP_LIMIT + 10; i++) expect((await whatsapp(good)).statusCode).toBe(200);
    for (let i = 0; i < WHATSAPP_LIMIT; i++)
      expect((await whatsapp(i % 2 ? bad : undefined)).statusCode).toBe(401);
    const limited = await whatsapp(bad);
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'rate_limited' });
    expect((await whatsapp(undefined)).statusCode).toBe(429);
    // the address is limited for forgeries, still never for Meta's signed deliveries
    expect((await whatsapp(good)).statusCode).toBe(200);
  }, 60_000);

  it('limits Telegram POSTs without the right secret token, never a verified update', async () => {
    for (let i = 0; i < TELEGRAM_LIMIT + 10; i++) expect((await telegram(TG_SECRET, i)).statusCode).toBe(200);
    for (let i = 0; i < TELEGRAM_LIMIT; i++)
      expect((await telegram(i % 2 ? 'wrong-secret' : undefined, i)).statusCode).toBe(401);
    expect((await telegram('wrong-secret', 1)).statusCode).toBe(429);
    expect((await telegram(TG_SECRET, 99_999)).statusCode).toBe(200);
  }, 60_000);
});
