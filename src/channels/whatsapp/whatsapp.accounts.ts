import { findOrganizationBySlug, type Organization, openSetting } from '../../core/orgs/index.ts';
import type { Config } from '../../platform/config/index.ts';
import { type Db, sql } from '../../platform/db/index.ts';

/** One WhatsApp business number and how to reach the Graph API for it. */
export interface WhatsAppAccount {
  orgId: string;
  phoneNumberId: string;
  accessToken: string;
  /** The Meta app secret that signs this number's webhooks (its organization's, else WHATSAPP_APP_SECRET). */
  appSecret: string | undefined;
  baseUrl: string;
  version: string;
}

/** Secret settings this channel owns (declared in `whatsapp.area.ts`), sealed at rest. */
export const WHATSAPP_SECRET_SETTINGS = ['whatsapp.accessToken', 'whatsapp.appSecret'];

/**
 * `organization.settings.whatsapp` of organizations other than the default one, secrets opened.
 * `phoneNumberId` stays plain: inbound webhooks are routed by it in SQL.
 */
export interface WhatsAppOrgSettings {
  phoneNumberId?: string;
  accessToken?: string;
  /** Meta app secret that signs this number's webhooks (else WHATSAPP_APP_SECRET). */
  appSecret?: string;
  /** The flow this organization's number runs (else WHATSAPP_FLOW). */
  flow?: string;
}

/** Reads `settings.whatsapp` without secrets (flow, phoneNumberId): no key needed. */
export const whatsappSettingsOf = (
  org: Pick<Organization, 'settings'>,
): Omit<WhatsAppOrgSettings, 'accessToken' | 'appSecret'> => {
  const own = (org.settings?.whatsapp ?? {}) as Record<string, unknown>;
  return {
    ...(typeof own.phoneNumberId === 'string' ? { phoneNumberId: own.phoneNumberId } : {}),
    ...(typeof own.flow === 'string' ? { flow: own.flow } : {}),
  };
};

/** Reads `settings.whatsapp` and opens its sealed secrets with OPSDESK_SECRET_KEY. */
export const whatsappAccountSettingsOf = (
  org: Pick<Organization, 'settings'>,
  secretKey: string,
): WhatsAppOrgSettings => {
  const own = (org.settings?.whatsapp ?? {}) as Record<string, unknown>;
  const accessToken = openSetting(own.accessToken, 'whatsapp.accessToken', secretKey);
  const appSecret = openSetting(own.appSecret, 'whatsapp.appSecret', secretKey);
  return {
    ...whatsappSettingsOf(org),
    ...(accessToken ? { accessToken } : {}),
    ...(appSecret ? { appSecret } : {}),
  };
};

/** How long a found account is reused without reading the organization again. */
export const ACCOUNT_CACHE_MS = 2_000;

/**
 * Finds accounts by number (inbound routing) and by organization (sending). The default
 * organization's number comes from WHATSAPP_* settings; other organizations keep theirs in
 * `organization.settings.whatsapp`.
 */
export function createWhatsAppAccounts(db: Db, config: Config, clock: () => number = Date.now) {
  /**
   * An organization's account as last read, by organization and by number, for `ACCOUNT_CACHE_MS`:
   * every reply asked for it twice (configured, send) and every webhook once or twice, each with a
   * query and an unsealing. Only found accounts are kept, so a number configured a moment ago is
   * used at once; a changed token, secret or number is used within the TTL.
   */
  const byOrg = new Map<string, { until: number; account: WhatsAppAccount }>();
  const byPhone = new Map<string, { until: number; account: WhatsAppAccount }>();
  let defaultOrgId: Promise<string | undefined> | undefined;
  const defaultOrg = () => {
    defaultOrgId ??= findOrganizationBySlug(db, 'default').then((o) => o?.id);
    return defaultOrgId;
  };
  const account = (
    orgId: string,
    phoneNumberId: string,
    own: { accessToken?: string; appSecret?: string } = {},
  ): WhatsAppAccount | undefined => {
    const accessToken = own.accessToken ?? config.WHATSAPP_ACCESS_TOKEN;
    if (!accessToken) return undefined;
    return {
      orgId,
      phoneNumberId,
      accessToken,
      appSecret: own.appSecret ?? config.WHATSAPP_APP_SECRET,
      baseUrl: config.WHATSAPP_API_BASE_URL.replace(/\/+$/, ''),
      version: config.WHATSAPP_API_VERSION,
    };
  };

  return {
    /** The organization a webhook for `phoneNumberId` belongs to. */
    async forPhone(phoneNumberId: string): Promise<WhatsAppAccount | undefined> {
      const cached = byPhone.get(phoneNumberId);
      if (cached && cached.until > clock()) return cached.account;
      const found = await this.readForPhone(phoneNumberId);
      if (found) byPhone.set(phoneNumberId, { until: clock() + ACCOUNT_CACHE_MS, account: found });
      else byPhone.delete(phoneNumberId);
      return found;
    },
    /** `forPhone` without the cache. */
    async readForPhone(phoneNumberId: string): Promise<WhatsAppAccount | undefined> {
      if (config.WHATSAPP_PHONE_NUMBER_ID && phoneNumberId === config.WHATSAPP_PHONE_NUMBER_ID) {
        const orgId = await defaultOrg();
        return orgId ? account(orgId, phoneNumberId) : undefined;
      }
      const { rows } = await sql<{ id: string; settings: Record<string, unknown> }>`
        select id, settings from organization where settings->'whatsapp'->>'phoneNumberId' = ${phoneNumberId}
        limit 1`.execute(db);
      const row = rows[0];
      return row
        ? account(row.id, phoneNumberId, whatsappAccountSettingsOf(row, config.OPSDESK_SECRET_KEY))
        : undefined;
    },
    /** The number an organization sends from. */
    async forOrg(orgId: string): Promise<WhatsAppAccount | undefined> {
      const cached = byOrg.get(orgId);
      if (cached && cached.until > clock()) return cached.account;
      const found = await this.readForOrg(orgId);
      if (found) byOrg.set(orgId, { until: clock() + ACCOUNT_CACHE_MS, account: found });
      else byOrg.delete(orgId);
      return found;
    },
    /** `forOrg` without the cache. */
    async readForOrg(orgId: string): Promise<WhatsAppAccount | undefined> {
      const { rows } = await sql<{ settings: Record<string, unknown> }>`
        select settings from organization where id = ${orgId}`.execute(db);
      const own = rows[0] ? whatsappAccountSettingsOf(rows[0], config.OPSDESK_SECRET_KEY) : {};
      if (own.phoneNumberId) return account(orgId, own.phoneNumberId, own);
      if (config.WHATSAPP_PHONE_NUMBER_ID && orgId === (await defaultOrg()))
        return account(orgId, config.WHATSAPP_PHONE_NUMBER_ID);
      return undefined;
    },
  };
}

export type WhatsAppAccounts = ReturnType<typeof createWhatsAppAccounts>;
