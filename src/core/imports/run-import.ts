import { isAppError, isUniqueViolation } from '../../platform/errors/index.ts';
import { recordAudit } from '../audit/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { FieldProblem } from './field-values.rules.ts';
import { loadOrigins, saveOrigins } from './import-origins.ts';
import type {
  ImportModel,
  ImportOptions,
  ImportProgress,
  ImportReport,
  ImportSource,
  ModelImporter,
  ModelReport,
  ModuleImport,
  SourceRecord,
} from './imports.types.ts';

/** Rows per multi-row insert and transaction: large enough to be fast, small enough to stay under 65,535 parameters. */
export const IMPORT_BATCH = 1000;

export interface RunImportInput {
  module: string;
  mapping: ModuleImport;
  source: ImportSource;
  dryRun: boolean;
  options: ImportOptions;
  batchSize?: number;
  /** After each batch (and as each model begins); awaited, so it may write the progress down. */
  onProgress?: (p: ImportProgress) => void | Promise<void>;
  /** An error that is no refusal of a row (a bug, the database gone): logged, the row reported as not saved. */
  onUnexpected?: (err: unknown, record: SourceRecord) => void;
}

type Parsed = { record: SourceRecord; row: unknown };

/**
 * Brings a module's records over from an original system, model by model in the mapping's order.
 * A record an earlier run brought over is left as it is (the origin table remembers it), so a second
 * run changes nothing. New rows are written in batches, each batch with its origins in one
 * transaction; a batch that fails is written again row by row, so the one row at fault is reported
 * with its reason and nothing of it is written. A dry run reads and checks everything, writes
 * nothing, and counts what would be written and sent.
 */
export async function runImport(ctx: Ctx, input: RunImportInput): Promise<ImportReport> {
  const started = Date.now();
  const origins = await loadOrigins(ctx, input.module);
  const refs = {
    target: (model: string, pk: unknown) =>
      pk === null || pk === undefined ? undefined : origins.get(model)?.get(String(pk)),
  };
  const report: ImportReport = {
    module: input.module,
    source: input.source.label,
    dryRun: input.dryRun,
    models: [],
    issues: [],
    messages: { wouldSend: 0, queued: 0 },
    seconds: 0,
  };
  for (const model of input.mapping.models) {
    const known = origins.get(model.model) ?? new Map<string, string>();
    origins.set(model.model, known);
    const counts = await importModel(ctx, input, model, refs, known, report);
    report.models.push(counts);
  }
  report.seconds = (Date.now() - started) / 1000;
  if (!input.dryRun)
    await recordAudit(ctx, {
      action: 'imports.run.completed',
      subject: { type: 'import', id: input.module },
      meta: {
        source: input.source.label,
        models: report.models,
        issues: report.issues.length,
        messagesQueued: report.messages.queued,
      },
    });
  return report;
}

async function importModel(
  ctx: Ctx,
  input: RunImportInput,
  model: ImportModel,
  refs: { target(model: string, pk: unknown): string | undefined },
  known: Map<string, string>,
  report: ImportReport,
): Promise<ModelReport> {
  const counts: ModelReport = {
    model: model.model,
    label: model.label,
    read: 0,
    created: 0,
    unchanged: 0,
    skipped: 0,
    refused: 0,
  };
  const total = await input.source.count(model);
  const importer = await model.begin(ctx, refs, input.options);
  const refuse = (record: SourceRecord, field: string | null, reason: string) => {
    counts.refused++;
    report.issues.push({ model: model.model, pk: record.pk, field, reason });
  };
  await input.onProgress?.({ model: model.model, label: model.label, done: 0, total });
  for await (const batch of input.source.records(model, input.batchSize ?? IMPORT_BATCH)) {
    const fresh: Parsed[] = [];
    for (const record of batch) {
      counts.read++;
      if (known.has(record.pk)) {
        counts.unchanged++;
        continue;
      }
      const verdict = parseRecord(importer, record);
      if ('row' in verdict) fresh.push({ record, row: verdict.row });
      else if ('skipped' in verdict) counts.skipped++;
      else refuse(record, verdict.field ?? null, verdict.refused);
    }
    const messages = fresh.reduce((n, p) => n + (importer.messagesFor?.(p.row) ?? 0), 0);
    if (input.dryRun) {
      // Later models' foreign keys find these as if written.
      for (const p of fresh) known.set(p.record.pk, `dry-run:${p.record.pk}`);
      counts.created += fresh.length;
      report.messages.wouldSend += messages;
    } else {
      const written = await writeBatch(ctx, input, model, importer, fresh, refuse);
      for (const w of written) known.set(w.pk, w.id);
      counts.created += written.length;
      report.messages.wouldSend += messages;
      if (input.options.notify && importer.notify) report.messages.queued += messages;
    }
    await input.onProgress?.({ model: model.model, label: model.label, done: counts.read, total });
  }
  return counts;
}

function parseRecord(importer: ModelImporter<unknown>, record: SourceRecord) {
  try {
    return importer.parse(record);
  } catch (err) {
    if (err instanceof FieldProblem) return { refused: err.message, field: err.field };
    throw err;
  }
}

/** Writes the batch whole, or (when it fails) row by row, each row whole or not at all. */
async function writeBatch(
  ctx: Ctx,
  input: RunImportInput,
  model: ImportModel,
  importer: ModelImporter<unknown>,
  fresh: ReadonlyArray<Parsed>,
  refuse: (record: SourceRecord, field: string | null, reason: string) => void,
): Promise<Array<{ pk: string; id: string }>> {
  if (fresh.length === 0) return [];
  const write = (rows: ReadonlyArray<Parsed>) =>
    inTransaction(ctx, async (tx) => {
      const ids = await importer.write(
        tx,
        rows.map((p) => p.row),
      );
      const written = rows.map((p, i) => ({ pk: p.record.pk, id: ids[i]!, row: p.row }));
      await saveOrigins(tx, input.module, model.model, written);
      if (input.options.notify && importer.notify) await importer.notify(tx, written);
      return written;
    });
  try {
    return await write(fresh);
  } catch (err) {
    if (fresh.length === 1) {
      refuse(fresh[0]!.record, null, refusalOf(importer, err, fresh[0]!.record, input.onUnexpected));
      return [];
    }
  }
  const written: Array<{ pk: string; id: string }> = [];
  for (const one of fresh) {
    try {
      written.push(...(await write([one])));
    } catch (err) {
      refuse(one.record, null, refusalOf(importer, err, one.record, input.onUnexpected));
    }
  }
  return written;
}

function refusalOf(
  importer: ModelImporter<unknown>,
  err: unknown,
  record: SourceRecord,
  onUnexpected?: (err: unknown, record: SourceRecord) => void,
): string {
  const named = importer.refusalOf?.(err);
  if (named) return named;
  if (isAppError(err)) return err.message;
  if (isUniqueViolation(err)) {
    const constraint = (err as { constraint?: string }).constraint;
    return `duplicates a record that is already there${constraint ? ` (${constraint})` : ''}`;
  }
  const code = (err as { code?: string })?.code;
  if (code === '23514' || code === '23503' || code === '23502' || code === '22001')
    return `is refused by the database: ${(err as Error).message}`;
  onUnexpected?.(err, record);
  return 'could not be saved (internal error)';
}
