import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Config, configSchema, DEFAULT_SECRETS } from './config.schema.ts';
import { estimateBits, MIN_SECRET_BITS } from './secret-strength.ts';

export type { Config } from './config.schema.ts';
export {
  OUTSIDE_CALL_TIMEOUTS_MS,
  type OutsideService,
  outsideCallTimeoutMs,
} from './outside-calls.ts';

/** Thrown when the environment is wrong; carries one line per bad value. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads the environment (plus `.env` in the working directory, which never overrides real
 * variables), validates it and refuses production start-up with default secrets.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: { envFile?: string | false } = {},
): Config {
  const envFile = options.envFile === undefined ? resolve('.env') : options.envFile;
  if (envFile && env === process.env && existsSync(envFile)) process.loadEnvFile(envFile);

  const parsed = configSchema.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}${gotOf(String(i.path[0]), env)}`),
    );
  }
  // The raw values stay with the config: modules read their own settings from them (`config` of a module).
  const config: Config = { ...parsed.data, env: withoutEmpty(env) };
  if (config.NODE_ENV === 'production') {
    const problems = Object.entries(DEFAULT_SECRETS)
      .filter(([key, value]) => config[key as keyof Config] === value)
      .map(([key]) => `${key}: the development default must not be used in production; set a random value`);
    // A key of 32 × "a", "password" × 4, a–z0–9, `Summer2026!` × 3 or `correcthorsebatterystaple2026opsdesk`
    // passes the length rule; it seals every secret of the deployment (issues 40, 55, 61): judged on its
    // structure (repeats, runs, words, years, passphrases), not its length.
    const keyBits = estimateBits(config.OPSDESK_SECRET_KEY);
    if (keyBits < MIN_SECRET_BITS)
      problems.push(
        `OPSDESK_SECRET_KEY: too predictable (about ${Math.floor(keyBits)} bits of randomness, at least ${MIN_SECRET_BITS} needed); set a random value, e.g. openssl rand -base64 48`,
      );
    // The sandbox answers every payment with a payer at the console and catches every e-mail.
    if (config.OPSDESK_SANDBOX)
      problems.push(
        'OPSDESK_SANDBOX: the sandbox (pretend payments, caught e-mail) is refused in production; configure the real services',
      );
    if (problems.length > 0) throw new ConfigError(problems);
  }
  return config;
}

/** Settings that are or may carry a secret (a key, a token, a password in a URL). */
const SECRET_NAME = /SECRET|KEY|TOKEN|PASSWORD|_URL$/;

/** What a wrong value was, for the message: never a secret's, which reaches logs and terminals. */
const gotOf = (name: string, env: NodeJS.ProcessEnv) =>
  SECRET_NAME.test(name) ? '' : ` (got ${JSON.stringify(env[name])})`;

/** Empty strings mean "unset", as in most shells' `FOO= cmd`. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')) as Record<
    string,
    string
  >;
}

/** A config for tests: defaults plus overrides, never reading `.env`. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', OPSDESK_LOG_LEVEL: 'silent', ...overrides }, { envFile: false });
}
