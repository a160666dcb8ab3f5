import {
  type ClaimedSetting,
  findClaimHolder,
  findOrganizationBySlug,
  holdsClaim,
  type Organization,
  openSetting,
} from '../../core/orgs/index.ts';
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

/** The setting inbound webhooks are routed by: one organization of the deployment holds each number. */
export const PHONE_NUMBER_ID_SETTING = 'whatsapp.phoneNumberId';

/**
 * Claimed settings this channel owns (declared in `whatsapp.area.ts`): a number saved by one
 * organization is refused to every other, and the deployment's WHATSAPP_PHONE_NUMBER_ID is the
 * default organization's.
 */
export const WHATSAPP_CLAIMED_SETTINGS: ClaimedSetting[] = [
  {
    path: PHONE_NUMBER_ID_SETTING,
    identityOf: (value) => (/^\d{1,30}$/.test(value) ? value : undefined),
    expected: 'the phone number ID Meta shows for the number (digits only)',
    deploymentIdentity: (config) => config.WHATSAPP_PHONE_NUMBER_ID,
  },
];

/**
 * `organization.settings.whatsapp` of organizations other than the default one, secrets opened.
 * `phoneNumberId` stays plain: it is claimed (`org_channel_claim`) when saved.
 */
export interface WhatsAppOrgSettings {
  phoneNumberId?: string;
  accessToken?: string;
  /** Meta app secret that signs this number's webhooks (else WHATSAPP_APP_SECRET). */
  appSecret?: string;
  /** The flow this organization's number runs (else WHATSAPP_FLOW, else the one its modules declare for WhatsApp). */
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
    /** `forPhone` without the cache: the organization holding the number's claim, and no other. */
    async readForPhone(phoneNumberId: string): Promise<WhatsAppAccount | undefined> {
      if (config.WHATSAPP_PHONE_NUMBER_ID && phoneNumberId === config.WHATSAPP_PHONE_NUMBER_ID) {
        const orgId = await defaultOrg();
        return orgId ? account(orgId, phoneNumberId) : undefined;
      }
      const holder = await findClaimHolder(db, PHONE_NUMBER_ID_SETTING, phoneNumberId);
      if (!holder || !('orgId' in holder)) return undefined;
      const own = whatsappAccountSettingsOf(holder, config.OPSDESK_SECRET_KEY);
      return own.phoneNumberId === phoneNumberId ? account(holder.orgId, phoneNumberId, own) : undefined;
    },
    /** The organizations (slugs) that name a number nobody holds; none when it is not disputed. */
    async disputedBy(phoneNumberId: string): Promise<string[]> {
      const holder = await findClaimHolder(db, PHONE_NUMBER_ID_SETTING, phoneNumberId);
      return holder && 'disputedBy' in holder ? holder.disputedBy : [];
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
    /** `forOrg` without the cache: a number in the settings is sent from only while the organization holds it. */
    async readForOrg(orgId: string): Promise<WhatsAppAccount | undefined> {
      const { rows } = await sql<{ settings: Record<string, unknown> }>`
        select settings from v_orgs_organization where org_id = ${orgId}`.execute(db);
      const own = rows[0] ? whatsappAccountSettingsOf(rows[0], config.OPSDESK_SECRET_KEY) : {};
      if (own.phoneNumberId)
        return (await holdsClaim(db, orgId, PHONE_NUMBER_ID_SETTING, own.phoneNumberId))
          ? account(orgId, own.phoneNumberId, own)
          : undefined;
      if (config.WHATSAPP_PHONE_NUMBER_ID && orgId === (await defaultOrg()))
        return account(orgId, config.WHATSAPP_PHONE_NUMBER_ID);
      return undefined;
    },
  };
}

export type WhatsAppAccounts = ReturnType<typeof createWhatsAppAccounts>;
