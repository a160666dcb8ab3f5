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

export interface Quote {
  unitsTenths: number;
  energyMinor: number;
  taxMinor: number;
  feeMinor: number;
  totalMinor: number;
  /** What the sale charges: the sum of the lines. */
  chargeMinor: number;
  /** Asked by amount: what of it is given back. */
  changeMinor: number;
  currency: string;
  monthUnitsTenths: number;
  maxUnitsTenths: number;
  tiers: Array<{ tier: number; unitsTenths: number; priceMinorPerKwh: number; energyMinor: number }>;
}

export type Method = 'cash' | 'momo' | 'airtel';

export interface Purchase {
  id: string;
  meterNumber: string;
  method: Method;
  amount: { amountMinor: number; currency: string };
  status: 'pending' | 'paid' | 'failed';
  unitsTenths: number | null;
  failureReason: string | null;
  token: string | null;
  tokenCount: number | null;
  createdAt: string;
}

/** Tenths of a kWh as the counter says them: `125` → `12.5`. */
export const kwh = (tenths: number) => (tenths / 10).toFixed(1);

/** A token as the customer keys it in: groups of three (`123 456 789`), of four when three do not fit. */
export const groupedToken = (token: string) =>
  (token.match(token.length % 3 === 0 ? /.{1,3}/g : /.{1,4}/g) ?? [token]).join(' ');

/** Digits after the decimal point of a currency (0 for RWF, 2 for USD). */
export const currencyExponent = (currency: string) =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** The receipt of a paid sale on one paper (`a4`, `58mm`, `80mm`). */
export const receiptUrl = (purchaseId: string, paper: 'a4' | '58mm' | '80mm') =>
  `/api/prepaid/purchases/${encodeURIComponent(purchaseId)}/receipt?paper=${paper}`;
