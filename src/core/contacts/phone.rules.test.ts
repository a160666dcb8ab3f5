import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/index.ts';
import { normalizeExternalId } from './contacts.rules.ts';
import { expectedPhone, phoneExampleOf, readTypedPhone } from './phone.rules.ts';

describe('readTypedPhone (issue 54, items 13 and 24)', () => {
  it('reads the local forms people type in the country', () => {
    expect(readTypedPhone('050 123 4567', 'AE')).toBe('+971501234567');
    expect(readTypedPhone('(050) 123-4567', 'AE')).toBe('+971501234567');
    expect(readTypedPhone('971501234567', 'AE')).toBe('+971501234567');
    expect(readTypedPhone('٠٥٠١٢٣٤٥٦٧', 'AE')).toBe('+971501234567');
    expect(readTypedPhone('0788 123 456', 'RW')).toBe('+250788123456');
    expect(readTypedPhone('98450 12345', 'IN')).toBe('+919845012345');
    expect(readTypedPhone('0981 123-456', 'PY')).toBe('+595981123456');
  });

  it('reads international numbers as written, whatever the country', () => {
    expect(readTypedPhone('+971 50 123 4567', 'RW')).toBe('+971501234567');
    expect(readTypedPhone('00971501234567', 'IN')).toBe('+971501234567');
    expect(readTypedPhone('+971 (0)50 123 4567', null)).toBe('+971501234567');
    expect(readTypedPhone('250788123456', 'AE')).toBe('+250788123456');
    expect(readTypedPhone('250788123456', null)).toBe('+250788123456');
  });

  it('refuses what is no number there: a short one, a trunk 0 with no country, words', () => {
    expect(readTypedPhone('050 123 456', 'AE')).toBeUndefined();
    expect(readTypedPhone('050 123 4567', null)).toBeUndefined();
    expect(readTypedPhone('0788 123 456', 'AE')).toBeUndefined();
    expect(readTypedPhone('same as husband', 'AE')).toBeUndefined();
    expect(readTypedPhone('', 'AE')).toBeUndefined();
  });
});

describe('the example a refusal gives', () => {
  it('is a number of the country, as dialled there and from abroad', () => {
    expect(phoneExampleOf('AE')).toEqual({ local: '050 123 4567', international: '+971 50 123 4567' });
    expect(phoneExampleOf('rw')?.international).toMatch(/^\+250 /);
    expect(phoneExampleOf(null)).toBeNull();
    expect(expectedPhone('AE')).toBe('a phone number like 050 123 4567 or +971 50 123 4567');
  });

  it('names the field and the country’s example in the refusal of a phone identity', () => {
    let err: unknown;
    try {
      normalizeExternalId('phone', '050 123 456', { field: 'body.phone', defaultCountry: 'AE' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    const refusal = err as AppError;
    expect(refusal.code).toBe('contacts.invalid_identity');
    expect(refusal.message).toBe(
      'body.phone: "050 123 456" is not a phone number like 050 123 4567 or +971 50 123 4567',
    );
    expect(refusal.fields[0]).toMatchObject({
      field: 'body.phone',
      code: 'invalid_phone',
      expected: '050 123 4567',
    });
    expect(refusal.message).not.toContain('+250');
  });
});
