import type { AddressInfo } from 'node:net';
import {
  startWhatsAppStandin,
  type WhatsAppStandin,
} from '../../src/channels/whatsapp/sandbox/whatsapp-graph.ts';
import type { AnyArea } from '../../src/core/modules/index.ts';
import type { Clock } from '../../src/platform/clock/index.ts';
import { eventually } from './eventually.ts';
import { startTestApp, type TestApp } from './test-app.ts';

/** The app's WhatsApp settings, pointing at the Graph API stand-in `wa`. */
export const whatsAppEnv = (
  wa: WhatsAppStandin,
  names: { appSecret: string; verifyToken?: string; flow?: string },
): Record<string, string> => ({
  WHATSAPP_APP_SECRET: names.appSecret,
  WHATSAPP_VERIFY_TOKEN: names.verifyToken ?? 'wa-verify-token',
  WHATSAPP_ACCESS_TOKEN: wa.accessToken,
  WHATSAPP_PHONE_NUMBER_ID: wa.phoneNumberId,
  WHATSAPP_API_BASE_URL: wa.url,
  WHATSAPP_API_VERSION: 'v25.0',
  ...(names.flow ? { WHATSAPP_FLOW: names.flow } : {}),
});

/** A person's side of a WhatsApp chat with the app: Meta's signed deliveries to `hook`, and what the app sent. */
export function whatsAppChat(wa: WhatsAppStandin, hook: string, appSecret: string) {
  /** Delivers `payload` as Meta does; `signature` forges a wrong one or leaves it out. */
  const deliver = (payload: unknown, signature?: 'wrong' | 'missing') =>
    wa.deliverWebhook({ to: hook, appSecret, payload, ...(signature ? { signature } : {}) });
  /** The texts WhatsApp was asked to send `to` (an interactive message's body text), oldest first. */
  const texts = (to: string) =>
    wa.sentMessages(to).map((m) => {
      const b = m.body as { text?: { body: string }; interactive?: { body: { text: string } } };
      return b.text?.body ?? b.interactive?.body.text ?? '';
    });
  /**
   * Waits until `to` has been sent at least `count` messages; returns them as the Graph API took them.
   * The deadline is generous: the worker may be slow on a loaded machine.
   */
  const waitForMessages = async (to: string, count: number, timeoutMs = 25_000) => {
    await eventually(() => wa.sentMessages(to).length >= count, {
      timeoutMs,
      what: `${count} messages to ${to}`,
    });
    return wa.sentMessages(to);
  };
  /** Waits until `to` has been sent at least `count` messages; returns their texts. */
  const waitForCount = async (to: string, count: number, timeoutMs?: number) => {
    await waitForMessages(to, count, timeoutMs);
    return texts(to);
  };
  /** Sends a text and waits for the bot's answer(s); returns the new texts. */
  const say = async (from: string, text: string, replies = 1) => {
    const before = wa.sentMessages(from).length;
    await deliver(wa.textMessage({ from, text }));
    return (await waitForCount(from, before + replies)).slice(before);
  };
  /** Taps a reply button and waits for the bot's answer(s); returns the new texts. */
  const tap = async (from: string, buttonId: string, replies = 1) => {
    const before = wa.sentMessages(from).length;
    await deliver(wa.buttonReply({ from, buttonId, title: 'ignored title' }));
    return (await waitForCount(from, before + replies)).slice(before);
  };
  return { deliver, texts, waitForMessages, waitForCount, say, tap };
}

/**
 * The real app listening on 127.0.0.1 with a worker, WhatsApp going to the Graph API stand-in, and
 * the chat of a person with it; `flow` answers the chats, `env` adds or overrides settings.
 */
export async function startWhatsAppApp(options: {
  appSecret: string;
  flow?: string;
  verifyToken?: string;
  modules?: AnyArea[];
  clock?: Clock;
  env?: Record<string, string>;
}) {
  const wa = await startWhatsAppStandin();
  const app: TestApp = await startTestApp({
    modules: options.modules,
    clock: options.clock,
    env: { ...whatsAppEnv(wa, options), ...options.env },
  });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const hook = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}/webhooks/whatsapp`;
  await app.startWorker();
  return {
    app,
    wa,
    hook,
    ...whatsAppChat(wa, hook, options.appSecret),
    async close() {
      await app.close();
      await wa.close();
    },
  };
}

export type WhatsAppApp = Awaited<ReturnType<typeof startWhatsAppApp>>;
