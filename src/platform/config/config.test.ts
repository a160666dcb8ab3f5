import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.ts';

const load = (env: Record<string, string>) => loadConfig(env, { envFile: false });
/** A key as `openssl rand -base64 48` makes one. */
const RANDOM_KEY = randomBytes(48).toString('base64');

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const c = load({});
    expect(c.PORT).toBe(3000);
    expect(c.OPSDESK_DATA_DIR).toBe('./data');
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.OPSDESK_MODULES).toEqual(['all']);
    expect(c.OPSDESK_SEND_TIMEOUT_SECONDS).toBe(60);
  });

  it('takes a send timeout of whole seconds, 1 to 600', () => {
    expect(load({ OPSDESK_SEND_TIMEOUT_SECONDS: '5' }).OPSDESK_SEND_TIMEOUT_SECONDS).toBe(5);
    for (const value of ['0', '601', '2.5', 'soon'])
      expect(() => load({ OPSDESK_SEND_TIMEOUT_SECONDS: value }), value).toThrow(
        /OPSDESK_SEND_TIMEOUT_SECONDS/,
      );
  });

  it('names every wrong value in one error', () => {
    try {
      load({ PORT: 'eighty', OPSDESK_TIMEZONE: 'Mars/Base', DATABASE_URL: 'mysql://x' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const lines = (e as ConfigError).problems;
      expect(lines).toHaveLength(3);
      expect(lines.join('\n')).toMatch(/PORT: expected a port number/);
      expect(lines.join('\n')).toMatch(/OPSDESK_TIMEZONE: expected an IANA time zone/);
      expect(lines.join('\n')).toMatch(/DATABASE_URL: expected a postgres/);
    }
  });

  it('refuses to start in production with the default secret', () => {
    expect(() => load({ NODE_ENV: 'production' })).toThrow(/OPSDESK_SECRET_KEY: the development default/);
    expect(load({ NODE_ENV: 'production', OPSDESK_SECRET_KEY: RANDOM_KEY }).NODE_ENV).toBe('production');
  });

  it('refuses a predictable secret in production without showing it, and takes random ones of 32 characters', () => {
    // Issue 40: 32 × "a" passed the length rule and sealed every secret of the deployment.
    // Issue 55: "password" × 4 and a–z0–9 passed a rule that counted characters.
    for (const key of [
      'a'.repeat(32),
      'x'.repeat(40),
      'ab'.repeat(20),
      'abcd'.repeat(8),
      'password'.repeat(4),
      'abcdefghijklmnopqrstuvwxyz0123456789',
      'qwertyuiopasdfghjklzxcvbnm1234567890',
      'zyxwvutsrqponmlkjihgfedcba9876543210',
      // Issue 61: a season and a year × 3, a passphrase of dictionary words, a year and the product's name.
      'Summer2026!'.repeat(3),
      'Winter2025#'.repeat(3),
      'correcthorsebatterystaple2026opsdesk',
      'CorrectHorseBatteryStaple2026Opsdesk',
      'correct-horse-battery-staple-2026-opsdesk',
    ]) {
      let problems: string[] = [];
      try {
        load({ NODE_ENV: 'production', OPSDESK_SECRET_KEY: key });
      } catch (e) {
        problems = (e as ConfigError).problems;
      }
      expect(problems, key).toEqual([expect.stringMatching(/^OPSDESK_SECRET_KEY: too predictable/)]);
      expect(problems.join('\n')).not.toContain(key);
    }
    for (let i = 0; i < 500; i++)
      for (const key of [
        randomBytes(16).toString('hex'),
        randomBytes(32).toString('hex'), // 64 hex characters
        randomBytes(24).toString('base64'),
        randomBytes(32).toString('base64'), // openssl rand -base64 32
        randomBytes(32).toString('base64url'),
      ])
        expect(load({ NODE_ENV: 'production', OPSDESK_SECRET_KEY: key }).OPSDESK_SECRET_KEY).toBe(key);
    // outside production any key of 32 characters will do
    expect(load({ OPSDESK_SECRET_KEY: 'a'.repeat(32) }).OPSDESK_SECRET_KEY).toBe('a'.repeat(32));
  });

  it('names a wrong secret without showing it', () => {
    const wrong = { OPSDESK_SECRET_KEY: 'short-but-real-secret', DATABASE_URL: 'mysql://app:hunter2@db/x' };
    expect(() => load(wrong)).toThrow(/OPSDESK_SECRET_KEY: expected at least 32 characters/);
    try {
      load(wrong);
    } catch (e) {
      const said = (e as ConfigError).problems.join('\n');
      expect(said).toMatch(/DATABASE_URL: expected a postgres/);
      expect(said).not.toContain('short-but-real-secret');
      expect(said).not.toContain('hunter2');
    }
    expect(() => load({ PORT: 'eighty' })).toThrow(/PORT: .*\(got "eighty"\)/);
  });

  it('refuses the sandbox in production, as it refuses the demo', () => {
    const production = { NODE_ENV: 'production', OPSDESK_SECRET_KEY: RANDOM_KEY };
    expect(() => load({ ...production, OPSDESK_SANDBOX: 'true' })).toThrow(
      /OPSDESK_SANDBOX: the sandbox .* is refused in production/,
    );
    expect(load({ ...production }).OPSDESK_SANDBOX).toBe(false);
    expect(load({ OPSDESK_SANDBOX: 'true' }).OPSDESK_SANDBOX).toBe(true);
  });

  it('splits module lists and treats empty variables as unset', () => {
    const c = load({ OPSDESK_MODULES: 'mess, raffle', PORT: '' });
    expect(c.OPSDESK_MODULES).toEqual(['mess', 'raffle']);
    expect(c.PORT).toBe(3000);
  });
});
