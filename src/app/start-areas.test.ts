import { describe, expect, it } from 'vitest';
import { airtelArea } from '../channels/airtel/index.ts';
import { emailArea } from '../channels/email/index.ts';
import { momoArea } from '../channels/momo/index.ts';
import { telegramArea } from '../channels/telegram/index.ts';
import { whatsappArea } from '../channels/whatsapp/index.ts';
import { defineFlow } from '../core/conversations/index.ts';
import { type AreaDeps, defineArea, defineModule } from '../core/modules/index.ts';
import type { Organization } from '../core/orgs/index.ts';
import type { PaymentProvider } from '../core/payments/index.ts';
import { systemClock } from '../platform/clock/index.ts';
import { ConfigError, testConfig } from '../platform/config/index.ts';
import { defineErrors, PlatformErrors } from '../platform/errors/index.ts';
import { startAreas } from './start-areas.ts';

/**
 * What starting needs; these areas touch none of the services until a request or job comes, so the
 * stand-ins are empty objects where AreaDeps wants whole services.
 */
const base = (env: Record<string, string> = {}) =>
  ({
    config: testConfig(env),
    clock: systemClock,
    log: { warn() {}, error() {}, info() {} },
    database: { db: {}, lane: () => ({ db: {} }) },
    jobs: {},
    files: {},
  }) as unknown as Omit<AreaDeps, 'events' | 'declared' | 'systemCtx' | 'conversations'>;

const momoCredentials = { MOMO_SUBSCRIPTION_KEY: 'k', MOMO_API_USER: 'u', MOMO_API_KEY: 'a' };

describe('starting the areas of an app', () => {
  it("names the variable of a channel's own settings that is wrong, and the channel", () => {
    try {
      startAreas(
        [momoArea, airtelArea, emailArea],
        base({ MOMO_BASE_URL: 'not a url', AIRTEL_BASE_URL: 'ftp', SMTP_URL: 'http://relay' }),
      );
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join('\n');
      expect(problems).toMatch(/^MOMO_BASE_URL: .*\(module momo\)$/m);
      expect(problems).toMatch(/^AIRTEL_BASE_URL: .*\(module airtel\)$/m);
      expect(problems).toMatch(/^SMTP_URL: expected smtp:\/\/ or smtps:\/\/ \(module email\)$/m);
    }
  });

  it('offers a payment provider only when its credentials are set', () => {
    const without = startAreas([momoArea, airtelArea], base());
    expect(without.deps.declared.paymentProviders()).toEqual([]);
    const withMomo = startAreas([momoArea, airtelArea], base(momoCredentials));
    expect(withMomo.deps.declared.paymentProviders().map((p) => p.method)).toEqual(['momo']);
  });

  it('gives every app its own provider (and token cache)', () => {
    const first = startAreas([momoArea], base(momoCredentials)).deps.declared.paymentProviders()[0];
    const second = startAreas([momoArea], base(momoCredentials)).deps.declared.paymentProviders()[0];
    expect(first).toBeDefined();
    expect(first).not.toBe(second);
  });

  it('refuses two providers for one payment method', () => {
    const other = defineArea({
      name: 'othermomo',
      paymentProviders: () => [{ method: 'momo' } as PaymentProvider],
    });
    expect(() => startAreas([momoArea, other], base(momoCredentials))).toThrow(
      /payment provider momo is declared twice/,
    );
  });
});

/** A module whose one flow is the default on WhatsApp. */
const shopModule = defineModule({
  name: 'shop',
  flows: () => [
    defineFlow({ name: 'shop', initial: 'start', states: { start: () => ({}) }, defaultOn: ['whatsapp'] }),
  ],
});
const anOrg = (modules: string[] | null) => ({ modules, settings: {} }) as Organization;

describe('the flow a chat channel runs', () => {
  const flowOn = (env: Record<string, string>, channel: string, org: Organization) =>
    startAreas([whatsappArea, telegramArea, shopModule], base(env))
      .deps.conversations.channel(channel)
      ?.flowFor?.(org, undefined);

  it("is the channel's own setting, read by the channel (WHATSAPP_FLOW, TELEGRAM_FLOW)", () => {
    const env = { WHATSAPP_FLOW: 'menu-test', TELEGRAM_FLOW: 'shop' };
    expect(flowOn(env, 'whatsapp', anOrg(null))).toBe('menu-test');
    expect(flowOn(env, 'telegram', anOrg(['mess']))).toBe('shop');
  });

  it("is, without it, the flow the organization's module declares for that channel, and none otherwise", () => {
    expect(flowOn({}, 'whatsapp', anOrg(null))).toBe('shop');
    expect(flowOn({}, 'whatsapp', anOrg(['shop']))).toBe('shop');
    expect(flowOn({}, 'whatsapp', anOrg(['mess']))).toBeUndefined();
    expect(flowOn({}, 'telegram', anOrg(null))).toBeUndefined();
  });
});

const ShopErrors = defineErrors('shop', { sold_out: { status: 409, title: 'Sold out' } });
const CafeErrors = defineErrors('cafe', { sold_out: { status: 409, title: 'Sold out' } });

describe('error codes of the started areas', () => {
  it('starts areas whose codes differ, even where the words after the area are the same', () => {
    const areas = [
      defineArea({ name: 'platform', errors: [PlatformErrors] }),
      defineArea({ name: 'shop', errors: [ShopErrors] }),
      defineArea({ name: 'cafe', errors: [CafeErrors] }),
    ];
    expect(() => startAreas(areas, base())).not.toThrow();
  });

  it('refuses to start when one code is declared twice', () => {
    const shop = defineArea({ name: 'shop', errors: [ShopErrors] });
    expect(() => startAreas([shop, defineArea({ name: 'shop', errors: [ShopErrors] })], base())).toThrow(
      'error code shop.sold_out is declared twice (shop and shop)',
    );
    expect(() =>
      startAreas([defineArea({ name: 'shop', errors: [ShopErrors, ShopErrors] })], base()),
    ).toThrow(/shop\.sold_out is declared twice/);
  });
});
