import { describe, expect, it } from 'vitest';
import { formatMoney } from '../format/format.ts';
import { localeNumbersIn } from './locale-numbers.ts';

/** The console's sentences as polyglot fills them: `%{name}` by its value, through our `replace`. */
const fill = (locale: string, phrase: string, values: Record<string, unknown>) =>
  localeNumbersIn(() => locale, formatMoney)
    .call(phrase, /%\{(.*?)\}/g, (_expression, name) => values[name])
    // Intl puts a no-break space between an amount and its currency.
    .replace(/\u00a0/g, ' ');

describe('numbers and amounts in sentences', () => {
  it('writes a number in the reader’s format, ungrouped', () => {
    expect(fill('es', 'MILK en %{days} días', { days: 1.5 })).toBe('MILK en 1,5 días');
    expect(fill('en', 'Ticket %{n}', { n: 12345 })).toBe('Ticket 12345');
  });

  // Issue 62: "Refund of RWF 1,000 to …" read in English digits in every language.
  it('writes an amount given as { amountMinor, currency } as money in the reader’s format', () => {
    const amount = { amountMinor: 3000, currency: 'USD' };
    expect(fill('es', 'Reembolso de %{amount} a Ana', { amount })).toBe('Reembolso de 30,00 US$ a Ana');
    expect(fill('en', 'Refund of %{amount} to Ana', { amount })).toBe('Refund of $30.00 to Ana');
    expect(fill('rw', '%{amount}', { amount: { amountMinor: 148100, currency: 'RWF' } })).toBe('RWF 148.100');
  });
});
