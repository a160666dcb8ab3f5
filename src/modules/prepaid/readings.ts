import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { type Consumption, consumption, type Reading, withReportedBalance } from './consumption.rules.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import type { PrepaidTables } from './prepaid.tables.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

export interface NewReading {
  meterNumber: string;
  readAt: Date;
  registerTenths: number;
  source: 'api' | 'csv' | 'meter';
}

/** Stores a register reading; the same meter and moment twice keeps the first (a re-sent batch). */
export async function recordReading(ctx: Ctx, input: NewReading): Promise<{ id: string; created: boolean }> {
  return inTransaction(ctx, async (tx) => {
    const meter = await tables(tx)
      .selectFrom('prepaid_meter')
      .select('id')
      .where('number', '=', input.meterNumber)
      .executeTakeFirst();
    if (!meter) throw PrepaidErrors.meter_not_found({ meterNumber: input.meterNumber });
    const row = await tables(tx)
      .insertInto('prepaid_reading')
      .values({
        meter_id: meter.id,
        read_at: input.readAt,
        register_tenths: input.registerTenths,
        source: input.source,
      })
      .onConflict((oc) => oc.columns(['org_id', 'meter_id', 'read_at']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) {
      const existing = await tables(tx)
        .selectFrom('prepaid_reading')
        .select('id')
        .where('meter_id', '=', meter.id)
        .where('read_at', '=', input.readAt)
        .executeTakeFirstOrThrow();
      return { id: existing.id, created: false };
    }
    await recordAudit(tx, {
      action: 'prepaid.reading.recorded',
      subject: { type: 'prepaid_meter', id: meter.id },
      after: {
        readAt: input.readAt.toISOString(),
        registerTenths: input.registerTenths,
        source: input.source,
      },
    });
    return { id: row.id, created: true };
  });
}

/**
 * A meter's balance, daily use and days left from its last 30 days of readings and its tokens since.
 * A meter that reports counts the tokens it reported keying in (what is on the meter); any other
 * meter, the tokens sold (the best guess without word from the meter). A meter that reports its
 * balance is taken at its word: that balance, less its use since, plus tokens it took since
 * (issue 41, item 5: the alert quoted 60.2 kWh sold while the meter said 12.9).
 */
export async function meterConsumption(ctx: Ctx, meterId: string): Promise<Consumption> {
  return (await meterBalanceFacts(ctx, meterId)).consumption;
}

/**
 * {@link meterConsumption} with the readings it was computed from (the alerts read the last day's use);
 * `readUpToNow` leaves out readings stamped after the clock's now (the alerts' schedule).
 */
export async function meterBalanceFacts(
  ctx: Ctx,
  meterId: string,
  options: { readUpToNow?: boolean } = {},
): Promise<{ consumption: Consumption; readings: Reading[] }> {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - 30 * 86_400_000);
  const meter = await tables(ctx)
    .selectFrom('prepaid_meter')
    .select(['reported_at', 'reported_balance_tenths', 'reported_balance_at'])
    .where('id', '=', meterId)
    .executeTakeFirst();
  const creditedAt = meter?.reported_at ? 'keyed_in_at' : 'created_at';
  const rows = await tables(ctx)
    .selectFrom('prepaid_reading')
    .select(['read_at', 'register_tenths'])
    .where('meter_id', '=', meterId)
    .where('read_at', '>=', since)
    .$if(options.readUpToNow === true, (q) => q.where('read_at', '<=', now))
    .orderBy('read_at')
    .execute();
  const readings = rows.map((r) => ({ readAt: r.read_at, registerTenths: Number(r.register_tenths) }));
  const creditedSince = async (from: Date, strictly: boolean) =>
    Number(
      (
        await tables(ctx)
          .selectFrom('prepaid_token')
          .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('units_tenths'), eb.lit(0)).as('sum'))
          .where('meter_id', '=', meterId)
          .where(creditedAt, strictly ? '>' : '>=', from)
          .executeTakeFirstOrThrow()
      ).sum,
    );
  const first = rows[0]?.read_at;
  const estimate = consumption(readings, first ? await creditedSince(first, false) : 0);
  const reportedAt = meter?.reported_balance_at;
  const reported =
    reportedAt && meter.reported_balance_tenths !== null
      ? {
          balanceTenths: Number(meter.reported_balance_tenths),
          at: reportedAt,
          // tokens keyed in by the report that gave the balance are in it already
          creditedSinceTenths: await creditedSince(reportedAt, true),
        }
      : null;
  return { consumption: withReportedBalance(readings, estimate, reported), readings };
}
