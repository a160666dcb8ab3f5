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
