import { describe, expect, it } from 'vitest';
import { defineErrors, PlatformErrors } from '../../platform/errors/index.ts';
import { createI18n } from './create-i18n.ts';

describe('createI18n', () => {
  it('translates core messages in each language', () => {
    const i18n = createI18n();
    expect(i18n.t('en', 'core:errors.not_found')).toBe('We could not find what you asked for.');
    expect(i18n.t('hi', 'core:errors.forbidden')).toBe('आपको यह करने की अनुमति नहीं है।');
    expect(i18n.t('es', 'errors.unauthenticated')).toBe('Inicia sesión para continuar.');
  });

  it('interpolates parameters without HTML-escaping them', () => {
    const i18n = createI18n();
    expect(i18n.t('en', 'core:errors.money.currency_mismatch', { left: 'USD', right: 'INR' })).toBe(
      'Amounts in different currencies (USD and INR) cannot be combined.',
    );
    expect(i18n.t('es', 'core:errors.codes.invalid_character', { character: '<O>' })).toContain('«<O>»');
  });

  it('words an error from the first namespace that has its code, with its details, else its title', () => {
    const ShopErrors = defineErrors('shop', {
      sold_out: { status: 409, title: 'Sold out' },
      closed: { status: 409, title: 'The shop is closed' },
    });
    const i18n = createI18n({
      catalogs: {
        shop: {
          en: { errors: { shop: { sold_out: 'Only {{count}} left, none for you' } } },
          es: { errors: { shop: { sold_out: 'Quedan {{count}}, ninguno para ti' } } },
        },
      },
    });
    const namespaces = ['shop', 'core'];
    expect(i18n.errorMessage('es', ShopErrors.sold_out({ count: 2 }), namespaces)).toBe(
      'Quedan 2, ninguno para ti',
    );
    expect(i18n.errorMessage('hi', PlatformErrors.forbidden(), namespaces)).toBe(
      'आपको यह करने की अनुमति नहीं है।',
    );
    expect(i18n.errorMessage('es', ShopErrors.closed(), namespaces)).toBe('The shop is closed');
  });

  it('resolves regional and unknown locale tags, falling back to English', () => {
    const i18n = createI18n();
    expect(i18n.t('es-419', 'core:common.yes')).toBe('Sí');
    expect(i18n.t('hi-IN', 'core:common.no')).toBe('नहीं');
    expect(i18n.t('fr-CA', 'core:common.cancel')).toBe('Annuler');
    expect(i18n.t('de', 'core:common.cancel')).toBe('Cancel');
  });

  it('registers module catalogs in their own namespace and falls back to English per key', () => {
    const i18n = createI18n({
      catalogs: {
        raffle: { en: { held: 'Held {{count}} tickets', extra: 'Only English' }, es: { held: 'x' } },
      },
    });
    i18n.registerCatalog('mess', { en: { cut: 'Mess cut saved' }, hi: { cut: 'मेस कट दर्ज हो गया' } });
    expect(i18n.t('hi', 'mess:cut')).toBe('मेस कट दर्ज हो गया');
    expect(i18n.t('es', 'raffle:extra')).toBe('Only English');
    expect(i18n.t('hi', 'raffle:extra')).toBe('Only English');
  });

  it('refuses a second catalog for the same namespace, bad names and catalogs without English', () => {
    const i18n = createI18n();
    expect(() => i18n.registerCatalog('core', { en: {} })).toThrowError(
      expect.objectContaining({ code: 'i18n.namespace_already_registered' }),
    );
    expect(() => i18n.registerCatalog('Raffle', { en: {} })).toThrowError(
      expect.objectContaining({ code: 'i18n.invalid_namespace' }),
    );
    expect(() => i18n.registerCatalog('coffee', { hi: {} } as never)).toThrowError(
      expect.objectContaining({ code: 'i18n.missing_english_catalog' }),
    );
  });

  it('keeps instances isolated from each other', () => {
    const first = createI18n();
    first.registerCatalog('raffle', { en: { a: 'A' } });
    expect(() => createI18n().registerCatalog('raffle', { en: { a: 'B' } })).not.toThrow();
    expect(first.t('en', 'raffle:a')).toBe('A');
  });

  it('lists keys a module forgot in one of its languages', () => {
    const i18n = createI18n({
      catalogs: {
        raffle: {
          en: { held_one: '{{count}} ticket', held_other: '{{count}} tickets', paid: 'Paid' },
          es: { held_one: '{{count}} boleto', held_other: '{{count}} boletos' },
        },
      },
    });
    expect(i18n.findMissingKeys()).toEqual([
      { namespace: 'raffle', locale: 'es', key: 'held_many' },
      { namespace: 'raffle', locale: 'es', key: 'paid' },
    ]);
  });

  it('reports keys missing in every language to onMissingKey', () => {
    const missing: unknown[] = [];
    const i18n = createI18n({ onMissingKey: (details) => missing.push(details) });
    expect(i18n.t('es', 'core:errors.no_such_key')).toBe('errors.no_such_key');
    expect(missing).toEqual([{ locale: 'en', namespace: 'core', key: 'errors.no_such_key' }]);
  });

  it('says how much time is left in each language, with Spanish verb agreement', () => {
    const i18n = createI18n();
    expect(i18n.timeLeft('en', 14 * 60_000)).toBe('14 minutes left');
    expect(i18n.timeLeft('hi', 14 * 60_000)).toBe('14 मिनट बाकी');
    expect(i18n.timeLeft('es', 14 * 60_000)).toBe('quedan 14 minutos');
    expect(i18n.timeLeft('es', 60_000)).toBe('queda 1 minuto');
    expect(i18n.timeLeft('en', 13 * 60_000 + 1, 'short')).toBe('14 min left');
    expect(i18n.timeLeft('en', 0)).toBe('Time is up.');
    expect(i18n.timeLeft('hi', -5)).toBe('समय समाप्त हो गया।');
  });
});
