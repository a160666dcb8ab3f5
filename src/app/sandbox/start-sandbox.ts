import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type AirtelSandbox, startAirtelSandbox } from '../../channels/airtel/index.ts';
import { type CaughtMailServer, startCaughtMailServer } from '../../channels/email/index.ts';
import { type MomoSandbox, startMomoSandbox } from '../../channels/momo/index.ts';
import {
  type AfricasTalkingSandbox,
  type AfricasTalkingUssdGateway,
  createAfricasTalkingUssdGateway,
  deploymentSmsCallbackUrls,
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
  /**
   * Africa's Talking's USSD gateway, the network the console's handset dials on: it posts each screen
   * to the app's own USSD callback, as the real gateway does (played whatever the settings: the app
   * never calls a USSD gateway, the gateway calls it).
   */
  ussd: AfricasTalkingUssdGateway;
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
  /** OPSDESK_SECRET_KEY: the SMS callbacks carry the deployment's account's key derived from it. */
  secretKey: string;
  /** Where played services keep what outlives a restart (the played Telegram's numbers), if anywhere. */
  stateDir?: string;
}): Promise<Sandbox> {
  const { env, clock } = options;
  let appUrl: () => string | undefined = () => undefined;
  const services: SandboxService[] = [];
  const started: Array<{ close(): Promise<void> }> = [];
  const sandbox: Sandbox = {
    env: {},
    config: {},
    services,
    ussd: createAfricasTalkingUssdGateway({ clock }),
    appUrl: () => appUrl(),
    callBackTo: (url) => {
      appUrl = url;
    },
    async close() {
      for (const driver of started.splice(0).reverse()) await driver.close().catch(() => {});
    },
  };
  const playing: Playing = {
    env,
    sandbox,
    payer: { clock, timing: options.timing ?? DEMO_PAYER_TIMING },
    callbackBase: () => appUrl(),
    secretKey: options.secretKey,
    stateDir: options.stateDir,
    play: (service, driver) => {
      started.push(driver);
      services.push(service);
      return driver;
    },
  };
  try {
    await playMobileMoney(playing);
    await playMail(playing);
    await playSms(playing);
    await playChats(playing);
  } catch (err) {
    await sandbox.close();
    throw err;
  }
  return sandbox;
}

/** What each service's starter needs: the environment it leaves unconfigured, the sandbox it fills in. */
interface Playing {
  env: Readonly<Record<string, string>>;
  sandbox: Sandbox;
  payer: { clock: Clock; timing: SandboxPayerTiming };
  /** The app's address once it listens: the drivers call it back there. */
  callbackBase(): string | undefined;
  secretKey: string;
  stateDir: string | undefined;
  /** Records a started driver as played (closed with the sandbox, in reverse order). */
  play<T extends { close(): Promise<void> }>(service: SandboxService, driver: T): T;
}

/** The app's URL for a webhook path, once the app listens. */
const callbackAt = (p: Playing, path: string) => () => {
  const base = p.callbackBase();
  return base ? `${base}${path}` : undefined;
};

/** MTN MoMo and Airtel Money, each unless the environment configures it. */
async function playMobileMoney(p: Playing): Promise<void> {
  const { env, sandbox, payer } = p;
  if (!env.MOMO_SUBSCRIPTION_KEY && !env.MOMO_API_USER && !env.MOMO_API_KEY) {
    const momo = p.play('momo', await startMomoSandbox({ payer, callbackBase: p.callbackBase }));
    sandbox.momo = momo;
    Object.assign(sandbox.env, momo.appEnv());
  }
  if (!env.AIRTEL_CLIENT_ID && !env.AIRTEL_CLIENT_SECRET) {
    // Authenticated callbacks, so the sandbox runs the same hash check a careful deployment does.
    const callbackSecret = randomBytes(24).toString('base64url');
    const airtel = p.play(
      'airtel',
      await startAirtelSandbox({
        payer,
        country: env.AIRTEL_COUNTRY ?? 'RW',
        currency: null,
        callbackUrl: callbackAt(p, '/webhooks/airtel'),
        callbackHmacSecret: callbackSecret,
      }),
    );
    sandbox.airtel = airtel;
    Object.assign(sandbox.env, airtel.appEnv(callbackSecret));
  }
}

/** The caught-mail SMTP server, unless SMTP_URL is set. */
async function playMail(p: Playing): Promise<void> {
  if (p.env.SMTP_URL) return;
  const mail = p.play('email', await startCaughtMailServer());
  p.sandbox.mail = mail;
  p.sandbox.env.SMTP_URL = mail.smtpUrl;
}

/**
 * Africa's Talking's SMS API, whose account is the deployment's: it calls the app back at that
 * account's URLs (`deploymentSmsCallbackUrls`), as its dashboard would once the operator pasted them.
 */
async function playSms(p: Playing): Promise<void> {
  if (p.env.AFRICASTALKING_USERNAME || p.env.AFRICASTALKING_API_KEY) return;
  const urls = () => {
    const publicUrl = p.callbackBase();
    if (!publicUrl) return undefined;
    const account = { provider: 'africastalking', username: sms.username };
    return deploymentSmsCallbackUrls({ publicUrl, secretKey: p.secretKey, ...account });
  };
  const sms: AfricasTalkingSandbox = p.play(
    'sms',
    await startAfricasTalkingSandbox({
      deliveryReportUrl: () => urls()?.deliveryReportsUrl,
      inboundUrl: () => urls()?.incomingMessagesUrl,
    }),
  );
  p.sandbox.sms = sms;
  Object.assign(p.sandbox.env, sms.appEnv());
}

/**
 * The chats: each organization gets its own number and bot (`sandbox-chats.ts`); the deployment's
 * settings hold only what every number shares (the token and the app secret) and the API roots.
 */
async function playChats(p: Playing): Promise<void> {
  const { env, sandbox } = p;
  if (!env.WHATSAPP_ACCESS_TOKEN && !env.WHATSAPP_PHONE_NUMBER_ID) {
    const whatsapp = p.play(
      'whatsapp',
      await startWhatsAppSandbox({ webhookUrl: callbackAt(p, '/webhooks/whatsapp') }),
    );
    sandbox.whatsapp = whatsapp;
    Object.assign(sandbox.config, {
      WHATSAPP_API_BASE_URL: whatsapp.url,
      WHATSAPP_ACCESS_TOKEN: whatsapp.accessToken,
      WHATSAPP_APP_SECRET: whatsapp.appSecret,
    });
  }
  if (!env.TELEGRAM_BOT_TOKEN) {
    const telegram = p.play('telegram', await startTelegramSandbox({ numbersDir: p.stateDir }));
    sandbox.telegram = telegram;
    sandbox.config.TELEGRAM_API_ROOT = telegram.url;
  }
}

/** The app's own address for a process on this machine (`0.0.0.0` and `::` answer on loopback too). */
export function loopbackUrlOf(address: string | AddressInfo | null): string | undefined {
  if (!address || typeof address === 'string') return undefined;
  const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
