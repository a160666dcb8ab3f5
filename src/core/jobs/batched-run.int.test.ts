import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import { systemClock } from '../../platform/clock/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { createJobQueue, defineJob, type JobQueue } from '../../platform/jobs/index.ts';
import { type Ctx, systemCtx } from '../context/index.ts';
import { continueBatchedRun, startBatchedRun } from './batched-run.ts';

/*
 * What every batched run shares (the exhibition's statements, the mess's new passes): one run at a
 * time under its scope with its first step queued, then steps of a batch each, every item in its own
 * transaction, 'more' while a full batch was done, and the end marked and audited once.
 */
const stepJob = defineJob({
  name: 'test.batched-run.step',
  payload: z.object({ orgId: z.string().uuid(), runId: z.string().uuid() }),
});
const TABLE = 'test_batched_run';
let database: Database;
let jobs: JobQueue;
let ctx: Ctx;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.pool.query(`create table ${TABLE} (
    id uuid primary key default gen_random_uuid(), org_id uuid not null, batch text not null,
    status text not null default 'running', total integer not null, started_by text not null,
    finished_at timestamptz)`);
  await database.refreshOrgTables();
  jobs = await createJobQueue({ pool: database.pool, embedded: database.kind === 'pglite' });
  // Registered, never worked: the steps are taken here by hand.
  await jobs.register([stepJob.handle(async () => {})]);
  const orgId = randomUUID();
  ctx = systemCtx({
    orgId,
    db: database.forOrg(orgId),
    clock: systemClock,
    events: { emit: async () => {} },
    job: 'test',
  });
}, 60_000);
afterAll(async () => {
  await jobs?.stop({ graceful: false, timeoutMs: 1000 });
  await database?.close();
});

const start = (batch: string, total: number) =>
  startBatchedRun(ctx, {
    table: TABLE,
    scope: { batch },
    lock: { type: 'test.batched-run', id: batch },
    count: async () => total,
    view: async (_tx, runId) => runId,
    started: async () => {},
    job: stepJob,
    jobs,
  });

/** A step over `items`; records what each item's and the end's transaction saw. */
function stepper(runId: string, items: string[]) {
  const seen = { done: [] as string[], inTransaction: [] as boolean[], finished: [] as string[] };
  const step = (batch: number) =>
    continueBatchedRun<{ batch: string }>(
      ctx,
      {
        table: TABLE,
        runId,
        notFound: () => new Error('no such run'),
        nextItems: async (_ctx, _run, limit) => items.filter((i) => !seen.done.includes(i)).slice(0, limit),
        doItem: async (tx, _run, id) => {
          seen.inTransaction.push(tx.db.isTransaction);
          seen.done.push(id);
        },
        finished: async (tx, run) => {
          seen.inTransaction.push(tx.db.isTransaction);
          seen.finished.push(run.batch);
        },
      },
      batch,
    );
  return { seen, step };
}

const queuedSteps = async () =>
  (await database.pool.query(`select data from pgboss.job where name = $1`, [stepJob.name])).rows.length;

describe('a batched run', () => {
  it('starts once under its scope, with its first step queued, and again for another scope', async () => {
    const first = await start('a', 3);
    expect(await start('a', 3)).toBe(first);
    const other = await start('b', 1);
    expect(other).not.toBe(first);
    expect(await queuedSteps()).toBe(2);
    const { rows } = await database.pool.query(
      `select batch, total, status, started_by from ${TABLE} where id = $1`,
      [first],
    );
    expect(rows[0]).toEqual({ batch: 'a', total: 3, status: 'running', started_by: 'test' });
  });

  it('does a full batch and asks for more, then does the rest and ends the run once', async () => {
    const runId = await start('c', 3);
    const { seen, step } = stepper(runId, ['x', 'y', 'z']);
    expect(await step(2)).toBe('more');
    expect(seen).toMatchObject({ done: ['x', 'y'], finished: [] });
    expect(await step(2)).toBe('done');
    expect(await step(2)).toBe('done');
    expect(seen).toMatchObject({ done: ['x', 'y', 'z'], finished: ['c'] });
    expect(seen.inTransaction).toEqual([true, true, true, true]);
    const { rows } = await database.pool.query(`select status, finished_at from ${TABLE} where id = $1`, [
      runId,
    ]);
    expect(rows[0].status).toBe('done');
    expect(rows[0].finished_at).toBeInstanceOf(Date);
  });

  it("answers the area's error for a run that is not there", async () => {
    await expect(stepper(randomUUID(), []).step(2)).rejects.toThrow('no such run');
  });
});
