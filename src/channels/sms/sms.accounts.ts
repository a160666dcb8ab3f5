import type { Ctx } from '../../core/context/index.ts';
import { getOrganization, openSetting } from '../../core/orgs/index.ts';
import type { SmsConfig } from './sms.config.ts';
import { SMS_PROVIDERS, type SmsAccount, type SmsProviderName } from './sms.provider.ts';

/** Secret settings this channel owns (declared in `sms.area.ts`), sealed at rest, write-only. */
export const SMS_SECRET_SETTINGS = ['sms.apiKey'];

/**
 * `organization.settings.sms`: the organization's own provider account (username and key) and the
 * sender id its people see. Without its own account it sends through the deployment's.
 */
export interface SmsOrgSettings {
  provider?: SmsProviderName;
  username?: string;
  apiKey?: string;
  senderId?: string;
}

export function smsSettingsOf(
  settings: Record<string, unknown> | null | undefined,
  secretKey: string,
): SmsOrgSettings {
  const own = (settings?.sms ?? {}) as Record<string, unknown>;
  const apiKey = openSetting(own.apiKey, 'sms.apiKey', secretKey);
  const provider = SMS_PROVIDERS.find((p) => p === own.provider);
  return {
    ...(provider ? { provider } : {}),
    ...(typeof own.username === 'string' && own.username !== '' ? { username: own.username } : {}),
    ...(apiKey ? { apiKey } : {}),
    ...(typeof own.senderId === 'string' && own.senderId !== ''
      ? { senderId: own.senderId.slice(0, 11) }
      : {}),
  };
}

/** The account an organization sends through now, or undefined when neither it nor the deployment has one. */
export function accountOf(own: SmsOrgSettings, config: SmsConfig): SmsAccount | undefined {
  const base = config.AFRICASTALKING_BASE_URL;
  if (own.username && own.apiKey)
    return {
      provider: own.provider ?? config.SMS_PROVIDER,
      username: own.username,
      apiKey: own.apiKey,
      senderId: own.senderId,
      baseUrl: base,
      own: true,
    };
  if (!config.AFRICASTALKING_USERNAME || !config.AFRICASTALKING_API_KEY) return undefined;
  return {
    provider: config.SMS_PROVIDER,
    username: config.AFRICASTALKING_USERNAME,
    apiKey: config.AFRICASTALKING_API_KEY,
    senderId: own.senderId ?? config.AFRICASTALKING_SENDER_ID,
    baseUrl: base,
    own: false,
  };
}

/** The caller's organization's account, read from its settings. */
export async function smsAccountFor(
  ctx: Ctx,
  config: SmsConfig,
  secretKey: string,
): Promise<SmsAccount | undefined> {
  const org = await getOrganization(ctx);
  return accountOf(smsSettingsOf(org.settings, secretKey), config);
}

/**
 * Whose account a text goes through, and so which callback URLs speak for it (Africa's Talking calls
 * back one set per account): an organization's own (`orgId`), or, `orgId: null`, the deployment's,
 * which every organization without one shares.
 */
export interface SmsAccountScope {
  provider: SmsProviderName;
  username: string;
  orgId: string | null;
}

/** The scope of `account` when organization `orgId` sends through it. */
export const scopeOfAccount = (orgId: string, account: SmsAccount): SmsAccountScope => ({
  provider: account.provider,
  username: account.username,
  orgId: account.own ? orgId : null,
});
