import { AppError, isUniqueViolation } from '../../platform/errors/index.ts';
import { recordAudit } from '../audit/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import {
  type CheckedRow,
  checkRows,
  failedRowsCsv,
  type ImportIssue,
  parseCsvText,
  resolveMapping,
} from './import.rules.ts';
import type { ResourceDefinition, ResourceImport, ResourceImportColumn } from './resource.types.ts';

export interface ImportReport {
  /** Non-empty records in the file. */
  rows: number;
  /** Rows without problems (in a real run: the rows created). */
  valid: number;
  /** Rows refused, by validation or (in a real run) by the module when creating them. */
  invalid: number;
  created: number;
  errors: ImportIssue[];
  failedRowsCsv: string | null;
  /** Messages the valid (dry run) or created rows send when asked, and those this run queued (`notify`). */
  messages: { wouldSend: number; queued: number };
}

/**
 * Imports a CSV into a resource. A dry run only validates and writes nothing. A real run creates
 * each valid row in its own transaction (a row is created whole or not at all) and reports the
 * rest with a failed-rows file to fix and re-import. The new records send their messages (a
 * welcome e-mail) only with `notify` (issue 54, item 14); the report counts them either way.
 */
export async function importRows(
  ctx: Ctx,
  args: {
    resource: ResourceDefinition & { import: ResourceImport };
    csv: string;
    mapping: Record<string, string>;
    dryRun: boolean;
    /** Send the messages the new records send (off unless the operator asks). */
    notify?: boolean;
    onUnexpected: (err: unknown, row: number) => void;
  },
): Promise<ImportReport> {
  const spec = { ...args.resource.import, columns: await columnsFor(ctx, args.resource.import) };
  const notify = args.notify === true;
  const { header, records } = parseCsvText(args.csv);
  const checked = checkRows(spec, records, resolveMapping(spec, header, args.mapping));
  let created = 0;
  let wouldSend = 0;
  if (args.dryRun)
    for (const row of checked) if (row.values) wouldSend += spec.messagesFor?.(row.values) ?? 0;
  if (!args.dryRun) {
    for (const row of checked) {
      if (!row.values) continue;
      const values = row.values;
      try {
        await inTransaction(ctx, (tx) => spec.createRow(tx, values, { notify }));
        created++;
        wouldSend += spec.messagesFor?.(values) ?? 0;
      } catch (err) {
        row.issues.push({ row: row.row, field: null, message: refusal(err, row, args.onUnexpected) });
      }
    }
    await recordAudit(ctx, {
      action: 'resources.import.completed',
      subject: { type: 'resource', id: args.resource.name },
      meta: { rows: checked.length, created, notify, messages: notify ? wouldSend : 0 },
    });
  }
  const failed = checked.filter((r) => r.issues.length > 0);
  return {
    rows: checked.length,
    valid: checked.length - failed.length,
    invalid: failed.length,
    created,
    errors: failed.flatMap((r) => r.issues),
    failedRowsCsv: failedRowsCsv(header, failed),
    messages: { wouldSend, queued: notify && !args.dryRun ? wouldSend : 0 },
  };
}

/** The import's columns with each organization-dependent schema made for the caller's organization. */
async function columnsFor(ctx: Ctx, spec: ResourceImport): Promise<ResourceImportColumn[]> {
  return Promise.all(
    spec.columns.map(async (c) => (c.schemaFor ? { ...c, schema: await c.schemaFor(ctx) } : c)),
  );
}

function refusal(err: unknown, row: CheckedRow, onUnexpected: (err: unknown, row: number) => void): string {
  if (err instanceof AppError) return err.message;
  if (isUniqueViolation(err)) return 'duplicates a record that already exists';
  onUnexpected(err, row.row);
  return 'could not be saved (internal error)';
}
