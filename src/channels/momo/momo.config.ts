import { z } from 'zod';
import type { MomoSettings } from './momo.provider.ts';

/** MTN MoMo Collection settings of this deployment (the default organization's credentials). */
export const momoConfigSchema = z.object({
  MOMO_BASE_URL: z.string().url().default('https://sandbox.momodeveloper.mtn.com'),
  MOMO_SUBSCRIPTION_KEY: z.string().optional(),
  MOMO_API_USER: z.string().optional(),
  MOMO_API_KEY: z.string().optional(),
  MOMO_TARGET_ENVIRONMENT: z.string().default('sandbox'),
  /** MTN Disbursements (refunds): its own product subscription and API user; without them refunds go in cash. */
  MOMO_DISBURSEMENT_SUBSCRIPTION_KEY: z.string().optional(),
  MOMO_DISBURSEMENT_API_USER: z.string().optional(),
  MOMO_DISBURSEMENT_API_KEY: z.string().optional(),
});
export type MomoConfig = z.infer<typeof momoConfigSchema>;

/**
 * The driver's settings, or undefined when a credential is missing (MoMo is then not offered).
 * With a public URL, MTN is told where to post its result hints.
 */
export function momoSettingsOf(config: MomoConfig, publicUrl: string | undefined): MomoSettings | undefined {
  const { MOMO_SUBSCRIPTION_KEY, MOMO_API_USER, MOMO_API_KEY } = config;
  if (!MOMO_SUBSCRIPTION_KEY || !MOMO_API_USER || !MOMO_API_KEY) return undefined;
  return {
    baseUrl: config.MOMO_BASE_URL,
    subscriptionKey: MOMO_SUBSCRIPTION_KEY,
    apiUser: MOMO_API_USER,
    apiKey: MOMO_API_KEY,
    targetEnvironment: config.MOMO_TARGET_ENVIRONMENT,
    ...(config.MOMO_DISBURSEMENT_SUBSCRIPTION_KEY &&
    config.MOMO_DISBURSEMENT_API_USER &&
    config.MOMO_DISBURSEMENT_API_KEY
      ? {
          disbursement: {
            subscriptionKey: config.MOMO_DISBURSEMENT_SUBSCRIPTION_KEY,
            apiUser: config.MOMO_DISBURSEMENT_API_USER,
            apiKey: config.MOMO_DISBURSEMENT_API_KEY,
          },
        }
      : {}),
    ...(publicUrl ? { callbackUrl: `${publicUrl.replace(/\/+$/, '')}/webhooks/momo` } : {}),
  };
}
