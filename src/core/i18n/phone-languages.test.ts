import { describe, expect, it } from 'vitest';
import { spokenLanguage } from './locale.ts';
import { languageOfPhoneNumber } from './phone-languages.ts';

describe('languageOfPhoneNumber', () => {
  it("reads the language from the number's country calling code", () => {
    expect(languageOfPhoneNumber('5215512345678')).toBe('es'); // Mexico, as a WhatsApp id
    expect(languageOfPhoneNumber('+595 981 123456')).toBe('es'); // Paraguay
    expect(languageOfPhoneNumber('18095551234')).toBe('es'); // Dominican Republic, inside +1
    expect(languageOfPhoneNumber('250788123456')).toBe('rw'); // Rwanda
    expect(languageOfPhoneNumber('33612345678')).toBe('fr'); // France
    expect(languageOfPhoneNumber('447700900123')).toBe('en'); // United Kingdom
  });

  it('says nothing when the country does not tell the language', () => {
    expect(languageOfPhoneNumber('12025550123')).toBeNull(); // USA: English and Spanish
    expect(languageOfPhoneNumber('919812345678')).toBeNull(); // India: English as likely as Hindi
    expect(languageOfPhoneNumber('52')).toBeNull(); // a calling code alone is no number
  });
});

describe('spokenLanguage', () => {
  it("speaks the person's language when offered, else English, else the first offered", () => {
    expect(spokenLanguage('fr', ['rw', 'fr', 'en'])).toBe('fr');
    expect(spokenLanguage('hi', ['rw', 'fr', 'en'])).toBe('en');
    expect(spokenLanguage('hi', ['rw', 'fr'])).toBe('rw');
    expect(spokenLanguage(null, ['rw', 'fr', 'en'])).toBe('rw');
  });
});
