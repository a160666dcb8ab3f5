import { z } from 'zod';
import type { AirtelSettings } from './airtel.provider.ts';

/** Airtel Money collection settings of this deployment (the default organization's credentials). */
export const airtelConfigSchema = z.object({
  AIRTEL_BASE_URL: z.string().url().default('https://openapiuat.airtel.africa'),
  AIRTEL_CLIENT_ID: z.string().optional(),
  AIRTEL_CLIENT_SECRET: z.string().optional(),
  AIRTEL_COUNTRY: z.string().default('RW'),
  /** When set, Airtel callbacks must carry a valid HMAC `hash` (authenticated callbacks in the Airtel portal). */
  AIRTEL_CALLBACK_SECRET: z.string().optional(),
});
export type AirtelConfig = z.infer<typeof airtelConfigSchema>;

/** The driver's settings, or undefined when a credential is missing (Airtel Money is then not offered). */
export function airtelSettingsOf(config: AirtelConfig): AirtelSettings | undefined {
  if (!config.AIRTEL_CLIENT_ID || !config.AIRTEL_CLIENT_SECRET) return undefined;
  return {
    baseUrl: config.AIRTEL_BASE_URL,
    clientId: config.AIRTEL_CLIENT_ID,
    clientSecret: config.AIRTEL_CLIENT_SECRET,
    country: config.AIRTEL_COUNTRY,
  };
}
