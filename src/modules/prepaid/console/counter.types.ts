import { kwhIn, type PurchaseJson } from '../browser.ts';

/** What the counter reads from the API (the meters list row, a quote, a purchase). */
export interface MeterRow {
  id: string;
  number: string;
  account: string;
  phone: string | null;
  category: string;
  location: string;
  status: 'active' | 'inactive' | 'suspended';
}

export type { PurchaseJson as Purchase, QuoteJson as Quote } from '../browser.ts';
export type Method = PurchaseJson['method'];

/** Tenths of a kWh as the counter says them, in the clerk's digits: `125` → `12.5`, `12,5` in French. */
export const kwh = (tenths: number, locale = 'en') => kwhIn(tenths, locale);

/** A token as the customer keys it in: groups of three (`123 456 789`), of four when three do not fit. */
export const groupedToken = (token: string) =>
  (token.match(token.length % 3 === 0 ? /.{1,3}/g : /.{1,4}/g) ?? [token]).join(' ');

/** Digits after the decimal point of a currency (0 for RWF, 2 for USD). */
export const currencyExponent = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** The receipt of a paid sale on one paper (`a4`, `58mm`, `80mm`). */
export const receiptUrl = (purchaseId: string, paper: 'a4' | '58mm' | '80mm') =>
  `/api/prepaid/purchases/${encodeURIComponent(purchaseId)}/receipt?paper=${paper}`;
