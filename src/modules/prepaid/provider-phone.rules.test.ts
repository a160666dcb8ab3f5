import { describe, expect, it } from 'vitest';
import { isProviderNumber, providerPhoneExample } from './provider-phone.rules.ts';

describe('the example number a payer is asked for', () => {
  it('is an MTN number for MTN MoMo in Rwanda and an Airtel one for Airtel Money (issue 66: 0720 is Airtel)', () => {
    const momo = providerPhoneExample('RW', 'momo')!;
    expect(momo).toEqual({ local: '0780 123 456', international: '+250 780 123 456' });
    expect(isProviderNumber('+250780123456', 'RW', 'momo')).toBe(true);
    expect(isProviderNumber('+250720123456', 'RW', 'momo')).toBe(false);
    const airtel = providerPhoneExample('rw', 'airtel')!;
    expect(airtel.local).toMatch(/^073/);
    expect(isProviderNumber('+250730123456', 'RW', 'airtel')).toBe(true);
  });

  it('follows the country: MTN Uganda and Zambia numbers are their own', () => {
    expect(providerPhoneExample('UG', 'momo')!.international).toMatch(/^\+256 77/);
    expect(providerPhoneExample('ZM', 'airtel')!.international).toMatch(/^\+260 97/);
  });

  it('falls back to the country’s mobile example where the provider’s prefixes are not known, null where the country is not', () => {
    expect(providerPhoneExample('AE', 'momo')).toEqual({
      local: '050 123 4567',
      international: '+971 50 123 4567',
    });
    expect(providerPhoneExample(null, 'momo')).toBeNull();
  });
});
