import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/index.ts';
import {
  normalizeExternalId,
  normalizePhone,
  searchPatterns,
  toSupportedLanguage,
} from './contacts.rules.ts';

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('phone normalization', () => {
  it('stores international numbers in E.164 whatever the spacing', () => {
    expect(normalizePhone('+250 788 123 456')).toBe('+250788123456');
    expect(normalizePhone('+91 (987) 654-3210')).toBe('+919876543210');
    expect(normalizePhone('00250788123456')).toBe('+250788123456');
  });

  it('reads a national number only when a default country is given', () => {
    expect(normalizePhone('0788123456')).toBeUndefined();
    expect(normalizePhone('0788123456', 'RW')).toBe('+250788123456');
    expect(normalizePhone('98765 43210', 'in')).toBe('+919876543210');
  });

  it('refuses numbers that cannot exist', () => {
    expect(normalizePhone('+1 999 999 9999')).toBeUndefined();
    expect(normalizePhone('+4412')).toBeUndefined();
    expect(normalizePhone('call me')).toBeUndefined();
    expect(normalizePhone('+250abc788123456')).toBeUndefined();
  });

  it('refuses an invalid phone with a problem naming the field and an example', () => {
    const err = refusal(() => normalizeExternalId('phone', '12345', { field: 'body.externalId' }));
    expect(err.code).toBe('contacts.invalid_identity');
    expect(err.status).toBe(400);
    expect(err.message).toContain('body.externalId');
    expect(err.fields[0]).toMatchObject({ field: 'body.externalId', code: 'invalid_phone' });
    expect(err.fields[0]!.expected).toContain('+250788123456');
  });
});

describe('identity normalization', () => {
  it('keeps Telegram user ids as plain decimal strings', () => {
    expect(normalizeExternalId('telegram', ' 123456789 ')).toBe('123456789');
    expect(normalizeExternalId('telegram', '000123')).toBe('123');
    expect(() => normalizeExternalId('telegram', '-100123')).toThrow(AppError);
    expect(() => normalizeExternalId('telegram', '0')).toThrow(AppError);
    expect(() => normalizeExternalId('telegram', '@asha')).toThrow(AppError);
  });

  it('keeps only the digits of a WhatsApp id', () => {
    expect(normalizeExternalId('whatsapp', '+250 788-123-456')).toBe('250788123456');
    expect(normalizeExternalId('whatsapp', '5215512345678')).toBe('5215512345678');
    expect(() => normalizeExternalId('whatsapp', '0788')).toThrow(AppError);
    expect(() => normalizeExternalId('whatsapp', 'wa:123456789')).toThrow(AppError);
  });

  it('lower-cases e-mail addresses and refuses malformed ones', () => {
    expect(normalizeExternalId('email', '  Asha.K@Example.COM ')).toBe('asha.k@example.com');
    expect(() => normalizeExternalId('email', 'asha@localhost')).toThrow(AppError);
    expect(() => normalizeExternalId('email', 'two words@example.com')).toThrow(AppError);
  });

  it('names the channel in the refusal code', () => {
    expect(refusal(() => normalizeExternalId('email', 'nope')).fields[0]!.code).toBe('invalid_email');
  });
});

describe('languages and search', () => {
  it('maps channel language tags to a language Opsdesk speaks', () => {
    expect(toSupportedLanguage('hi-IN')).toBe('hi');
    expect(toSupportedLanguage('es_419')).toBe('es');
    expect(toSupportedLanguage('EN')).toBe('en');
    expect(toSupportedLanguage('fr')).toBe('fr');
    expect(toSupportedLanguage('de')).toBeNull();
    expect(toSupportedLanguage(undefined)).toBeNull();
  });

  it('escapes LIKE wildcards and adds a digits pattern for phone searches', () => {
    expect(searchPatterns('50%_off')).toEqual({ text: '%50\\%\\_off%', digits: null });
    expect(searchPatterns('+250 788')).toEqual({ text: '%+250 788%', digits: '%250788%' });
  });
});
