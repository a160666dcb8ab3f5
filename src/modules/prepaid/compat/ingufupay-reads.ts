import type { Ctx } from '../../../core/context/index.ts';
import { getAlertSettings } from '../alert-settings.ts';
import type { MeterRow } from '../meters.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';
import { meterConsumption } from '../readings.ts';
import { ORIGINAL_METER_STATUS, unitsOf } from './ingufupay.contract.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

/**
 * The balance the native meter pages and the purchase answer show, and whether it is low: the
 * original's `is_low_balance` (a threshold above zero, the balance at or under it), said only of a
 * trusted balance, as the alerts do (an estimate from too few readings is no low balance).
 */
export async function balanceOf(ctx: Ctx, meter: { id: string; account_id: string }) {
  const [{ balanceTenths, estimated, trusted }, { lowKwh }] = await Promise.all([
    meterConsumption(ctx, meter.id),
    getAlertSettings(ctx, meter.account_id),
  ]);
  return {
    balanceTenths,
    estimated,
    trusted,
    lowKwh,
    low: trusted && lowKwh > 0 && balanceTenths <= lowKwh * 10,
  };
}

/** A meter as the original serialized it. */
export async function originalMeterOf(ctx: Ctx, m: MeterRow) {
  const { balanceTenths, lowKwh, low } = await balanceOf(ctx, m);
  return {
    id: m.id,
    meter_number: m.number,
    name: m.number,
    location: m.location,
    category: m.category,
    status: ORIGINAL_METER_STATUS[m.status],
    low_balance_threshold: lowKwh.toFixed(2),
    current_balance_units: unitsOf(balanceTenths),
    is_active: m.status === 'active',
    is_low_balance: low,
    created_at: m.created_at.toISOString(),
    updated_at: m.updated_at.toISOString(),
  };
}

/** A page of meters, newest first, with their count. */
export async function meterPage(ctx: Ctx, limit: number, offset: number) {
  const [rows, count] = await Promise.all([
    tables(ctx)
      .selectFrom('prepaid_meter')
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute(),
    tables(ctx)
      .selectFrom('prepaid_meter')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, count: Number(count.n) };
}

/**
 * The register the meter last gave (its newest reading), 0 without one: an ESP32 reports its
 * balance but no register, so its report carries the last one on (no use is invented).
 */
export async function lastRegisterTenths(ctx: Ctx, meterId: string): Promise<number> {
  const row = await tables(ctx)
    .selectFrom('prepaid_reading')
    .select('register_tenths')
    .where('meter_id', '=', meterId)
    .orderBy('read_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? Number(row.register_tenths) : 0;
}
