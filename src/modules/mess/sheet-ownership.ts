import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { RowSinkError } from '../../core/row-sinks/index.ts';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { SHEETS } from './backup-tabs.ts';
import { MessErrors } from './mess.errors.ts';
import type { MessRuntime } from './mess.runtime.ts';
import type { MessTables } from './mess.tables.ts';
import { PROOF_CELL, PROOF_SHEET, sheetProofCode, showsProofCode } from './sheet-ownership.rules.ts';

type Deps = Pick<MessRuntime, 'backupSink' | 'config' | 'secretKey'>;

const FIELD = 'body.sheetsSpreadsheetId';

/** Whether the caller's organization proved it edits this spreadsheet. */
async function isProven(ctx: Ctx, spreadsheetId: string): Promise<Date | undefined> {
  const row = await ctx.db
    .withTables<MessTables>()
    .selectFrom('mess_sheet_ownership')
    .select('proven_at')
    .where('spreadsheet_id', '=', spreadsheetId)
    .executeTakeFirst();
  return row?.proven_at;
}

/**
 * What the console shows about the backup spreadsheet: the organization's code, where to type it,
 * and whether the spreadsheet in its settings is proven (only a proven one receives rows).
 */
export async function sheetOwnershipOf(ctx: Ctx, deps: Deps, spreadsheetId: string | null) {
  const provenAt = spreadsheetId ? await isProven(ctx, spreadsheetId) : undefined;
  return {
    code: sheetProofCode(ctx.orgId, deps.secretKey),
    sheet: PROOF_SHEET,
    cell: PROOF_CELL,
    spreadsheetId,
    provenAt: provenAt?.toISOString() ?? null,
    sheetsConfigured: deps.backupSink() !== undefined,
    tabs: [...SHEETS],
  };
}

/**
 * Proves the caller's organization edits a spreadsheet: reads the proof cell through the Sheets
 * API with the deployment's account and records the proof when it shows this organization's code.
 * Another organization cannot type that code into a sheet it cannot edit, so the shared account
 * never writes one organization's rows into another's spreadsheet (issue 26, item 6).
 */
export async function proveSheetOwnership(ctx: Ctx, deps: Deps, spreadsheetId: string): Promise<void> {
  if (await isProven(ctx, spreadsheetId)) return;
  const sink = deps.backupSink();
  const field = (message: string) => ({ fields: [{ field: FIELD, message, code: 'not_proven' }] });
  if (!sink)
    throw MessErrors.sheets_not_configured({}, field('Google Sheets is not set up on this deployment'));
  const code = sheetProofCode(ctx.orgId, deps.secretKey);
  const expected = `cell ${PROOF_CELL} of a sheet named ${PROOF_SHEET} reading ${code}`;
  let cells: unknown[][];
  try {
    cells = await sink.read({ spreadsheet: spreadsheetId, sheet: PROOF_SHEET }, PROOF_CELL);
  } catch (err) {
    if (err instanceof RowSinkError && !err.permanent)
      throw PlatformErrors.unavailable({}, { message: 'Google Sheets did not answer; try again' });
    if (!(err instanceof RowSinkError)) throw err;
    cells = [];
  }
  if (!showsProofCode(cells, code))
    throw MessErrors.sheet_not_proven(
      { sheet: PROOF_SHEET, cell: PROOF_CELL, code },
      { ...field(`expected ${expected}`), message: `The spreadsheet must show ${expected}` },
    );
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .withTables<MessTables>()
      .insertInto('mess_sheet_ownership')
      .values({ spreadsheet_id: spreadsheetId })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await recordAudit(tx, {
      action: 'mess.sheet.proven',
      subject: { type: 'spreadsheet', id: spreadsheetId },
      after: { spreadsheetId },
    });
  });
}

/**
 * The spreadsheet an organization's backup goes to, when the app has a Sheets sink: its own only
 * once proven (a settings row written past the check gets nothing), else the deployment's
 * MESS_SHEETS_SPREADSHEET_ID.
 */
export async function backupSpreadsheetOf(
  ctx: Ctx,
  deps: Deps,
  settings: { sheetsSpreadsheetId: string | null },
): Promise<string | null> {
  if (!deps.backupSink()) return null;
  const own = settings.sheetsSpreadsheetId;
  if (own) return (await isProven(ctx, own)) ? own : null;
  return deps.config.MESS_SHEETS_SPREADSHEET_ID ?? null;
}
