import type { Ctx } from '../../core/context/index.ts';
import { type RowCell, type RowSink, RowSinkError } from '../../core/row-sinks/index.ts';
import { SHEETS, type SheetName } from './backup-tabs.ts';
import { sheetsAppendJob } from './mess.queue.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { messSettingsOf } from './mess.settings.ts';
import type { MessTables } from './mess.tables.ts';
import { backupSpreadsheetOf } from './sheet-ownership.ts';

export { SHEETS, type SheetName } from './backup-tabs.ts';

const BATCH = 500;

/**
 * Stores rows for the backup in the caller's transaction (an outbox) and queues the append job in
 * that same transaction; nothing is stored when no spreadsheet is configured.
 */
export async function backupRows(
  tx: Ctx,
  rt: MessRuntime,
  spreadsheetId: string | null,
  rows: ReadonlyArray<{ sheet: SheetName; cells: RowCell[] }>,
): Promise<void> {
  if (!spreadsheetId || rows.length === 0) return;
  await tx.db
    .withTables<MessTables>()
    .insertInto('mess_sheet_row')
    .values(rows.map((r) => ({ sheet: r.sheet, cells: JSON.stringify(r.cells) })))
    .execute();
  await rt.jobs.send(sheetsAppendJob, { orgId: tx.orgId }, { singletonKey: tx.orgId, transaction: tx.db });
}

/** Same, looking the spreadsheet up from the organization's settings. */
export async function backupRowsFor(
  tx: Ctx,
  rt: MessRuntime,
  rows: ReadonlyArray<{ sheet: SheetName; cells: RowCell[] }>,
): Promise<void> {
  await backupRows(tx, rt, await backupSpreadsheetOf(tx, rt, await messSettingsOf(tx)), rows);
}

/**
 * Appends every pending outbox row, oldest first, tab by tab, then marks them sent; the driver adds a
 * tab the spreadsheet lacks. Each tab goes on its own (issue 54 item 6): one that refuses its rows
 * (deleted and protected, say) keeps only its own rows waiting, and the others are still appended.
 * A refusal is then thrown (a permanent one is also logged for the operator): the queue retries with
 * backoff, then dead-letters the job, and a replay from the jobs screen picks up whatever is still
 * pending. A crash between append and mark can append a batch twice; rows carry their outbox id so
 * duplicates are recognizable.
 */
export async function appendPendingBackupRows(ctx: Ctx, rt: MessRuntime): Promise<void> {
  const spreadsheetId = await backupSpreadsheetOf(ctx, rt, await messSettingsOf(ctx));
  const sink = rt.backupSink();
  if (!spreadsheetId || !sink) return;
  const refusals: unknown[] = [];
  for (const sheet of SHEETS) {
    try {
      await appendPendingRowsOf(ctx, sink, spreadsheetId, sheet);
    } catch (err) {
      if (err instanceof RowSinkError && err.permanent)
        rt.log.error(
          { err, spreadsheetId, sheet },
          'the backup spreadsheet refuses rows; fix it or its sharing, then replay the job',
        );
      refusals.push(err);
    }
  }
  if (refusals.length > 0) throw refusals[0];
}

/** The pending rows of one tab, oldest first, in batches; throws the first refusal. */
async function appendPendingRowsOf(
  ctx: Ctx,
  sink: RowSink,
  spreadsheetId: string,
  sheet: SheetName,
): Promise<void> {
  const db = ctx.db.withTables<MessTables>();
  for (;;) {
    const rows = await db
      .selectFrom('mess_sheet_row')
      .select(['id', 'cells', 'created_at'])
      .where('sent_at', 'is', null)
      .where('sheet', '=', sheet)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    await sink.append(
      { spreadsheet: spreadsheetId, sheet },
      rows.map((r) => [Number(r.id), r.created_at.toISOString(), ...(r.cells as RowCell[])]),
    );
    await db
      .updateTable('mess_sheet_row')
      .set({ sent_at: ctx.clock.now() })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    if (rows.length < BATCH) return;
  }
}
