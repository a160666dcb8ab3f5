import type { Ctx } from '../../core/context/index.ts';
import { type RowCell, RowSinkError } from '../../core/row-sinks/index.ts';
import { sheetsAppendJob } from './mess.queue.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { messSettingsOf } from './mess.settings.ts';
import type { MessTables } from './mess.tables.ts';
import { backupSpreadsheetOf } from './sheet-ownership.ts';

/** Tabs of the backup spreadsheet; each must exist in it. */
export const SHEETS = ['Registrations', 'Approvals', 'Payments', 'Scans'] as const;
export type SheetName = (typeof SHEETS)[number];

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
 * Appends every pending outbox row, oldest first, one append per tab, then marks them sent. A
 * refusal throws (a permanent one is also logged for the operator): the queue retries with backoff,
 * then dead-letters the job, and a replay from the jobs screen picks up whatever is still pending.
 * A crash between append and mark can append a batch twice; rows carry their outbox id so
 * duplicates are recognizable.
 */
export async function appendPendingBackupRows(ctx: Ctx, rt: MessRuntime): Promise<void> {
  const spreadsheetId = await backupSpreadsheetOf(ctx, rt, await messSettingsOf(ctx));
  const sink = rt.backupSink();
  if (!spreadsheetId || !sink) return;
  const db = ctx.db.withTables<MessTables>();
  for (;;) {
    const pending = await db
      .selectFrom('mess_sheet_row')
      .select(['id', 'sheet', 'cells', 'created_at'])
      .where('sent_at', 'is', null)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    if (pending.length === 0) return;
    for (const sheet of SHEETS) {
      const rows = pending.filter((r) => r.sheet === sheet);
      if (rows.length === 0) continue;
      await sink
        .append(
          { spreadsheet: spreadsheetId, sheet },
          rows.map((r) => [Number(r.id), r.created_at.toISOString(), ...(r.cells as RowCell[])]),
        )
        .catch((err: unknown) => {
          if (err instanceof RowSinkError && err.permanent)
            rt.log.error(
              { err, spreadsheetId, sheet },
              'the backup spreadsheet refuses rows; fix it or its sharing, then replay the job',
            );
          throw err;
        });
      await db
        .updateTable('mess_sheet_row')
        .set({ sent_at: ctx.clock.now() })
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
    }
    if (pending.length < BATCH) return;
  }
}
