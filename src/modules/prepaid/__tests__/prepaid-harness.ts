import type { AddressInfo } from 'node:net';
import { orgCtx } from '../../../../test/factories/org.ts';
import { createPrepaidTariff } from '../../../../test/factories/prepaid.ts';
import { startTestApp } from '../../../../test/support/test-app.ts';
import { whatsAppChat, whatsAppEnv } from '../../../../test/support/whatsapp-app.ts';
import { type MomoSandbox, type MomoSandboxOptions, startMomoSandbox } from '../../../channels/momo/index.ts';
import {
  type AfricasTalkingSandbox,
  deploymentSmsCallbackUrls,
  startAfricasTalkingSandbox,
} from '../../../channels/sms/index.ts';
import { setTelegramWebhook } from '../../../channels/telegram/index.ts';
import { startTelegramStandin } from '../../../channels/telegram/sandbox/telegram-bot-api.ts';
import { startWhatsAppStandin } from '../../../channels/whatsapp/sandbox/whatsapp-graph.ts';

/** The app's MTN MoMo settings, pointing at the sandbox. */
export const momoEnv = (momo: MomoSandbox): Record<string, string> => ({
  MOMO_BASE_URL: momo.url,
  MOMO_SUBSCRIPTION_KEY: momo.subscriptionKey,
  MOMO_API_USER: momo.apiUser,
  MOMO_API_KEY: momo.apiKey,
  MOMO_TARGET_ENVIRONMENT: momo.targetEnvironment,
});

/**
 * The buying bot's app: the real app listening on 127.0.0.1 with a worker, the prepaid flow on
 * WhatsApp and Telegram (their stand-ins), MoMo as its sandbox (callbacks sent by the test), and
 * the default tariff (`createPrepaidTariff`). `names` keeps each test file's secrets its own.
 */
export async function startPrepaidChatApp(names: {
  appSecret: string;
  telegramSecret: string;
  verifyToken: string;
}) {
  const wa = await startWhatsAppStandin();
  const momo = await startMomoSandbox({ dropCallbacks: true });
  const tg = await startTelegramStandin();
  const app = await startTestApp({
    env: {
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.url,
      TELEGRAM_WEBHOOK_SECRET: names.telegramSecret,
      TELEGRAM_FLOW: 'prepaid',
      ...whatsAppEnv(wa, { ...names, flow: 'prepaid' }),
      ...momoEnv(momo),
    },
  });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const appUrl = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
  await app.startWorker();
  await setTelegramWebhook(app.deps, appUrl);
  const ctx = await orgCtx(app);
  await createPrepaidTariff(app);

  const chat = whatsAppChat(wa, `${appUrl}/webhooks/whatsapp`, names.appSecret);
  /** Runs `send` (a MoMo callback) and waits for `replies` new WhatsApp messages to `from`; returns their texts. */
  async function answers(from: string, send: () => Promise<unknown>, replies = 1): Promise<string[]> {
    const before = wa.sentMessages(from).length;
    await send();
    return (await chat.waitForCount(from, before + replies)).slice(before);
  }

  return {
    app,
    wa,
    momo,
    tg,
    ctx,
    appUrl,
    ...chat,
    answers,
    async close() {
      await app.close();
      await wa.close();
      await momo.close();
      await tg.close();
    },
  };
}

export type PrepaidChatApp = Awaited<ReturnType<typeof startPrepaidChatApp>>;

/**
 * The app a feature phone buys from: the real app listening on 127.0.0.1 with a worker, MoMo as its
 * sandbox (whose payers answer by `payerRules`; every payer approves by default), Africa's Talking as
 * its stand-in posting delivery reports to the URLs `opsdesk sms callback-urls` prints (as the
 * deployment's operator pasted them), and the default tariff. `secret` keeps each file's key its own.
 */
export async function startPrepaidSmsApp(options: {
  secret: string;
  payerRules?: MomoSandboxOptions['payerRules'];
  env?: Record<string, string>;
}) {
  let appUrl = '';
  const momo = await startMomoSandbox({
    payerRules: options.payerRules ?? [{ msisdnSuffix: '', status: 'SUCCESSFUL' }],
    callbackBase: () => appUrl,
  });
  const at: AfricasTalkingSandbox = await startAfricasTalkingSandbox({
    deliveryReportUrl: () =>
      deploymentSmsCallbackUrls({
        publicUrl: appUrl,
        secretKey: options.secret,
        provider: 'africastalking',
        username: at.username,
      }).deliveryReportsUrl,
  });
  const app = await startTestApp({
    env: { ...momoEnv(momo), ...at.appEnv(), OPSDESK_SECRET_KEY: options.secret, ...options.env },
  });
  appUrl = await app.http.listen({ host: '127.0.0.1', port: 0 });
  await app.startWorker();
  await createPrepaidTariff(app);
  return {
    app,
    momo,
    at,
    appUrl,
    async close() {
      await app.close();
      await momo.close();
      await at.close();
    },
  };
}
export type PrepaidSmsApp = Awaited<ReturnType<typeof startPrepaidSmsApp>>;
