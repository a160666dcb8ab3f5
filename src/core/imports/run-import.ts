import { isAppError, isUniqueViolation, isUnstorableText } from '../../platform/errors/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Ctx } from '../context/index.ts';
import { FieldProblem } from './field-values.rules.ts';
import { loadOrigins, type Origin, recordHash, saveOrigins } from './import-origins.ts';
import { type BatchWriter, openBatchWriter } from './import-writes.ts';
import type {
  ImportIssue,
  ImportModel,
  ImportOptions,
  ImportProgress,
  ImportRefs,
  ImportReport,
  ImportSource,
  ModelImporter,
  ModelReport,
  ModuleImport,
  RowVerdict,
  SourceRecord,
} from './imports.types.ts';

/**
 * Rows per multi-row insert and transaction while the server answers others (the console's import):
 * small enough that a request waits at most one short transaction on the embedded database (about
 * 0.2 s for 500 rows), large enough to stay fast.
 */
export const IMPORT_BATCH = 500;

/**
 * The same for `opsdesk import` on its own (the embedded database is locked to the command while it
 * runs; a server's database takes other sessions meanwhile): fewer, larger transactions, under
 * 65,535 parameters.
 */
export const IMPORT_BATCH_ALONE = 1000;

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

/** A record that comes over now: new (`id` absent) or brought again because it changed (`id` its target). */
interface Pending {
  record: SourceRecord;
  row: unknown;
  hash: string;
  id?: string;
}

/** One run's state shared by its models: what came over, what was refused, which keys are taken. */
interface RunState {
  input: RunImportInput;
  report: ImportReport;
  origins: Map<string, Map<string, Origin>>;
  refused: Map<string, Map<string, string>>;
  /** `uniqueKeys` seen in this run → `model pk` of the record that holds it. */
  keys: Map<string, string>;
  writer: BatchWriter;
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Brings a module's records over from an original system, model by model in the mapping's order.
 * Every record is parsed, so a later model sees all of an earlier one's records. A record an earlier
 * run brought over is left alone while its fields are the same, and brought again (`update`) when
 * they changed in the original: an import repeated until switch day brings exactly the changes.
 * Rows are written in short transactions, each batch with its origins; between batches the run
 * yields, so the embedded database answers other requests while it goes. A batch that fails is
 * written again row by row, so the one row at fault is reported with its reason and nothing of it is
 * written. A dry run writes the same way in transactions it rolls back (the database's constraints
 * are checked, so its counts are the run's) and sends nothing.
 */
export async function runImport(ctx: Ctx, input: RunImportInput): Promise<ImportReport> {
  const started = Date.now();
  const report: ImportReport = {
    module: input.module,
    source: input.source.label,
    found: await input.source.found(),
    dryRun: input.dryRun,
    models: [],
    issues: [],
    messages: { wouldSend: 0, queued: 0 },
    seconds: 0,
  };
  await openBatchWriter(ctx, input.dryRun, async (writer) => {
    const run: RunState = {
      input,
      report,
      origins: await loadOrigins(writer.ctx, input.module),
      refused: new Map(),
      keys: new Map(),
      writer,
    };
    const refs: ImportRefs = {
      target: (model, pk) => (isAbsent(pk) ? undefined : run.origins.get(model)?.get(String(pk))?.id),
      refusal: (model, pk) => (isAbsent(pk) ? undefined : run.refused.get(model)?.get(String(pk))),
    };
    for (const model of input.mapping.models) report.models.push(await importModel(run, model, refs));
  });
  report.seconds = (Date.now() - started) / 1000;
  if (!input.dryRun)
    await recordAudit(ctx, {
      action: 'imports.run.completed',
      subject: { type: 'import', id: input.module },
      meta: {
        source: input.source.label,
        models: report.models.map(({ notes: _notes, ...counts }) => counts),
        issues: report.issues.length,
        messagesQueued: report.messages.queued,
      },
    });
  return report;
}

const isAbsent = (pk: unknown) => pk === null || pk === undefined || pk === '';

async function importModel(run: RunState, model: ImportModel, refs: ImportRefs): Promise<ModelReport> {
  const { input, writer } = run;
  const counts: ModelReport = {
    model: model.model,
    label: model.label,
    read: 0,
    created: 0,
    unchanged: 0,
    updated: 0,
    skipped: 0,
    refused: 0,
    flagged: 0,
    notes: {},
  };
  const known = run.origins.get(model.model) ?? new Map<string, Origin>();
  run.origins.set(model.model, known);
  const refusedHere = run.refused.get(model.model) ?? new Map<string, string>();
  run.refused.set(model.model, refusedHere);
  const issue = (kind: ImportIssue['kind'], record: SourceRecord, field: string | null, reason: string) =>
    run.report.issues.push({ kind, model: model.model, pk: record.pk, field, reason });
  const refuse = (record: SourceRecord, field: string | null, reason: string) => {
    counts.refused++;
    refusedHere.set(record.pk, reason);
    issue('refused', record, field, reason);
  };
  const total = await input.source.count(model);
  const importer = await model.begin(writer.ctx, refs, input.options);
  await input.onProgress?.({ model: model.model, label: model.label, done: 0, total });
  for await (const batch of input.source.records(model, input.batchSize ?? IMPORT_BATCH)) {
    const pending: Pending[] = [];
    /** Origins of an earlier version that kept no hash: their hash is recorded, nothing else changes. */
    const rehash: Array<Pending & { id: string }> = [];
    for (const record of batch) {
      counts.read++;
      const origin = known.get(record.pk);
      const verdict = parseRecord(importer, record);
      if (!('row' in verdict)) {
        if (origin) counts.unchanged++;
        else if ('skipped' in verdict) counts.skipped++;
        else refuse(record, verdict.field ?? null, verdict.refused);
        continue;
      }
      const hash = recordHash(record, model.volatile);
      const taken = claimKeys(run, importer, model, record, verdict.row);
      if (taken) {
        if (origin) counts.unchanged++;
        else refuse(record, null, taken);
        continue;
      }
      if (origin?.hash === hash) {
        counts.unchanged++;
        continue;
      }
      if (origin && !importer.update) {
        counts.unchanged++;
        if (origin.hash === null) rehash.push({ record, row: verdict.row, hash, id: origin.id });
        else {
          counts.flagged++;
          issue(
            'flagged',
            record,
            null,
            'changed in the original since it came over; this kind of record is not brought again',
          );
        }
        continue;
      }
      pending.push({ record, row: verdict.row, hash, ...(origin ? { id: origin.id } : {}) });
      for (const flag of verdict.flags ?? []) issue('flagged', record, flag.field, flag.reason);
      if (verdict.flags?.length) counts.flagged++;
      for (const note of verdict.notes ?? []) counts.notes[note] = (counts.notes[note] ?? 0) + 1;
    }
    const fresh = pending.filter((p) => p.id === undefined);
    const changed = pending.filter((p) => p.id !== undefined);
    const created = await writeRows(run, model, importer, fresh, refuse);
    for (const w of created) known.set(w.record.pk, { id: w.id, hash: w.hash });
    counts.created += created.length;
    const updated = await updateRows(run, model, importer, changed, refuse);
    for (const w of updated) known.set(w.record.pk, { id: w.id!, hash: w.hash });
    counts.updated += updated.length;
    if (rehash.length > 0 && !input.dryRun)
      await writer.attempt((tx) => saveOrigins(tx, input.module, model.model, rehash.map(originOf)));
    const messages = created.reduce((n, p) => n + (importer.messagesFor?.(p.row) ?? 0), 0);
    run.report.messages.wouldSend += messages;
    if (!input.dryRun && input.options.notify && importer.notify) run.report.messages.queued += messages;
    await input.onProgress?.({ model: model.model, label: model.label, done: counts.read, total });
    await yieldToOthers();
  }
  return counts;
}

function parseRecord(importer: ModelImporter<unknown>, record: SourceRecord): RowVerdict<unknown> {
  try {
    return importer.parse(record);
  } catch (err) {
    if (err instanceof FieldProblem) return { refused: err.message, field: err.field };
    throw err;
  }
}

/** Takes the row's unique keys for its record, or answers why another record of the run holds one. */
function claimKeys(
  run: RunState,
  importer: ModelImporter<unknown>,
  model: ImportModel,
  record: SourceRecord,
  row: unknown,
): string | undefined {
  const mine = `${model.model} ${record.pk}`;
  const keys = importer.uniqueKeys?.(row) ?? [];
  for (const key of keys) {
    const holder = run.keys.get(key);
    if (holder !== undefined && holder !== mine)
      return `${key} is already held by ${holder.replace(' ', ' record ')} of this import`;
  }
  for (const key of keys) run.keys.set(key, mine);
  return undefined;
}

const originOf = (p: Pending & { id: string }) => ({ pk: p.record.pk, id: p.id, hash: p.hash });

/** Writes new rows: the batch whole, or (when it fails) row by row, each row whole or not at all. */
async function writeRows(
  run: RunState,
  model: ImportModel,
  importer: ModelImporter<unknown>,
  fresh: ReadonlyArray<Pending>,
  refuse: (record: SourceRecord, field: string | null, reason: string) => void,
): Promise<Array<Pending & { id: string }>> {
  const { input } = run;
  return inBatchOrOneByOne(run, importer, fresh, refuse, async (tx, rows) => {
    const ids = await importer.write(
      tx,
      rows.map((p) => p.row),
    );
    const written = rows.map((p, i) => ({ ...p, id: ids[i]! }));
    await saveOrigins(tx, input.module, model.model, written.map(originOf));
    if (!input.dryRun && input.options.notify && importer.notify) await importer.notify(tx, written);
    return written;
  });
}

/** Brings the new state of records that changed in the original, as `writeRows` writes new ones. */
async function updateRows(
  run: RunState,
  model: ImportModel,
  importer: ModelImporter<unknown>,
  changed: ReadonlyArray<Pending>,
  refuse: (record: SourceRecord, field: string | null, reason: string) => void,
): Promise<ReadonlyArray<Pending>> {
  const update = importer.update;
  if (!update) return [];
  return inBatchOrOneByOne(
    run,
    importer,
    changed,
    (record, field, reason) => refuse(record, field, `its change since the last import: ${reason}`),
    async (tx, rows) => {
      const withIds = rows as ReadonlyArray<Pending & { id: string }>;
      await update(
        tx,
        withIds.map((p) => ({ id: p.id, row: p.row })),
      );
      await saveOrigins(tx, run.input.module, model.model, withIds.map(originOf));
      return withIds;
    },
  );
}

async function inBatchOrOneByOne<T>(
  run: RunState,
  importer: ModelImporter<unknown>,
  rows: ReadonlyArray<Pending>,
  refuse: (record: SourceRecord, field: string | null, reason: string) => void,
  write: (tx: Ctx, rows: ReadonlyArray<Pending>) => Promise<ReadonlyArray<T>>,
): Promise<T[]> {
  if (rows.length === 0) return [];
  try {
    return [...(await run.writer.attempt((tx) => write(tx, rows)))];
  } catch (err) {
    if (rows.length === 1) {
      refuse(rows[0]!.record, null, refusalOf(importer, err, rows[0]!.record, run.input.onUnexpected));
      return [];
    }
  }
  const written: T[] = [];
  for (const one of rows) {
    try {
      written.push(...(await run.writer.attempt((tx) => write(tx, [one]))));
    } catch (err) {
      refuse(one.record, null, refusalOf(importer, err, one.record, run.input.onUnexpected));
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
  if (isUnstorableText(err))
    return 'holds a character that cannot be stored (a NUL): remove it in the original';
  const code = (err as { code?: string })?.code;
  if (code === '23514' || code === '23503' || code === '23502' || code === '22001')
    return `is refused by the database: ${(err as Error).message}`;
  onUnexpected?.(err, record);
  return 'could not be saved (internal error)';
}
