import type { Selectable } from 'kysely';
import type { Ctx } from '../../core/context/index.ts';
import { getMeterRow } from './meters.ts';
import { MAX_VALUE, MAX_VALUE_EXTENDED } from './openpaygo/openpaygo.ts';
import type { PrepaidTables } from './prepaid.tables.ts';
import { type Sale, saleFor, saleRangeFor } from './sale.rules.ts';
import { amountForUnits, unitsForAmount } from './tariff.rules.ts';
import { pricingFor } from './tariffs.ts';

type MeterRow = Selectable<PrepaidTables['prepaid_meter']>;

/** The most units one token of this meter carries, in tenths of a kWh. */
export const maxTenths = (m: { opg_extended: boolean; opg_value_divider: number }) =>
  Math.floor(((m.opg_extended ? MAX_VALUE_EXTENDED : MAX_VALUE) * 10) / m.opg_value_divider);

export interface QuoteResult extends Sale {
  currency: string;
  tariffId: string;
  monthUnitsTenths: number;
  maxUnitsTenths: number;
  /** The least amount one sale takes (it buys a tenth of a kWh) and the most (its units fit one token): `saleRangeFor`. */
  minMinor: number;
  maxMinor: number;
}

/**
 * Units for an amount, or the amount for units, for this meter now: tiers from the month's purchases,
 * and what the sale charges (`saleFor`: the sum of the lines, the rest of an amount as change).
 */
export async function quoteFor(
  ctx: Ctx,
  meterOrId: string | MeterRow,
  ask: { amountMinor: number } | { unitsTenths: number },
): Promise<QuoteResult> {
  // A sale passes the meter it holds locked: the quote reads no second copy of the row.
  const meter = typeof meterOrId === 'string' ? await getMeterRow(ctx, meterOrId) : meterOrId;
  const now = ctx.clock.now();
  const { tariff, monthUnitsTenths: month } = await pricingFor(ctx, meter, { tariff: now, month: now });
  const q =
    'amountMinor' in ask
      ? saleFor(unitsForAmount(tariff, ask.amountMinor, month), ask.amountMinor)
      : saleFor(amountForUnits(tariff, ask.unitsTenths, month), null);
  const maxUnitsTenths = maxTenths(meter);
  const range = saleRangeFor((n) => amountForUnits(tariff, n, month).totalMinor, maxUnitsTenths);
  return {
    ...q,
    currency: tariff.currency,
    tariffId: tariff.id,
    monthUnitsTenths: month,
    maxUnitsTenths,
    ...range,
  };
}
