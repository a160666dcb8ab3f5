import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { type BalanceFacts, estimateBalance, reportedBalance } from './balance.rules.ts';
import type { Reading } from './consumption.rules.ts';
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
 * A meter's balance, daily use and days left, with what it rests on and whether it may be alerted
 * on ({@link meterBalanceFacts}).
 */
export async function meterConsumption(ctx: Ctx, meterId: string): Promise<BalanceFacts> {
  return (await meterBalanceFacts(ctx, meterId)).balance;
}

const DAY = 86_400_000;

/**
 * A meter's balance from its last 30 days of readings. A meter that reports its balance is taken at
 * its word: that balance, less its use since, plus tokens it took since (issue 41, item 5). Any other
 * meter's is an estimate (issue 54, item 7) walked from the reading before those 30 days: the tokens
 * it reported keying in where it reports them, else the tokens sold to it (a silent meter), less the
 * register's rise; units sold before its first reading are taken as on it then. `readUpToNow` leaves
 * out readings stamped after the clock's now (the alerts' schedule). Also answers the readings, for
 * the last day's use.
 */
export async function meterBalanceFacts(
  ctx: Ctx,
  meterId: string,
  options: { readUpToNow?: boolean } = {},
): Promise<{ balance: BalanceFacts; readings: Reading[] }> {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - 30 * DAY);
  const meter = await tables(ctx)
    .selectFrom('prepaid_meter')
    .select(['reported_count', 'reported_balance_tenths', 'reported_balance_at'])
    .where('id', '=', meterId)
    .executeTakeFirst();
  const basis = meter?.reported_count !== null && meter?.reported_count !== undefined ? 'keyed_in' : 'sold';
  const creditedAt = basis === 'keyed_in' ? 'keyed_in_at' : 'created_at';
  const readingsFrom = async (from: Date) =>
    (
      await tables(ctx)
        .selectFrom('prepaid_reading')
        .select(['read_at', 'register_tenths'])
        .where('meter_id', '=', meterId)
        .where('read_at', '>=', from)
        .$if(options.readUpToNow === true, (q) => q.where('read_at', '<=', now))
        .orderBy('read_at')
        .execute()
    ).map((r) => ({ readAt: r.read_at, registerTenths: Number(r.register_tenths) }));
  const readings = await readingsFrom(since);
  const creditedSum = async (edge: { after?: Date; upTo?: Date }) =>
    Number(
      (
        await tables(ctx)
          .selectFrom('prepaid_token')
          .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('units_tenths'), eb.lit(0)).as('sum'))
          .where('meter_id', '=', meterId)
          .$if(edge.after !== undefined, (q) => q.where(creditedAt, '>', edge.after!))
          .$if(edge.upTo !== undefined, (q) => q.where(creditedAt, '<=', edge.upTo!))
          .where(creditedAt, 'is not', null)
          .executeTakeFirstOrThrow()
      ).sum,
    );
  const reportedAt = meter?.reported_balance_at;
  if (reportedAt && meter.reported_balance_tenths !== null) {
    const balance = reportedBalance(readings, {
      balanceTenths: Number(meter.reported_balance_tenths),
      at: reportedAt,
      // tokens keyed in by the report that gave the balance are in it already
      creditedSinceTenths: await creditedSum({ after: reportedAt }),
    });
    return { balance, readings };
  }
  const start = await walkStart(ctx, meterId, since, readings[0], (upTo) => creditedSum({ upTo }));
  const credits = await tables(ctx)
    .selectFrom('prepaid_token')
    .select(['created_at', 'keyed_in_at', 'units_tenths'])
    .where('meter_id', '=', meterId)
    .where(creditedAt, 'is not', null)
    .$if(start !== null, (q) => q.where(creditedAt, '>', start!.reading.readAt))
    .execute();
  const balance = estimateBalance({
    readings,
    start,
    credits: credits.map((c) => ({ at: c[creditedAt] ?? c.created_at, tenths: c.units_tenths })),
    now,
    basis,
  });
  return { balance, readings };
}

/**
 * Where a meter's estimate starts: its last reading before the window (else the window's first),
 * holding what was credited up to it less the use since the meter's first reading ever; what that
 * use exceeds the credits by is unrecorded. Null for a meter never read.
 */
async function walkStart(
  ctx: Ctx,
  meterId: string,
  since: Date,
  firstInWindow: Reading | undefined,
  creditedUpTo: (at: Date) => Promise<number>,
): Promise<{ reading: Reading; carriedTenths: number; unrecordedTenths: number } | null> {
  const edge = (direction: 'asc' | 'desc', before?: Date) =>
    tables(ctx)
      .selectFrom('prepaid_reading')
      .select(['read_at', 'register_tenths'])
      .where('meter_id', '=', meterId)
      .$if(before !== undefined, (q) => q.where('read_at', '<', before!))
      .orderBy('read_at', direction)
      .limit(1)
      .executeTakeFirst();
  const [before, firstEver] = await Promise.all([edge('desc', since), edge('asc')]);
  const startRow =
    before ??
    (firstInWindow && {
      read_at: firstInWindow.readAt,
      register_tenths: String(firstInWindow.registerTenths),
    });
  if (!startRow || !firstEver) return null;
  const reading = { readAt: startRow.read_at, registerTenths: Number(startRow.register_tenths) };
  const used = Math.max(0, reading.registerTenths - Number(firstEver.register_tenths));
  const credited = await creditedUpTo(reading.readAt);
  return {
    reading,
    carriedTenths: Math.max(0, credited - used),
    unrecordedTenths: Math.max(0, used - credited),
  };
}
