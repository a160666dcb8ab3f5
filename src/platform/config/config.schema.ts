import { z } from 'zod';
import { outsideCallTimeoutsSchema } from './outside-calls.ts';

const DEV_SECRET = 'dev-only-secret-change-me-in-production';

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    );

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Every setting the process reads, validated once at start-up. Names are a contract with
 * operators and scripts: keep them stable. Channel credentials here are the *default
 * organization's*; other organizations keep theirs in the database.
 */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number({ message: 'expected a port number' }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  OPSDESK_DATA_DIR: z.string().min(1).default('./data'),
  OPSDESK_MODULES: list('all'),
  OPSDESK_TIMEZONE: z
    .string()
    .refine(isTimeZone, 'expected an IANA time zone like Africa/Kigali')
    .default('UTC'),
  OPSDESK_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code like USD')
    .default('USD'),
  // The languages of src/core/i18n/locale.ts (platform code cannot import the core).
  OPSDESK_LANGUAGES: list('en,hi,es,fr,rw').pipe(z.array(z.enum(['en', 'hi', 'es', 'fr', 'rw'])).min(1)),
  OPSDESK_ORG_NAME: z.string().min(1).default('Opsdesk Demo'),
  OPSDESK_PUBLIC_URL: z.string().url('expected an absolute URL like https://desk.example.com').optional(),
  OPSDESK_SECRET_KEY: z.string().min(32, 'expected at least 32 characters').default(DEV_SECRET),
  OPSDESK_CORS_ORIGINS: list(''),
  OPSDESK_METRICS_TOKEN: z.string().min(16, 'expected at least 16 characters').optional(),
  OPSDESK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  OPSDESK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  OPSDESK_LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  OPSDESK_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  /**
   * Distinct credentials (staff session or API token, coffee device token, meter token) that may fail
   * from one address in a minute, per surface, before that address is answered 429 for it.
   */
  OPSDESK_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(30),
  OPSDESK_LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  OPSDESK_SESSION_HOURS: z.coerce.number().int().min(1).default(12),
  OPSDESK_TRUST_PROXY: bool(false),
  OPSDESK_JOBS: bool(true),
  /** Days pg-boss keeps finished jobs (completed, failed, cancelled) before deleting them: retention of jobs. */
  OPSDESK_JOBS_KEEP_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  /**
   * Seconds between pg-boss's checks for jobs whose process died (its supervise and per-queue monitor
   * intervals): a job left by a killed process runs again within its expiry plus this.
   */
  OPSDESK_JOBS_SUPERVISE_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
  /** Chat messages are handled by the process that received them, right after they are stored (the job stays the fallback). */
  OPSDESK_INLINE_JOBS: bool(true),
  /**
   * Seconds one outbox send may take before it counts as a failed attempt. A message a killed process
   * left `sending` three times this long (3 minutes) is sent again where that is safe, else left to
   * its channel's rule (and staff).
   */
  OPSDESK_SEND_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
  /** Overrides of the bounded time of outside calls (`outside-calls.ts`): `telegram=5000,smtp=20000`. */
  OPSDESK_OUTSIDE_CALL_TIMEOUTS: outsideCallTimeoutsSchema,
  /**
   * The sandbox plays the outside world (MoMo, Airtel, SMTP) on 127.0.0.1 for every service that is
   * not configured, so the demo runs end to end with no account anywhere. `start --demo` turns it on;
   * refused in production.
   */
  OPSDESK_SANDBOX: bool(false),
  /** Seconds before the sandbox payer approves a request to pay by itself; 0: only when answered on the sandbox phone. */
  OPSDESK_SANDBOX_AUTO_APPROVE_SECONDS: z.coerce.number().min(0).max(3600).default(4),

  WHATSAPP_APP_SECRET: z.string().optional(),
  WHATSAPP_VERIFY_TOKEN: z.string().optional(),
  WHATSAPP_ACCESS_TOKEN: z.string().optional(),
  WHATSAPP_PHONE_NUMBER_ID: z.string().optional(),
  WHATSAPP_API_BASE_URL: z.string().url().default('https://graph.facebook.com'),
  WHATSAPP_API_VERSION: z.string().default('v25.0'),

  TELEGRAM_BOT_TOKEN: z.string().optional(),
  TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'expected 1-256 characters of A-Z a-z 0-9 _ -')
    .optional(),

  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
});

/** The validated settings, plus the raw environment they came from (modules read theirs from it). */
export type Config = z.infer<typeof configSchema> & { readonly env: Readonly<Record<string, string>> };
export const DEFAULT_SECRETS: Partial<Record<keyof Config, string>> = { OPSDESK_SECRET_KEY: DEV_SECRET };
