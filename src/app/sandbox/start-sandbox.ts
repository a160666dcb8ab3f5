import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type AirtelSandbox, startAirtelSandbox } from '../../channels/airtel/index.ts';
import { type CaughtMailServer, startCaughtMailServer } from '../../channels/email/index.ts';
import { type MomoSandbox, startMomoSandbox } from '../../channels/momo/index.ts';
import {
  type AfricasTalkingSandbox,
  smsCallbackKey,
  startAfricasTalkingSandbox,
} from '../../channels/sms/index.ts';
import { startTelegramSandbox, type TelegramSandbox } from '../../channels/telegram/index.ts';
import { startWhatsAppSandbox, type WhatsAppSandbox } from '../../channels/whatsapp/index.ts';
import { DEMO_PAYER_TIMING, type SandboxPayerTiming } from '../../core/payments/index.ts';
import type { Clock } from '../../platform/clock/index.ts';
import type { Config } from '../../platform/config/index.ts';

type ChatSetting =
  | 'WHATSAPP_API_BASE_URL'
  | 'WHATSAPP_ACCESS_TOKEN'
  | 'WHATSAPP_APP_SECRET'
  | 'TELEGRAM_API_ROOT';

/** The outside services the sandbox can play. */
export const SANDBOX_SERVICES = ['momo', 'airtel', 'email', 'sms', 'whatsapp', 'telegram'] as const;
export type SandboxService = (typeof SANDBOX_SERVICES)[number];

export interface Sandbox {
  /** The settings that point each played service's channel at its sandbox driver. */
  env: Record<string, string>;
  /** The same for the core's own settings (the chat channels read them from the parsed config). */
  config: Partial<Pick<Config, ChatSetting>>;
  /** The services played here (a service with real settings is left to them). */
  services: SandboxService[];
  momo?: MomoSandbox;
  airtel?: AirtelSandbox;
  mail?: CaughtMailServer;
  sms?: AfricasTalkingSandbox;
  whatsapp?: WhatsAppSandbox;
  telegram?: TelegramSandbox;
  /** The app's address, once it listens. */
  appUrl(): string | undefined;
  /** Where the app listens, once it does: the payment sandboxes call it back there. */
  callBackTo(appUrl: () => string | undefined): void;
  close(): Promise<void>;
}

/**
 * Starts a sandbox driver on 127.0.0.1 for every outside service the environment leaves
 * unconfigured (MoMo, Airtel Money, SMTP, Africa's Talking SMS, WhatsApp, Telegram), each speaking the service's real wire protocol, and
 * returns the settings that point the channels at them, so the real drivers run end to end. The
 * payers answer on the app's clock (`timing`): by themselves after a few seconds, unless the
 * person at the console's sandbox phone answers first.
 */
export async function startSandbox(options: {
  env: Readonly<Record<string, string>>;
  clock: Clock;
  timing?: SandboxPayerTiming;
  /** OPSDESK_SECRET_KEY: the SMS callbacks carry the key derived from it. */
  secretKey: string;
}): Promise<Sandbox> {
  const { env, clock } = options;
  const payer = { clock, timing: options.timing ?? DEMO_PAYER_TIMING };
  let appUrl: () => string | undefined = () => undefined;
  const callbackBase = () => appUrl();
  const out: Record<string, string> = {};
  const chatConfig: Partial<Pick<Config, ChatSetting>> = {};
  const services: SandboxService[] = [];
  const started: Array<{ close(): Promise<void> }> = [];
  const sandbox: Sandbox = {
    env: out,
    config: chatConfig,
    services,
    appUrl: () => appUrl(),
    callBackTo: (url) => {
      appUrl = url;
    },
    async close() {
      for (const driver of started.splice(0).reverse()) await driver.close().catch(() => {});
    },
  };
  try {
    if (!env.MOMO_SUBSCRIPTION_KEY && !env.MOMO_API_USER && !env.MOMO_API_KEY) {
      const momo = await startMomoSandbox({ payer, callbackBase });
      started.push(momo);
      services.push('momo');
      sandbox.momo = momo;
      Object.assign(out, momo.appEnv());
    }
    if (!env.AIRTEL_CLIENT_ID && !env.AIRTEL_CLIENT_SECRET) {
      // Authenticated callbacks, so the sandbox runs the same hash check a careful deployment does.
      const callbackSecret = randomBytes(24).toString('base64url');
      const airtel = await startAirtelSandbox({
        payer,
        country: env.AIRTEL_COUNTRY ?? 'RW',
        currency: null,
        callbackUrl: () => {
          const base = callbackBase();
          return base ? `${base}/webhooks/airtel` : undefined;
        },
        callbackHmacSecret: callbackSecret,
      });
      started.push(airtel);
      services.push('airtel');
      sandbox.airtel = airtel;
      Object.assign(out, airtel.appEnv(callbackSecret));
    }
    if (!env.SMTP_URL) {
      const mail = await startCaughtMailServer();
      started.push(mail);
      services.push('email');
      sandbox.mail = mail;
      out.SMTP_URL = mail.smtpUrl;
    }
    if (!env.AFRICASTALKING_USERNAME && !env.AFRICASTALKING_API_KEY) {
      // Africa's Talking calls the app back under the deployment's callback key, as its dashboard would.
      const key = smsCallbackKey(options.secretKey);
      const at = (kind: string) => () => {
        const base = callbackBase();
        return base ? `${base}/webhooks/sms/africastalking/${key}/${kind}` : undefined;
      };
      const sms = await startAfricasTalkingSandbox({
        deliveryReportUrl: at('delivery'),
        inboundUrl: at('inbound'),
      });
      started.push(sms);
      services.push('sms');
      sandbox.sms = sms;
      Object.assign(out, sms.appEnv());
    }
    // The chats: each organization gets its own number and bot (`sandbox-chats.ts`); the deployment's
    // settings hold only what every number shares (the token and the app secret) and the API roots.
    if (!env.WHATSAPP_ACCESS_TOKEN && !env.WHATSAPP_PHONE_NUMBER_ID) {
      const whatsapp = await startWhatsAppSandbox({
        webhookUrl: () => {
          const base = callbackBase();
          return base ? `${base}/webhooks/whatsapp` : undefined;
        },
      });
      started.push(whatsapp);
      services.push('whatsapp');
      sandbox.whatsapp = whatsapp;
      Object.assign(chatConfig, {
        WHATSAPP_API_BASE_URL: whatsapp.url,
        WHATSAPP_ACCESS_TOKEN: whatsapp.accessToken,
        WHATSAPP_APP_SECRET: whatsapp.appSecret,
      });
    }
    if (!env.TELEGRAM_BOT_TOKEN) {
      const telegram = await startTelegramSandbox();
      started.push(telegram);
      services.push('telegram');
      sandbox.telegram = telegram;
      chatConfig.TELEGRAM_API_ROOT = telegram.url;
    }
  } catch (err) {
    await sandbox.close();
    throw err;
  }
  return sandbox;
}

/** The app's own address for a process on this machine (`0.0.0.0` and `::` answer on loopback too). */
export function loopbackUrlOf(address: string | AddressInfo | null): string | undefined {
  if (!address || typeof address === 'string') return undefined;
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
