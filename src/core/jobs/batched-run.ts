import type { ColumnType, Generated } from 'kysely';
import type { JobDefinition, JobHandler, JobQueue } from '../../platform/jobs/index.ts';
import { type Ctx, inTransaction, type LockObject, lockObjects } from '../context/index.ts';

/** The payload of a run's job: one step of the run, in its organization. */
export interface RunStep {
  orgId: string;
  runId: string;
}

/**
 * A batched run's row, in a table of the module's own (`exhibition_statement_run`, `mess_pass_run`)
 * that has at least these columns, besides `org_id` and what the run is kept under (`scope`).
 */
interface RunRow {
  id: Generated<string>;
  status: ColumnType<'running' | 'done', 'running' | undefined, 'done'>;
  total: number;
  started_by: string;
  finished_at: ColumnType<Date | null, undefined, Date>;
}
// Any table of that shape: the module names its own, and the organization scope applies as to any.
const runs = (ctx: Ctx) => ctx.db.withTables<Record<string, RunRow>>();

/** The run as a step sees it: its status and the columns of its scope. */
export type RunOf<S> = { id: string; status: 'running' | 'done' } & S;

/**
 * Starts a run of work done in steps of a job (a statement to every customer, a new pass to every
 * student), or answers the one already going under `scope`: under `lock`, so two clicks at once make
 * one run. The first step is queued in the run's transaction (it runs only if the run commits, once).
 */
export async function startBatchedRun<V>(
  ctx: Ctx,
  run: {
    table: string;
    /** What the run is kept under besides the organization (`{ exhibition_id }`): one runs at a time there. */
    scope?: Record<string, string>;
    lock: LockObject;
    /** How many items the run has to do. */
    count(tx: Ctx): Promise<number>;
    view(tx: Ctx, runId: string): Promise<V>;
    /** Audits the start. */
    started(tx: Ctx, runId: string, view: V): Promise<void>;
    job: JobDefinition<RunStep>;
    jobs: JobQueue;
  },
): Promise<V> {
  const scope = Object.entries(run.scope ?? {});
  return inTransaction(ctx, async (tx) => {
    // Two clicks at once: the second waits here, then finds the first run.
    await lockObjects(tx, [run.lock]);
    const db = runs(tx);
    const running = await scope
      .reduce(
        (q, [column, value]) => q.where(db.dynamic.ref(column), '=', value),
        db.selectFrom(run.table).select('id').where('status', '=', 'running'),
      )
      .executeTakeFirst();
    if (running) return run.view(tx, running.id);
    const { id: runId } = await db
      .insertInto(run.table)
      .values({ ...run.scope, total: await run.count(tx), started_by: tx.actor.label })
      .returning('id')
      .executeTakeFirstOrThrow();
    await run.jobs.send(run.job, { orgId: tx.orgId, runId }, { transaction: tx.db, singletonKey: runId });
    const view = await run.view(tx, runId);
    await run.started(tx, runId, view);
    return view;
  });
}

/**
 * One step of a run: does up to `batch` of the items it has not reached, each in its own
 * transaction (`doItem` takes the item's lock and skips one a retried or parallel step already did),
 * then says whether more remain. When none do, the run is done, in a transaction of its own, and
 * `finished` (its audit) runs there once, by the step that ended it.
 */
export async function continueBatchedRun<S extends object = object>(
  ctx: Ctx,
  run: {
    table: string;
    runId: string;
    /** The area's error for a run that is not there. */
    notFound(): Error;
    /** Up to `limit` items the run has still to do, in a stable order. */
    nextItems(ctx: Ctx, run: RunOf<S>, limit: number): Promise<string[]>;
    doItem(tx: Ctx, run: RunOf<S>, id: string): Promise<void>;
    finished(tx: Ctx, run: RunOf<S>): Promise<void>;
  },
  batch: number,
): Promise<'more' | 'done'> {
  const row = (await runs(ctx)
    .selectFrom(run.table)
    .selectAll()
    .where('id', '=', run.runId)
    .executeTakeFirst()) as RunOf<S> | undefined;
  if (!row) throw run.notFound();
  if (row.status === 'done') return 'done';
  const items = await run.nextItems(ctx, row, batch);
  for (const id of items) await inTransaction(ctx, (tx) => run.doItem(tx, row, id));
  if (items.length === batch) return 'more';
  await inTransaction(ctx, async (tx) => {
    const ended = await runs(tx)
      .updateTable(run.table)
      .set({ status: 'done', finished_at: tx.clock.now() })
      .where('id', '=', run.runId)
      .where('status', '=', 'running')
      .returning('id')
      .executeTakeFirst();
    if (ended) await run.finished(tx, row);
  });
  return 'done';
}

/** A run's job: one step in the payload's organization, then the next step queued while items remain. */
export function batchedRunJob(
  job: JobDefinition<RunStep>,
  deps: { systemCtx(orgId: string, job: string): Ctx; jobs: JobQueue },
  step: (ctx: Ctx, runId: string) => Promise<'more' | 'done'>,
): JobHandler {
  return job.handle(async (p) => {
    if ((await step(deps.systemCtx(p.orgId, job.name), p.runId)) === 'more') await deps.jobs.send(job, p);
  });
}
