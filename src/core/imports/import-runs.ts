import { createHash } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { sql } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { openSecret, sealSecret } from '../../platform/secrets/index.ts';
import { recordAudit } from '../audit/index.ts';
import { type Ctx, inTransaction, lockObjects } from '../context/index.ts';
import { type FileStore, filesKept, purgeFiles } from '../files/index.ts';
import {
  checkUpload,
  IMPORT_SOURCE,
  type ImportUpload,
  openStoredSource,
  storeUpload,
} from './import-uploads.ts';
import { ImportsErrors, invalidSource } from './imports.errors.ts';
import { importRunJob } from './imports.queue.ts';
import type { ImportRunsTables, StoredImportSource } from './imports.tables.ts';
import type { ImportReport, ModuleImport } from './imports.types.ts';
import { runImport } from './run-import.ts';

/** What the console's import needs of the app: the modules' mappings, the file store, the job queue. */
export interface ImportRunDeps {
  /** Each enabled module's import (`imports` of its definition); `mapping()` prepares one run. */
  imports(): ReadonlyArray<{ module: string; mapping(): ModuleImport }>;
  files: FileStore;
  jobs: JobQueue;
  log: FastifyBaseLogger;
  /** The deployment's key: the answers to a module's questions are sealed with it until the run ends. */
  secretKey: string;
}

const ANSWERS = 'imports.answers';

export interface StartImportInput {
  module: string;
  dryRun: boolean;
  notify: boolean;
  /** The files, or (`sameSourceAs`) an earlier run whose files this run imports: the dry run's. */
  source?: ImportUpload | undefined;
  sameSourceAs?: string | undefined;
  /** Answers to the module's questions (the mess original's QR secret); a run after its dry run may reuse the dry run's. */
  answers?: Record<string, string> | undefined;
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
  deps: Pick<ImportRunDeps, 'imports' | 'files' | 'jobs' | 'secretKey'>,
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
    let stored: { source: StoredImportSource; label: string; answers: string | null };
    if (checked) stored = { ...(await storeUpload(tx, deps.files, checked)), answers: null };
    else {
      const earlier = await runs(tx)
        .selectFrom('import_run')
        .select(['source', 'source_label', 'answers'])
        .where('id', '=', input.sameSourceAs!)
        .where('module', '=', input.module)
        .executeTakeFirst();
      if (!earlier)
        throw invalidSource(
          'sameSourceAs',
          `is no run of the ${input.module} import in this organization`,
          'the id of an earlier run of this module (its dry run)',
        );
      if (
        !(await filesKept(
          tx,
          earlier.source.files.map((f) => f.fileId),
          IMPORT_SOURCE,
        ))
      )
        throw invalidSource(
          'sameSourceAs',
          'its files were deleted when a run read them (or after the retention period): upload them again',
          'a dry run whose files no run has imported yet',
        );
      stored = { source: earlier.source, label: earlier.source_label, answers: earlier.answers };
    }
    const answers = input.answers
      ? sealSecret(JSON.stringify(input.answers), deps.secretKey, ANSWERS)
      : stored.answers;
    for (const q of mapping.questions ?? [])
      if (q.required && !(input.answers?.[q.key] ?? '').trim() && !stored.answers)
        throw invalidSource(`answers.${q.key}`, 'is required', q.label);
    const { id } = await runs(tx)
      .insertInto('import_run')
      .values({
        module: input.module,
        dry_run: input.dryRun,
        notify: input.notify,
        source: JSON.stringify(stored.source),
        source_label: stored.label,
        started_by: tx.actor.label,
        answers,
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

/**
 * The job of a run: reads the upload back, counts its records (the bar's total), runs the import,
 * writing the progress after every batch, and keeps the report. A failure (the database gone, a
 * bug) ends the run as failed with its message, so the console stops waiting and another may start.
 */
export async function performImportRun(ctx: Ctx, deps: ImportRunDeps, runId: string): Promise<void> {
  const run = await runs(ctx).selectFrom('import_run').selectAll().where('id', '=', runId).executeTakeFirst();
  if (run?.status !== 'running') return;
  // A dry run keeps the answers for the run that follows it; a run forgets them when it ends.
  const finish = (values: { status: 'done' | 'failed'; report?: ImportReport; error?: string }) =>
    runs(ctx)
      .updateTable('import_run')
      .set({
        status: values.status,
        finished_at: ctx.clock.now(),
        ...(run.dry_run ? {} : { answers: null }),
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
      options: { notify: run.notify, answers: answersOf(run.answers, deps.secretKey) },
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
  // The upload holds the original's whole dump (password hashes, meter keys): once a run has read
  // it, it goes. A dry run keeps it for the run that follows (or retention's `imports.uploads`).
  if (!run.dry_run)
    await purgeFiles(
      ctx,
      deps.files,
      run.source.files.map((f) => f.fileId),
      IMPORT_SOURCE,
    );
}

function answersOf(sealed: string | null, secretKey: string): Record<string, string> {
  if (!sealed) return {};
  return JSON.parse(openSecret(sealed, secretKey, ANSWERS).toString('utf8')) as Record<string, string>;
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
    answers: input.answers ? hash(JSON.stringify(input.answers)) : null,
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
