import { z } from 'zod';

/** Google Sheets with a service account (JWT auth); endpoints overridable for stand-ins. */
export const sheetsConfigSchema = z.object({
  GOOGLE_SHEETS_API_BASE_URL: z.string().url().default('https://sheets.googleapis.com'),
  GOOGLE_OAUTH_TOKEN_URL: z.string().url().default('https://oauth2.googleapis.com/token'),
  GOOGLE_SERVICE_ACCOUNT_EMAIL: z.string().email().optional(),
  /** PEM private key; literal `\n` sequences (one-line env files) are read as newlines. */
  GOOGLE_SERVICE_ACCOUNT_KEY: z
    .string()
    .transform((s) => s.replace(/\\n/g, '\n'))
    .optional(),
});
export type SheetsConfig = z.infer<typeof sheetsConfigSchema>;

/** What the driver needs; undefined without a service account (no sink is offered then). */
export interface SheetsSettings {
  apiBaseUrl: string;
  tokenUrl: string;
  serviceAccountEmail: string;
  serviceAccountKey: string;
  /** Bounded time of each call (`outsideCallTimeoutMs(config, 'sheets')`). */
  timeoutMs?: number;
}

export function sheetsSettingsOf(config: SheetsConfig): SheetsSettings | undefined {
  if (!config.GOOGLE_SERVICE_ACCOUNT_EMAIL || !config.GOOGLE_SERVICE_ACCOUNT_KEY) return undefined;
  return {
    apiBaseUrl: config.GOOGLE_SHEETS_API_BASE_URL.replace(/\/+$/, ''),
    tokenUrl: config.GOOGLE_OAUTH_TOKEN_URL,
    serviceAccountEmail: config.GOOGLE_SERVICE_ACCOUNT_EMAIL,
    serviceAccountKey: config.GOOGLE_SERVICE_ACCOUNT_KEY,
  };
}
