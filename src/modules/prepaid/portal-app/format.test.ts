import { describe, expect, it } from 'vitest';
import { dateIn, formatMoney, groupToken, kwh, monthIn, parseAmount, parseKwh } from './format.ts';
import { CATALOGS, pickLocale, translate } from './i18n.ts';

describe('portal display rules', () => {
  it('shows money from minor units with the currency’s own decimals', () => {
    expect(formatMoney(1500, 'RWF', 'en').replace(/\s/g, ' ')).toBe('RWF 1,500');
    expect(formatMoney(1500, 'USD', 'en').replace(/\s/g, ' ')).toBe('USD 15.00');
  });

  it('reads typed amounts and kWh, refusing what is no positive number', () => {
    expect(parseAmount('1,500', 'RWF')).toBe(1500);
    expect(parseAmount('15.25', 'USD')).toBe(1525);
    expect(parseAmount('-3', 'RWF')).toBeNull();
    expect(parseAmount('0', 'RWF')).toBeNull();
    expect(parseKwh('12.5')).toBe(125);
    expect(parseKwh('12,5')).toBe(125);
    expect(parseKwh('abc')).toBeNull();
    expect(kwh(125)).toBe('12.5');
  });

  it('writes French and Kinyarwanda digits, money and days as their readers do (issue 54, item 11)', () => {
    const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
    expect(kwh(114, 'fr')).toBe('11,4');
    expect(kwh(920, 'fr')).toBe('92,0');
    expect(kwh(114, 'rw')).toBe('11,4');
    expect(kwh(12_345, 'rw')).toBe('1.234,5');
    expect(plain(formatMoney(1481, 'RWF', 'rw'))).toBe('RWF 1.481');
    expect(plain(formatMoney(1481, 'RWF', 'fr'))).toBe('1 481 RWF');
    expect(dateIn('2026-11-26', 'rw')).toBe('26 Ugushyingo 2026');
    expect(dateIn('2026-11-26', 'fr')).toBe('26 nov. 2026');
    // 00:30 in Kigali on the 26th is still the 25th in UTC: the day is Kigali's.
    expect(dateIn(new Date('2026-11-25T22:30:00Z'), 'rw', 'Africa/Kigali')).toBe('26 Ugushyingo 2026');
    expect(monthIn('2026-11', 'rw')).toBe('Ugushyingo 2026');
    expect(monthIn('2026-11', 'fr')).toBe('novembre 2026');
  });

  it('groups tokens as receipts print them', () => {
    expect(groupToken('123456789')).toEqual(['123', '456', '789']);
    expect(groupToken('123456789012345')).toEqual(['123', '456', '789', '012', '345']);
    expect(groupToken('1234567890')).toEqual(['1234', '5678', '90']);
  });

  it('has every word in every language, and picks the reader’s', () => {
    const keys = Object.keys(CATALOGS.en).sort();
    for (const catalog of Object.values(CATALOGS)) expect(Object.keys(catalog).sort()).toEqual(keys);
    expect(pickLocale(null, ['fr-RW', 'en'])).toBe('fr');
    expect(pickLocale('rw', ['fr'])).toBe('rw');
    expect(pickLocale(null, ['de'])).toBe('en');
    expect(translate('en', 'buy.pay', { amount: 'RWF 1,000' })).toBe('Pay RWF 1,000');
  });
});
