import type { Quote } from './tariff.rules.ts';

/**
 * What a sale charges, at the counter, on the portal and in a chat alike (issue 41): exactly the sum
 * of the lines the customer is shown (tier energy, fee, tax). Units are whole tenths of a kWh, so an
 * amount rarely buys units costing exactly that amount: the rest is not charged and shows as its own
 * line, the change the counter gives back.
 */
export interface Sale extends Quote {
  /** What the customer pays: energy + fee + tax, the total of the lines. */
  chargeMinor: number;
  /** Asked by amount: what of it buys nothing (given back); 0 when asked by units. */
  changeMinor: number;
}

export function saleFor(q: Quote, askedMinor: number | null): Sale {
  const chargeMinor = q.energyMinor + q.feeMinor + q.taxMinor;
  return { ...q, chargeMinor, changeMinor: askedMinor === null ? 0 : Math.max(0, askedMinor - chargeMinor) };
}

/**
 * The amounts one sale of a meter accepts (issue 66: USSD offered an amount the sale then refused):
 * from the least that buys a tenth of a kWh to the most whose units one token still carries. Every
 * place that offers or takes an amount (the counter, the portal, the chat, USSD, `startPurchase`)
 * reads this one range; an amount inside it always buys units, never more than a token carries.
 * `cost(n)` is what n tenths cost now (`amountForUnits`' total).
 */
export function saleRangeFor(cost: (unitsTenths: number) => number, maxUnitsTenths: number) {
  const most = cost(maxUnitsTenths);
  // Rounding up can price one tenth more at the same amount: that amount would buy too many.
  const next = cost(maxUnitsTenths + 1);
  return { minMinor: cost(1), maxMinor: next > most ? most : next - 1 };
}

/** Why an amount cannot be sold (`unitsTenths` is what it buys), or null when it can. */
export function saleProblem(q: { unitsTenths: number; maxUnitsTenths: number }) {
  if (q.unitsTenths <= 0) return 'amount_too_small' as const;
  if (q.unitsTenths > q.maxUnitsTenths) return 'units_too_many' as const;
  return null;
}
