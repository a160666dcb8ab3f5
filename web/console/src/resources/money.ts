import { currencyDigits } from '../../../kit/money.ts';

/** Digits after the decimal point of a currency (2 for INR and USD, 0 for JPY and CLP): the browser kit's. */
export const currencyExponent = currencyDigits;

/** Stored minor units (cents, paise) as the major-unit amount a person types: 15000 → 150. */
export function toMajor(minor: number | string | null | undefined, currency: string): number | null {
  if (minor === null || minor === undefined || minor === '' || Number.isNaN(Number(minor))) return null;
  return Number(minor) / 10 ** currencyExponent(currency);
}

/** A typed major-unit amount as integer minor units, rounded to the currency's smallest unit. */
export function toMinor(major: number | string | null | undefined, currency: string): number | null {
  if (major === null || major === undefined || major === '') return null;
  const n = Number(major);
  if (Number.isNaN(n)) return null;
  return Math.round(n * 10 ** currencyExponent(currency));
}
