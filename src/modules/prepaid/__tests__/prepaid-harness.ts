import type { AddressInfo } from 'node:net';
import { orgCtx } from '../../../../test/factories/org.ts';
import { createPrepaidTariff } from '../../../../test/factories/prepaid.ts';
import { startTestApp } from '../../../../test/support/test-app.ts';
import { whatsAppChat, whatsAppEnv } from '../../../../test/support/whatsapp-app.ts';
import { type MomoSandbox, startMomoSandbox } from '../../../channels/momo/index.ts';
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
