import { describe, expect, it } from 'vitest';
import { isEmailable, readOriginalEmail, readOriginalPhone } from './original-contacts.rules.ts';
import { phoneCountryFor } from './phone-country.ts';

describe('phones as the original’s admins typed them', () => {
  it('reads local and international forms in the exhibition’s country', () => {
    const typedForms: Array<[string, string]> = [
      ['050 123 4567', '+971501234567'],
      ['0501234567', '+971501234567'],
      ['(058) 287 4520', '+971582874520'],
      ['050.123.4567', '+971501234567'],
      ['+971 (0)58 974 7882', '+971589747882'],
      ['00971502771650', '+971502771650'],
      ['971523088036', '+971523088036'],
      ['04 674 7886', '+97146747886'],
      ['٠٥٦ ٦٥١ ٠٩٧١', '+971566510971'],
      ['۰۵۰۱۲۳۴۵۶۷', '+971501234567'],
      ['０５０１２３４５６７', '+971501234567'],
      ['+44 7911 123456', '+447911123456'],
    ];
    for (const [typed, e164] of typedForms)
      expect(readOriginalPhone(typed, 'AE'), typed).toEqual({ value: e164 });
  });

  it('keeps a blank blank, and what does not read as typed with the reason', () => {
    expect(readOriginalPhone('', 'AE')).toEqual({ value: '' });
    expect(readOriginalPhone('   ', 'AE')).toEqual({ value: '' });
    expect(readOriginalPhone(null, 'AE')).toEqual({ value: '' });
    expect(readOriginalPhone(' same as husband ', 'AE')).toEqual({
      value: 'same as husband',
      flag: { field: 'phone', reason: '"same as husband" is not a phone number we can read: kept as typed' },
    });
    expect(readOriginalPhone('050 123 456', 'AE').flag?.field).toBe('phone');
    expect(readOriginalPhone('+0987654321', 'AE').value).toBe('+0987654321');
  });

  it('says when a local number had no country to be read in', () => {
    expect(readOriginalPhone('050 123 4567', null)).toEqual({
      value: '050 123 4567',
      flag: {
        field: 'phone',
        reason:
          '"050 123 4567" has no country code and no country is set to read local numbers in: kept as typed',
      },
    });
    expect(readOriginalPhone('+971 50 123 4567', null)).toEqual({ value: '+971501234567' });
  });
});

describe('e-mails as typed', () => {
  it('stores a readable address as the desk does, keeps the rest as typed with the reason', () => {
    expect(readOriginalEmail(' Anjali88@Gmail.com ')).toEqual({ value: 'anjali88@gmail.com' });
    expect(readOriginalEmail('')).toEqual({ value: '' });
    expect(readOriginalEmail('no email')).toEqual({
      value: 'no email',
      flag: {
        field: 'email',
        reason: '"no email" is not an e-mail address: kept as typed, nothing is e-mailed to it',
      },
    });
    expect(readOriginalEmail('ali@@gmail.com').flag).toBeDefined();
    expect(isEmailable('anjali88@gmail.com')).toBe(true);
    expect(isEmailable('')).toBe(false);
    expect(isEmailable('no email')).toBe(false);
  });
});

describe('the country local numbers are read in', () => {
  it('is the operator’s answer, else the country of the exhibition’s currency', () => {
    expect(phoneCountryFor(undefined, 'AED')).toBe('AE');
    expect(phoneCountryFor(' pk ', 'AED')).toBe('PK');
    expect(phoneCountryFor('', 'INR')).toBe('IN');
    expect(phoneCountryFor(undefined, 'USD')).toBeNull();
    expect(() => phoneCountryFor('UAE', 'AED')).toThrow(/two-letter country code/);
  });
});
