import { createHmac, timingSafeEqual } from 'node:crypto';
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
    };
  if (!config.AFRICASTALKING_USERNAME || !config.AFRICASTALKING_API_KEY) return undefined;
  return {
    provider: config.SMS_PROVIDER,
    username: config.AFRICASTALKING_USERNAME,
    apiKey: config.AFRICASTALKING_API_KEY,
    senderId: own.senderId ?? config.AFRICASTALKING_SENDER_ID,
    baseUrl: base,
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
 * The key in the callback URLs given to the provider (Africa's Talking signs nothing): derived from
 * OPSDESK_SECRET_KEY, so it needs no storage and changes when the key is rotated.
 */
export function smsCallbackKey(secretKey: string): string {
  return createHmac('sha256', secretKey).update('opsdesk.sms.callback').digest('base64url').slice(0, 32);
}

/** Whether `given` is this deployment's callback key, compared in constant time. */
export function isSmsCallbackKey(given: unknown, secretKey: string): boolean {
  if (typeof given !== 'string') return false;
  const want = Buffer.from(smsCallbackKey(secretKey));
  const got = Buffer.from(given);
  return got.length === want.length && timingSafeEqual(got, want);
}
