import type { Api, ApiClientOptions, Bot } from 'grammy';
import {
  type ClaimedSetting,
  findOrganizationBySlug,
  holdsClaim,
  type Organization,
  openSetting,
} from '../../core/orgs/index.ts';
import { type Config, outsideCallTimeoutMs } from '../../platform/config/index.ts';
import { type Db, sql } from '../../platform/db/index.ts';
import { type BotApiRequest, createBotApiFetch } from './telegram.http.ts';

/** A bot's Bot API clients: `api` for calls, `uploadApi` for photos and documents (longer bound). */
export interface TelegramApis {
  api: Api;
  uploadApi: Api;
}

/** `organization.settings.telegram` of organizations with their own bot. */
export interface TelegramOrgSettings {
  botToken?: string;
  /** Checked on `POST /webhooks/telegram/<org slug>`. */
  webhookSecret?: string;
  /**
   * The flow this organization's bot runs; else TELEGRAM_FLOW (the channel's config), else the flow of a
   * module the organization runs that declares Telegram in its `defaultOn`.
   */
  flow?: string;
}

/** Secret settings this channel owns (declared in `telegram.area.ts`), sealed at rest. */
export const TELEGRAM_SECRET_SETTINGS = ['telegram.botToken', 'telegram.webhookSecret'];

/** The setting that names an organization's bot: one organization of the deployment holds each bot. */
export const BOT_TOKEN_SETTING = 'telegram.botToken';

/** A bot's id: the digits before the token's colon (`123456789:AA…`), the same for every token of that bot. */
export const botIdOf = (token: string): string | undefined =>
  /^(\d{1,20}):[A-Za-z0-9_-]{1,200}$/.exec(token)?.[1];

/**
 * Claimed settings this channel owns (declared in `telegram.area.ts`): a bot saved by one
 * organization is refused to every other (by bot id, so a regenerated token of it too), and the
 * deployment's TELEGRAM_BOT_TOKEN is the default organization's.
 */
export const TELEGRAM_CLAIMED_SETTINGS: ClaimedSetting[] = [
  {
    path: BOT_TOKEN_SETTING,
    identityOf: botIdOf,
    expected: 'the bot token @BotFather gave, like 123456789:AAE…',
    deploymentIdentity: (config) =>
      config.TELEGRAM_BOT_TOKEN ? botIdOf(config.TELEGRAM_BOT_TOKEN) : undefined,
  },
];

/** Reads `settings.telegram` without secrets (the flow): no key needed. */
export const telegramSettingsOf = (
  org: Pick<Organization, 'settings'>,
): Pick<TelegramOrgSettings, 'flow'> => {
  const own = (org.settings?.telegram ?? {}) as Record<string, unknown>;
  return typeof own.flow === 'string' ? { flow: own.flow } : {};
};

/** Reads `settings.telegram` and opens its sealed secrets with OPSDESK_SECRET_KEY. */
export const telegramAccountSettingsOf = (
  org: Pick<Organization, 'settings'>,
  secretKey: string,
): TelegramOrgSettings => {
  const own = (org.settings?.telegram ?? {}) as Record<string, unknown>;
  const botToken = openSetting(own.botToken, 'telegram.botToken', secretKey);
  const webhookSecret = openSetting(own.webhookSecret, 'telegram.webhookSecret', secretKey);
  return {
    ...(botToken ? { botToken } : {}),
    ...(webhookSecret ? { webhookSecret } : {}),
    ...telegramSettingsOf(org),
  };
};

/** Seconds Telegram holds a long poll (`getUpdates`) open when nothing happens: grammY's default. */
export const POLL_HOLD_SECONDS = 30;

export interface TelegramAccount {
  orgId: string;
  token: string;
  webhookSecret?: string;
}

/**
 * Bots by organization. The default organization's bot is TELEGRAM_BOT_TOKEN with
 * TELEGRAM_WEBHOOK_SECRET; others keep theirs in `organization.settings.telegram`. grammY clients
 * are made once per token, against TELEGRAM_API_ROOT.
 */
export function createTelegramAccounts(db: Db, config: Config) {
  const bots = new Map<string, Bot>();
  const uploaders = new Map<string, Api>();
  const callMs = outsideCallTimeoutMs(config, 'telegram');
  const callSeconds = callMs / 1000;
  const uploadSeconds = outsideCallTimeoutMs(config, 'telegramUpload') / 1000;
  // One HTTP client for every bot of this app: it tells a call that never left from one that may have.
  const botApiFetch = createBotApiFetch();
  /** A bounded client; `extra` goes with each of its requests (`BotApiRequest`). */
  const client = (timeoutSeconds: number, extra: Partial<BotApiRequest> = {}): ApiClientOptions => ({
    apiRoot: config.TELEGRAM_API_ROOT,
    timeoutSeconds,
    fetch: ((url: string, init: BotApiRequest = {}) =>
      botApiFetch(url, { ...init, ...extra })) as ApiClientOptions['fetch'],
  });
  let defaultOrgId: Promise<string | undefined> | undefined;
  const defaultOrg = () => {
    defaultOrgId ??= findOrganizationBySlug(db, 'default').then((o) => o?.id);
    return defaultOrgId;
  };
  const defaultAccount = async (): Promise<TelegramAccount | undefined> => {
    const orgId = await defaultOrg();
    if (!orgId || !config.TELEGRAM_BOT_TOKEN) return undefined;
    return { orgId, token: config.TELEGRAM_BOT_TOKEN, webhookSecret: config.TELEGRAM_WEBHOOK_SECRET };
  };
  /** An organization's own bot, used (inbound and outbound) only while the organization holds its claim. */
  const ownAccount = async (
    orgId: string,
    own: TelegramOrgSettings,
  ): Promise<TelegramAccount | undefined> => {
    const botId = own.botToken ? botIdOf(own.botToken) : undefined;
    if (!own.botToken || !botId || !(await holdsClaim(db, orgId, BOT_TOKEN_SETTING, botId))) return undefined;
    return { orgId, token: own.botToken, webhookSecret: own.webhookSecret };
  };
  return {
    apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, ''),
    defaultAccount,
    /** The account of `POST /webhooks/telegram/<slug>`. */
    async forSlug(slug: string): Promise<TelegramAccount | undefined> {
      const org = await findOrganizationBySlug(db, slug);
      if (!org) return undefined;
      const own = telegramAccountSettingsOf(org, config.OPSDESK_SECRET_KEY);
      if (own.botToken) return ownAccount(org.id, own);
      return slug === 'default' ? defaultAccount() : undefined;
    },
    async forOrg(orgId: string): Promise<TelegramAccount | undefined> {
      const { rows } = await sql<{ settings: Record<string, unknown> }>`
        select settings from v_orgs_organization where org_id = ${orgId}`.execute(db);
      const own = rows[0] ? telegramAccountSettingsOf(rows[0], config.OPSDESK_SECRET_KEY) : {};
      if (own.botToken) return ownAccount(orgId, own);
      return orgId === (await defaultOrg()) ? defaultAccount() : undefined;
    },
    /**
     * The client of one bot; every call is bounded by the `telegram` timeout (grammY's default is
     * 500 s). grammY loads on first use: ~30 ms of every start, and many deployments have no bot.
     */
    async bot(token: string): Promise<Bot> {
      const { Bot } = await import('grammy');
      let bot = bots.get(token);
      if (!bot) {
        bot = new Bot(token, { client: client(callSeconds) });
        bots.set(token, bot);
      }
      return bot;
    },
    /**
     * The Bot API of one bot for photos and documents, bounded by the `telegramUpload` timeout: their
     * bytes take as long as the link needs, where a text is cut at the short `telegram` one; once the
     * bytes are written, the answer gets the `telegram` time only (issue 55).
     */
    async uploadApi(token: string): Promise<Api> {
      const { Api } = await import('grammy');
      let api = uploaders.get(token);
      if (!api) {
        api = new Api(token, client(uploadSeconds, { answerWithinMs: callMs }));
        uploaders.set(token, api);
      }
      return api;
    },
    /**
     * The clients of one send (`api` and `uploadApi` as above) whose request runs `beforeWrite` right
     * before its first byte is written (`telegram.http.ts`): a bot reply is claimed there (issue 55).
     */
    async sendingApis(token: string, beforeWrite?: () => Promise<void>): Promise<TelegramApis> {
      if (!beforeWrite) return { api: (await this.bot(token)).api, uploadApi: await this.uploadApi(token) };
      const { Api } = await import('grammy');
      return {
        api: new Api(token, client(callSeconds, { beforeWrite })),
        uploadApi: new Api(token, client(uploadSeconds, { beforeWrite, answerWithinMs: callMs })),
      };
    },
    /** A client for long polling only: Telegram holds each poll up to POLL_HOLD_SECONDS, then answers. */
    async pollingBot(token: string): Promise<Bot> {
      const { Bot } = await import('grammy');
      return new Bot(token, { client: client(POLL_HOLD_SECONDS + callSeconds) });
    },
  };
}

export type TelegramAccounts = ReturnType<typeof createTelegramAccounts>;
