import { describe, expect, it } from 'vitest';
import { phoneCountryOf } from './phone-country.rules.ts';

describe('phoneCountryOf', () => {
  it("reads local numbers in the organization's chosen country, else its currency's, else its zone's", () => {
    expect(phoneCountryOf({ currency: 'AED', timeZone: 'Asia/Dubai' })).toBe('AE');
    expect(phoneCountryOf({ currency: 'RWF', timeZone: 'UTC' })).toBe('RW');
    expect(phoneCountryOf({ currency: 'USD', timeZone: 'America/Guayaquil' })).toBe('EC');
    expect(phoneCountryOf({ currency: 'AED', timeZone: 'Asia/Dubai' }, 'sa')).toBe('SA');
    expect(phoneCountryOf({ currency: 'USD', timeZone: 'UTC' })).toBeNull();
    expect(phoneCountryOf({ currency: 'USD', timeZone: 'UTC' }, 'not a country')).toBeNull();
  });
});
