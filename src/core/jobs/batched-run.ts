import type { JobDefinition, JobHandler, JobQueue } from '../../platform/jobs/index.ts';
import { type Ctx, inTransaction, type LockObject, lockObjects } from '../context/index.ts';

/** The payload of a run's job: one step of the run, in its organization. */
export interface RunStep {
  orgId: string;
  runId: string;
}

/**
 * Starts a run of work done in steps of a job (a statement to every customer, a new pass to every
 * student), or answers the one already going: under `lock`, so two clicks at once make one run. The
 * first step is queued in the run's transaction (it runs only if the run commits, once per run).
 */
export async function startBatchedRun<V>(
  ctx: Ctx,
  run: {
    lock: LockObject;
    /** The run already going, if any. */
    running(tx: Ctx): Promise<string | undefined>;
    /** Inserts the run's row; answers its id. */
    create(tx: Ctx): Promise<string>;
    view(tx: Ctx, runId: string): Promise<V>;
    /** Audits the start. */
    started(tx: Ctx, runId: string, view: V): Promise<void>;
    job: JobDefinition<RunStep>;
    jobs: JobQueue;
  },
): Promise<V> {
  return inTransaction(ctx, async (tx) => {
    // Two clicks at once: the second waits here, then finds the first run.
    await lockObjects(tx, [run.lock]);
    const running = await run.running(tx);
    if (running) return run.view(tx, running);
    const runId = await run.create(tx);
    await run.jobs.send(run.job, { orgId: tx.orgId, runId }, { transaction: tx.db, singletonKey: runId });
    const view = await run.view(tx, runId);
    await run.started(tx, runId, view);
    return view;
  });
}

/**
 * One step of a run: does up to `batch` of the items it has not reached, each in its own
 * transaction (`doItem` takes the item's lock and skips one a retried or parallel step already did),
 * then says whether more remain. Ends the run when none do (`finish`, in a transaction of its own).
 */
export async function continueBatchedRun<R extends { status: 'running' | 'done' }>(
  ctx: Ctx,
  run: {
    /** The run's row; throws the area's not-found error when there is none. */
    load(ctx: Ctx): Promise<R>;
    /** Up to `limit` items the run has still to do, in a stable order. */
    nextItems(ctx: Ctx, run: R, limit: number): Promise<string[]>;
    doItem(tx: Ctx, run: R, id: string): Promise<void>;
    /** Marks the run done if it still runs, and audits that. */
    finish(tx: Ctx, run: R): Promise<void>;
  },
  batch: number,
): Promise<'more' | 'done'> {
  const row = await run.load(ctx);
  if (row.status === 'done') return 'done';
  const items = await run.nextItems(ctx, row, batch);
  for (const id of items) await inTransaction(ctx, (tx) => run.doItem(tx, row, id));
  if (items.length === batch) return 'more';
  await inTransaction(ctx, (tx) => run.finish(tx, row));
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
