import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { countsNeverIssued, waitingCounts } from './meter-device.rules.ts';
import { MAX_UNUSED_OLDER_TOKENS } from './openpaygo/openpaygo.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import type { PrepaidTables } from './prepaid.tables.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

/** What a meter reports: its register at a moment and the token counts it has accepted. */
export const meterReportSchema = z.object({
  /** The meter's own id for this report: sending it again (a retry) changes nothing. */
  reportId: z.string().min(1).max(80),
  readAt: z.coerce.date(),
  /** The energy register, in tenths of a kWh. */
  registerTenths: z.number().int().min(0).max(1e12),
  /** Counts of the tokens it has accepted (all it remembers; ones already reported are fine). */
  acceptedCounts: z.array(z.number().int().min(0)).max(200).default([]),
  /**
   * The credit the meter has left, in tenths of a kWh, for meters that know it: alerts and days-left
   * estimates use it instead of the units sold (issue 41, item 5).
   */
  balanceTenths: z.number().int().min(0).max(1e12).optional(),
});
export type MeterReport = z.output<typeof meterReportSchema>;

export interface ReportOutcome {
  /** False for a report already received under this id: nothing changed. */
  created: boolean;
  /** Tokens this report showed keyed in for the first time. */
  keyedIn: number;
  reportedCount: number | null;
}

const hashOf = (r: MeterReport) =>
  createHash('sha256')
    .update(
      JSON.stringify([
        r.readAt.toISOString(),
        r.registerTenths,
        [...new Set(r.acceptedCounts)].sort(),
        ...(r.balanceTenths === undefined ? [] : [r.balanceTenths]),
      ]),
    )
    .digest('hex');

/**
 * Records a meter's report under its row lock: the report row (its id makes a retry a no-op; the
 * same id with other content is refused), a register reading, the tokens it took (`keyed_in_at`,
 * first report wins) and the highest count it took. A report naming a count no token of this meter
 * was issued at is refused whole. All or nothing, in one transaction.
 */
export async function recordMeterReport(
  ctx: Ctx,
  meterId: string,
  report: MeterReport,
): Promise<ReportOutcome> {
  return inTransaction(ctx, async (tx) => {
    const meter = await tables(tx)
      .selectFrom('prepaid_meter')
      .select(['id', 'reported_count', 'reported_at', 'reported_balance_at'])
      .where('id', '=', meterId)
      .forUpdate()
      .executeTakeFirst();
    if (!meter) throw PrepaidErrors.meter_not_found({ meterId });
    await refuseCountsNeverIssued(tx, meter.id, report.acceptedCounts);
    if (!(await storeReport(tx, meter.id, report)))
      return { created: false, keyedIn: 0, reportedCount: meter.reported_count };
    await tables(tx)
      .insertInto('prepaid_reading')
      .values({
        meter_id: meter.id,
        read_at: report.readAt,
        register_tenths: report.registerTenths,
        source: 'meter',
      })
      .onConflict((oc) => oc.columns(['org_id', 'meter_id', 'read_at']).doNothing())
      .execute();
    const keyed = await markKeyedIn(tx, meter.id, report);
    const reportedCount = await updateReportedState(tx, meter, report, keyed);
    for (const t of keyed) await auditKeyedIn(tx, meter.id, report, t);
    return { created: true, keyedIn: keyed.length, reportedCount };
  });
}

/** A report naming a count no token of this meter was issued at is refused whole, naming the counts. */
async function refuseCountsNeverIssued(tx: Ctx, meterId: string, acceptedCounts: number[]): Promise<void> {
  const issued = acceptedCounts.length
    ? await tables(tx)
        .selectFrom('prepaid_token')
        .select('count')
        .where('meter_id', '=', meterId)
        .where('count', 'in', acceptedCounts)
        .execute()
    : [];
  const unknown = countsNeverIssued(
    acceptedCounts,
    issued.map((t) => t.count),
  );
  if (unknown.length)
    throw PrepaidErrors.counts_not_issued(
      { counts: unknown.join(', ') },
      {
        fields: [
          {
            field: 'body.acceptedCounts',
            message: `counts ${unknown.join(', ')} were never issued to this meter`,
            code: 'invalid_value',
            expected: 'counts of tokens issued to this meter',
          },
        ],
      },
    );
}

/**
 * Stores the report row; false when its id was stored before with the same content (a retry, a
 * no-op). The same id with other content is refused.
 */
async function storeReport(tx: Ctx, meterId: string, report: MeterReport): Promise<boolean> {
  const bodyHash = hashOf(report);
  const inserted = await tables(tx)
    .insertInto('prepaid_meter_report')
    .values({
      meter_id: meterId,
      report_id: report.reportId,
      body_hash: bodyHash,
      read_at: report.readAt,
      register_tenths: report.registerTenths,
      accepted_counts: [...new Set(report.acceptedCounts)].sort((a, b) => a - b),
      balance_tenths: report.balanceTenths ?? null,
      received_at: tx.clock.now(),
    })
    .onConflict((oc) => oc.columns(['org_id', 'meter_id', 'report_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return true;
  const prior = await tables(tx)
    .selectFrom('prepaid_meter_report')
    .select('body_hash')
    .where('meter_id', '=', meterId)
    .where('report_id', '=', report.reportId)
    .executeTakeFirstOrThrow();
  if (prior.body_hash !== bodyHash) throw PrepaidErrors.report_conflict({ reportId: report.reportId });
  return false;
}

/**
 * The tokens the report took, marked keyed in (first report wins). A token cannot be keyed in
 * before it was issued: a report dated earlier (a meter whose clock is behind, issue 54 item 12)
 * marks it keyed in at its issue, not at the meter's time.
 */
async function markKeyedIn(tx: Ctx, meterId: string, report: MeterReport) {
  if (!report.acceptedCounts.length) return [];
  return tables(tx)
    .updateTable('prepaid_token')
    .set({ keyed_in_at: sql<Date>`greatest(${report.readAt}::timestamptz, created_at)` })
    .where('meter_id', '=', meterId)
    .where('count', 'in', report.acceptedCounts)
    .where('keyed_in_at', 'is', null)
    .returning(['id', 'count', 'purchase_id', 'keyed_in_at'])
    .execute();
}

type KeyedToken = Awaited<ReturnType<typeof markKeyedIn>>[number];

/**
 * The meter's highest count taken, when it last reported and its newest balance; answers the count.
 * The balance such a report gives already holds the tokens it took: it stands from their issue on,
 * so they are not credited to it a second time.
 */
async function updateReportedState(
  tx: Ctx,
  meter: {
    id: string;
    reported_count: number | null;
    reported_at: Date | null;
    reported_balance_at: Date | null;
  },
  report: MeterReport,
  keyed: ReadonlyArray<KeyedToken>,
): Promise<number | null> {
  const balanceAt = new Date(
    Math.max(report.readAt.getTime(), ...keyed.map((t) => t.keyed_in_at?.getTime() ?? 0)),
  );
  const highest = Math.max(meter.reported_count ?? -1, ...report.acceptedCounts);
  const reportedCount = highest < 0 ? meter.reported_count : highest;
  await tables(tx)
    .updateTable('prepaid_meter')
    .set({
      reported_count: reportedCount,
      // a late retry of an older report does not move "last reported" back (the row is locked)
      reported_at: meter.reported_at && meter.reported_at > report.readAt ? meter.reported_at : report.readAt,
      // the newest balance the meter gave; an older report sent late does not replace it
      ...(report.balanceTenths !== undefined &&
      !(meter.reported_balance_at && meter.reported_balance_at > report.readAt)
        ? { reported_balance_tenths: report.balanceTenths, reported_balance_at: balanceAt }
        : {}),
    })
    .where('id', '=', meter.id)
    .execute();
  return reportedCount;
}

/** `prepaid.token.keyed_in` on the purchase, noting a report the meter dated before the token was issued. */
async function auditKeyedIn(tx: Ctx, meterId: string, report: MeterReport, t: KeyedToken): Promise<void> {
  await recordAudit(tx, {
    action: 'prepaid.token.keyed_in',
    subject: { type: 'prepaid_purchase', id: t.purchase_id },
    after: { count: t.count, keyedInAt: (t.keyed_in_at ?? report.readAt).toISOString() },
    meta: {
      meterId,
      reportId: report.reportId,
      // the meter dated its report before the token was issued: its clock is behind
      ...(t.keyed_in_at && t.keyed_in_at > report.readAt ? { reportedAt: report.readAt.toISOString() } : {}),
    },
  });
}

/** The tokens waiting for a meter to key them in, oldest first (what a meter that polls applies next). */
export async function tokensWaitingFor(ctx: Ctx, meterId: string) {
  const meter = await tables(ctx)
    .selectFrom('prepaid_meter')
    .select(['id', 'reported_count'])
    .where('id', '=', meterId)
    .executeTakeFirst();
  if (!meter) throw PrepaidErrors.meter_not_found({ meterId });
  const issued = await tables(ctx)
    .selectFrom('prepaid_token')
    .select(['token', 'count', 'value', 'units_tenths', 'created_at', 'keyed_in_at'])
    .where('meter_id', '=', meter.id)
    .orderBy('count')
    .execute();
  const waiting = new Set(
    waitingCounts(
      issued.map((t) => ({ count: t.count, keyedIn: t.keyed_in_at !== null })),
      meter.reported_count,
      MAX_UNUSED_OLDER_TOKENS,
    ),
  );
  return issued
    .filter((t) => waiting.has(t.count))
    .map((t) => ({
      token: t.token,
      count: t.count,
      value: t.value,
      unitsTenths: t.units_tenths,
      issuedAt: t.created_at.toISOString(),
    }));
}
