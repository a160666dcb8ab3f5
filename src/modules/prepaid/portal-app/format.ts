/** Pure display rules of the portal (unit tested): money from minor units, kWh, dates, token grouping. */
import { currencyDigits, dateIn, kwhIn, moneyIn, monthIn, numberIn } from '../browser.ts';

export { currencyDigits, dateIn, monthIn, numberIn };

/** 150000 RWF → "RWF 150,000" in the reader's language ("RWF 150.000" in Kinyarwanda, issue 54 item 11). */
export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  return moneyIn(amountMinor, currency, locale);
}

/** What a person typed as an amount ("1,500" or "1500.50") in minor units; null when it is none. */
export function parseAmount(text: string, currency: string): number | null {
  const cleaned = text.replace(/[\s,]/g, '');
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
  const minor = Math.round(Number(cleaned) * 10 ** currencyDigits(currency));
  return minor > 0 ? minor : null;
}

/** "12.5" kWh → 125 tenths; null when it is no positive number. */
export function parseKwh(text: string): number | null {
  const cleaned = text.replace(',', '.').trim();
  if (!/^\d+(\.\d)?$/.test(cleaned)) return null;
  const tenths = Math.round(Number(cleaned) * 10);
  return tenths > 0 ? tenths : null;
}

/** Tenths of a kWh in the reader's digits: 125 → "12.5" (en), "12,5" (fr, rw). */
export const kwh = (tenths: number, locale = 'en'): string => kwhIn(tenths, locale);

/** Groups a token as the token message prints it (threes when the length allows, else fours). */
export function groupToken(token: string): string[] {
  return token.match(token.length % 3 === 0 ? /.{1,3}/g : /.{1,4}/g) ?? [token];
}
