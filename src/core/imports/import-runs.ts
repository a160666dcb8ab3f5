import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from '../../platform/db/index.ts';
import { isAppError } from '../../platform/errors/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { recordAudit } from '../audit/index.ts';
import { type Ctx, inTransaction, lockObjects } from '../context/index.ts';
import { type FileStore, openFile, storeFile } from '../files/index.ts';
import { csvRecords } from './csv-source.ts';
import { dumpdataSource } from './dumpdata-source.ts';
import { ImportsErrors, invalidSource } from './imports.errors.ts';
import { importRunJob } from './imports.queue.ts';
import type { ImportRunsTables, StoredImportSource } from './imports.tables.ts';
import type { ImportReport, ImportSource, ModuleImport, SourceRecord } from './imports.types.ts';
import { runImport } from './run-import.ts';

/** The largest file of an upload: a dumpdata of a few hundred thousand rows. */
export const IMPORT_UPLOAD_MAX_BYTES = 40 * 1024 * 1024;

/** What the console's import needs of the app: the modules' mappings, the file store, the job queue. */
export interface ImportRunDeps {
  /** Each enabled module's import (`imports` of its definition); `mapping()` prepares one run. */
  imports(): ReadonlyArray<{ module: string; mapping(): ModuleImport }>;
  files: FileStore;
  jobs: JobQueue;
  log: FastifyBaseLogger;
}

/** A file the operator uploaded: its name and its text. */
export interface UploadedFile {
  name: string;
  content: string;
  /** CSV only: the model it holds (`mess.student`); without it, read from the name (`student.csv`). */
  model?: string | undefined;
}

export type ImportUpload =
  | { format: 'dumpdata'; file: UploadedFile }
  | { format: 'csv'; files: UploadedFile[]; mapping?: Record<string, Record<string, string>> | undefined };

export interface StartImportInput {
  module: string;
  dryRun: boolean;
  notify: boolean;
  /** The files, or (`sameSourceAs`) an earlier run whose files this run imports: the dry run's. */
  source?: ImportUpload | undefined;
  sameSourceAs?: string | undefined;
}

export interface ImportRunView {
  id: string;
  module: string;
  dryRun: boolean;
  notify: boolean;
  status: 'running' | 'done' | 'failed';
  source: string;
  files: Array<{ name: string; model: string | null }>;
  /** Records of the source over all models (the bar's 100 %); 0 until the job has read the source. */
  total: number;
  /** Records read so far. */
  done: number;
  currentModel: string | null;
  report: ImportReport | null;
  error: string | null;
  startedBy: string;
  createdAt: Date;
  finishedAt: Date | null;
}

const runs = (ctx: Ctx) => ctx.db.withTables<ImportRunsTables>();

/** The import of a module, or a 404 for a module without one. */
export function moduleImport(deps: Pick<ImportRunDeps, 'imports'>, module: string) {
  const found = deps.imports().find((i) => i.module === module);
  if (!found) throw ImportsErrors.module_not_importable({ module });
  return found;
}

/**
 * Starts an import from the console (issue 42 item 1): checks the upload now (a file that is no
 * dumpdata, a CSV of no model of the module: a 400 naming the field), keeps its files in the core
 * file store, and queues the run as a job whose progress `getImportRun` reads. One run of a module
 * at a time in an organization (409 while one goes). A dry run writes nothing but its run row.
 */
export async function startImportRun(
  ctx: Ctx,
  deps: Pick<ImportRunDeps, 'imports' | 'files' | 'jobs'>,
  input: StartImportInput,
): Promise<ImportRunView> {
  const mapping = moduleImport(deps, input.module).mapping();
  if (!input.source === !input.sameSourceAs)
    throw invalidSource(
      'source',
      input.source ? 'give the files or sameSourceAs, not both' : 'is missing',
      'the uploaded files, or sameSourceAs: the id of an earlier run of this module',
    );
  const checked = input.source ? checkUpload(mapping, input.source) : null;
  return inTransaction(ctx, async (tx) => {
    await lockObjects(tx, [{ type: 'imports.run', id: input.module }]);
    const going = await runs(tx)
      .selectFrom('import_run')
      .select('id')
      .where('module', '=', input.module)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (going) {
      if (await jobAlive(tx, going.id))
        throw ImportsErrors.run_going({ module: input.module, runId: going.id });
      // Its job ended without finishing it (the process stopped mid-run): it failed.
      await runs(tx)
        .updateTable('import_run')
        .set({
          status: 'failed',
          finished_at: tx.clock.now(),
          error: 'the job running it ended before it finished (the process stopped)',
        })
        .where('id', '=', going.id)
        .execute();
    }
    let stored: { source: StoredImportSource; label: string };
    if (checked) stored = await storeUpload(tx, deps.files, checked);
    else {
      const earlier = await runs(tx)
        .selectFrom('import_run')
        .select(['source', 'source_label'])
        .where('id', '=', input.sameSourceAs!)
        .where('module', '=', input.module)
        .executeTakeFirst();
      if (!earlier)
        throw invalidSource(
          'sameSourceAs',
          `is no run of the ${input.module} import in this organization`,
          'the id of an earlier run of this module (its dry run)',
        );
      stored = { source: earlier.source, label: earlier.source_label };
    }
    const { id } = await runs(tx)
      .insertInto('import_run')
      .values({
        module: input.module,
        dry_run: input.dryRun,
        notify: input.notify,
        source: JSON.stringify(stored.source),
        source_label: stored.label,
        started_by: tx.actor.label,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await deps.jobs.send(
      importRunJob,
      { orgId: tx.orgId, runId: id },
      { transaction: tx.db, singletonKey: id },
    );
    await recordAudit(tx, {
      action: 'imports.run.started',
      subject: { type: 'import_run', id },
      after: { module: input.module, source: stored.label, dryRun: input.dryRun, notify: input.notify },
    });
    return getImportRun(tx, id);
  });
}

/** Whether a run's job is still queued or running (a process that stopped leaves it otherwise). */
async function jobAlive(tx: Ctx, runId: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pgboss.job
    where name = ${importRunJob.name} and data->>'runId' = ${runId}
      and state in ('created', 'retry', 'active')`.execute(tx.db);
  return (rows[0]?.n ?? 0) > 0;
}

type CheckedUpload =
  | { format: 'dumpdata'; file: UploadedFile }
  | {
      format: 'csv';
      files: Array<UploadedFile & { model: string }>;
      mapping: Record<string, Record<string, string>>;
    };

/** Reads the upload as the job will, so a bad file is refused now, naming the field at fault. */
function checkUpload(mapping: ModuleImport, upload: ImportUpload): CheckedUpload {
  const models = mapping.models.map((m) => m.model);
  const expectedModels = `records of ${models.join(', ')}`;
  if (upload.format === 'dumpdata') {
    const field = 'source.file.content';
    const records = readDumpdata(upload.file.content, field);
    if (!records.some((r) => models.includes(String((r as { model?: unknown })?.model).toLowerCase())))
      throw invalidSource(field, 'holds no record of a model this import brings over', expectedModels);
    return { format: 'dumpdata', file: upload.file };
  }
  const csvMapping = upload.mapping ?? {};
  for (const model of Object.keys(csvMapping))
    if (!models.includes(model))
      throw invalidSource(
        `source.mapping.${model}`,
        'is no model of this import',
        `one of ${models.join(', ')}`,
      );
  const seen = new Set<string>();
  const files = upload.files.map((file, i) => {
    const model = file.model?.trim().toLowerCase() || modelOfFileName(models, file.name);
    if (!model || !models.includes(model))
      throw invalidSource(
        `source.files.${i}.model`,
        file.model ? `${file.model} is no model of this import` : `${file.name}: no model has this file name`,
        `one of ${models.join(', ')} (or a file named like student.csv)`,
      );
    if (seen.has(model))
      throw invalidSource(`source.files.${i}.model`, `${model} has two files`, 'one file per model');
    seen.add(model);
    const def = mapping.models.find((m) => m.model === model)!;
    try {
      csvRecords(def, file.content, csvMapping[model]);
    } catch (err) {
      if (!isAppError(err)) throw err;
      throw invalidSource(
        `source.files.${i}.content`,
        err.fields[0]?.message ?? err.message,
        'CSV text with a header row and an id column',
      );
    }
    return { ...file, model };
  });
  return { format: 'csv', files, mapping: csvMapping };
}

/** `mess.student.csv`, `mess_student.csv` or `student.csv` (as a folder's files are found). */
function modelOfFileName(models: ReadonlyArray<string>, name: string): string | undefined {
  const base = name.toLowerCase().replace(/\.csv$/, '');
  return models.find((m) => {
    const [app, model] = m.split('.');
    return base === m || base === `${app}_${model}` || base === model;
  });
}

function readDumpdata(content: string, field: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (err) {
    throw invalidSource(field, `is not JSON: ${(err as Error).message}`, 'a dumpdata JSON file');
  }
  try {
    dumpdataSource(parsed, 'check');
  } catch (err) {
    if (!isAppError(err)) throw err;
    const at = err.fields[0]?.field ?? '';
    throw invalidSource(
      field,
      `is not a dumpdata file${at.startsWith('from[') ? ` (record ${at.slice(5, -1)})` : ''}`,
      'a JSON list of {model, pk, fields}, as python manage.py dumpdata writes',
    );
  }
  return parsed as unknown[];
}

async function storeUpload(
  tx: Ctx,
  store: FileStore,
  upload: CheckedUpload,
): Promise<{ source: StoredImportSource; label: string }> {
  const keep = async (file: UploadedFile) =>
    (
      await storeFile(tx, store, {
        bytes: Buffer.from(file.content, 'utf8'),
        originalName: file.name,
        purpose: 'import_source',
        allowedTypes: ['text/plain'],
        maxBytes: IMPORT_UPLOAD_MAX_BYTES,
      })
    ).id;
  if (upload.format === 'dumpdata')
    return {
      source: { format: 'dumpdata', files: [{ fileId: await keep(upload.file), name: upload.file.name }] },
      label: `dumpdata ${upload.file.name}`,
    };
  const files: Array<{ fileId: string; name: string; model: string }> = [];
  for (const f of upload.files) files.push({ fileId: await keep(f), name: f.name, model: f.model });
  return {
    source: { format: 'csv', files, mapping: upload.mapping },
    label: `csv ${upload.files.map((f) => f.name).join(', ')}`.slice(0, 300),
  };
}

/** The upload of a run as a source, read back from the file store. */
async function openStoredSource(
  ctx: Ctx,
  store: FileStore,
  mapping: ModuleImport,
  stored: StoredImportSource,
  label: string,
): Promise<ImportSource> {
  const text = async (fileId: string) => {
    const { content } = await openFile(ctx, store, fileId);
    const chunks: Buffer[] = [];
    for await (const chunk of content) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks).toString('utf8');
  };
  if (stored.format === 'dumpdata')
    return dumpdataSource(JSON.parse(await text(stored.files[0]!.fileId)), label);
  const byModel = new Map<string, SourceRecord[]>();
  for (const f of stored.files) {
    const def = mapping.models.find((m) => m.model === f.model);
    if (def) byModel.set(f.model, csvRecords(def, await text(f.fileId), stored.mapping[f.model]));
  }
  return {
    label,
    count: async (m) => byModel.get(m.model)?.length ?? 0,
    async *records(m, batchSize) {
      const list = byModel.get(m.model) ?? [];
      for (let i = 0; i < list.length; i += batchSize) yield list.slice(i, i + batchSize);
    },
    close: async () => {},
  };
}

/**
 * The job of a run: reads the upload back, counts its records (the bar's total), runs the import,
 * writing the progress after every batch, and keeps the report. A failure (the database gone, a
 * bug) ends the run as failed with its message, so the console stops waiting and another may start.
 */
export async function performImportRun(ctx: Ctx, deps: ImportRunDeps, runId: string): Promise<void> {
  const run = await runs(ctx).selectFrom('import_run').selectAll().where('id', '=', runId).executeTakeFirst();
  if (run?.status !== 'running') return;
  const finish = (values: { status: 'done' | 'failed'; report?: ImportReport; error?: string }) =>
    runs(ctx)
      .updateTable('import_run')
      .set({
        status: values.status,
        finished_at: ctx.clock.now(),
        ...(values.report ? { report: JSON.stringify(values.report) } : {}),
        ...(values.error ? { error: values.error.slice(0, 2000) } : {}),
      })
      .where('id', '=', runId)
      .execute();
  try {
    const mapping = moduleImport(deps, run.module).mapping();
    const source = await openStoredSource(ctx, deps.files, mapping, run.source, run.source_label);
    let total = 0;
    const before = new Map<string, number>();
    for (const m of mapping.models) {
      before.set(m.model, total);
      total += await source.count(m);
    }
    await runs(ctx).updateTable('import_run').set({ total }).where('id', '=', runId).execute();
    const report = await runImport(ctx, {
      module: run.module,
      mapping,
      source,
      dryRun: run.dry_run,
      options: { notify: run.notify },
      onProgress: async (p) => {
        await runs(ctx)
          .updateTable('import_run')
          .set({ done: Math.min(total, (before.get(p.model) ?? 0) + p.done), current_model: p.model })
          .where('id', '=', runId)
          .execute();
      },
      onUnexpected: (err, record) =>
        deps.log.error({ err, runId, record: record.pk, model: record.model }, 'import row failed'),
    });
    await runs(ctx).updateTable('import_run').set({ done: total }).where('id', '=', runId).execute();
    await finish({ status: 'done', report });
  } catch (err) {
    deps.log.error({ err, runId }, 'import run failed');
    await finish({ status: 'failed', error: (err as Error).message ?? String(err) });
  }
}

/** A run: its progress, and its report once done. */
export async function getImportRun(ctx: Ctx, id: string): Promise<ImportRunView> {
  const run = await runs(ctx).selectFrom('import_run').selectAll().where('id', '=', id).executeTakeFirst();
  if (!run) throw ImportsErrors.run_not_found({ runId: id });
  return {
    id: run.id,
    module: run.module,
    dryRun: run.dry_run,
    notify: run.notify,
    status: run.status,
    source: run.source_label,
    files: run.source.files.map((f) => ({ name: f.name, model: 'model' in f ? f.model : null })),
    total: run.total,
    done: run.done,
    currentModel: run.current_model,
    report: (run.report as ImportReport | null) ?? null,
    error: run.error,
    startedBy: run.started_by,
    createdAt: run.created_at,
    finishedAt: run.finished_at,
  };
}

/** The hash an `Idempotency-Key` retry is compared by: the files' contents stand in for themselves. */
export function uploadFingerprint(input: StartImportInput): unknown {
  const hash = (text: string) => createHash('sha256').update(text).digest('hex');
  const source = input.source;
  return {
    module: input.module,
    dryRun: input.dryRun,
    notify: input.notify,
    sameSourceAs: input.sameSourceAs ?? null,
    source: !source
      ? null
      : source.format === 'dumpdata'
        ? { format: source.format, name: source.file.name, sha256: hash(source.file.content) }
        : {
            format: source.format,
            mapping: source.mapping ?? {},
            files: source.files.map((f) => ({
              name: f.name,
              model: f.model ?? null,
              sha256: hash(f.content),
            })),
          },
  };
}
