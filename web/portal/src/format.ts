/** Pure display rules of the portal (unit tested): money from minor units, kWh, token grouping. */

/** Decimal places a currency's minor unit has (RWF 0, USD 2), from the browser's own tables. */
export function currencyDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** 150000 RWF → "RWF 150,000" in the reader's language. */
export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const digits = currencyDigits(currency);
  return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'code' }).format(
    amountMinor / 10 ** digits,
  );
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

export const kwh = (tenths: number): string => `${Math.floor(tenths / 10)}.${tenths % 10}`;

/** Groups a token as the token message prints it (threes when the length allows, else fours). */
export function groupToken(token: string): string[] {
  return token.match(token.length % 3 === 0 ? /.{1,3}/g : /.{1,4}/g) ?? [token];
}
