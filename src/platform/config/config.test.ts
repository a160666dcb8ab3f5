import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.ts';

const load = (env: Record<string, string>) => loadConfig(env, { envFile: false });

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const c = load({});
    expect(c.PORT).toBe(3000);
    expect(c.OPSDESK_DATA_DIR).toBe('./data');
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.OPSDESK_MODULES).toEqual(['all']);
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
    expect(load({ NODE_ENV: 'production', OPSDESK_SECRET_KEY: 'x'.repeat(40) }).NODE_ENV).toBe('production');
  });

  it('refuses the sandbox in production, as it refuses the demo', () => {
    const production = { NODE_ENV: 'production', OPSDESK_SECRET_KEY: 'x'.repeat(40) };
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
