import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventually } from '../../../test/support/eventually.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { Database } from '../db/index.ts';
import { createJobQueue, defineJob, type JobDefinition, type JobQueue } from './index.ts';

const payload = z.object({ n: z.number().int() });
const firstJob = defineJob({ name: 'test.queue-setup.first', payload, retry: { limit: 2, delaySeconds: 1 } });
const otherJob = defineJob({ name: 'test.queue-setup.other', payload, expireInSeconds: 60 });

let database: Database;
const queues: JobQueue[] = [];
/** The queues created or changed in pg-boss's queue list, by name, since the last reset. */
let queueWrites: string[] = [];
/** Every statement sent (text and values), since the last reset. */
let statements: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const query = database.pool.query.bind(database.pool) as (...args: unknown[]) => unknown;
  (database.pool as { query: (...args: unknown[]) => unknown }).query = (...args) => {
    const [text, values] = args;
    statements.push(JSON.stringify([text, values]));
    if (typeof text === 'string') {
      const created = /create_queue\('([^']+)'/.exec(text)?.[1];
      const updated = /UPDATE \S+\.queue SET\s+retry_limit/.test(text) ? (values as string[])[0] : undefined;
      const name = created ?? updated;
      // pg-boss's own schedule queue is its business; ours are the jobs' and the dead letters'.
      if (name && !name.startsWith('__pgboss__')) queueWrites.push(name);
    }
    return query(...args);
  };
});
afterEach(async () => {
  for (const q of queues.splice(0)) await q.stop({ graceful: false, timeoutMs: 1000 });
});
afterAll(async () => {
  await database.close();
});

/** One start of a process: its job queue with these jobs registered (handled into `ran`). */
async function start(jobs: JobDefinition<{ n: number }>[], ran: number[] = []) {
  const queue = await createJobQueue({
    pool: database.pool,
    embedded: database.kind === 'pglite',
    pollingIntervalSeconds: 0.5,
  });
  queues.push(queue);
  await queue.register(jobs.map((job) => job.handle(async ({ n }) => void ran.push(n))));
  return queue;
}

const retryLimitOf = async (name: string) =>
  (
    await database.pool.query<{ retry_limit: number }>(
      'select retry_limit from pgboss.queue where name = $1',
      [name],
    )
  ).rows[0]?.retry_limit;

describe('job queues at start', () => {
  it('creates the queues once; a later start with the same jobs writes none and its jobs still run', async () => {
    queueWrites = [];
    await start([firstJob, otherJob]);
    expect(queueWrites.length).toBeGreaterThanOrEqual(2); // both queues (and the dead letters on a new database)
    await queues.splice(0)[0]?.stop({ graceful: false, timeoutMs: 1000 });

    queueWrites = [];
    const ran: number[] = [];
    const again = await start([firstJob, otherJob], ran);
    expect(queueWrites).toEqual([]);
    await again.work();
    await again.send(firstJob, { n: 1 });
    await again.send(otherJob, { n: 2 });
    await eventually(() => ran.length === 2, { what: 'both jobs ran' });
    expect(ran.sort()).toEqual([1, 2]);
  });

  it('changes a stored queue whose job changed its retries, and creates a queue for a new job', async () => {
    await start([firstJob]);
    await queues.splice(0)[0]?.stop({ graceful: false, timeoutMs: 1000 });

    queueWrites = [];
    const changed = defineJob({ name: firstJob.name, payload, retry: { limit: 5, delaySeconds: 1 } });
    const added = defineJob({ name: 'test.queue-setup.added', payload });
    const ran: number[] = [];
    const queue = await start([changed, added], ran);
    expect(queueWrites.sort()).toEqual([added.name, firstJob.name]);
    expect(await retryLimitOf(firstJob.name)).toBe(5);
    await queue.work();
    await queue.send(added, { n: 3 });
    await eventually(() => ran.length > 0, { what: 'the new queue runs its job' });
    expect(ran).toEqual([3]);
  });

  it('runs no cron until the process works jobs: a web-only process fires no schedule', async () => {
    const nightly = defineJob({ name: 'test.queue-setup.nightly', payload: z.object({}) });
    statements = [];
    const queue = await createJobQueue({
      pool: database.pool,
      embedded: database.kind === 'pglite',
      pollingIntervalSeconds: 0.5,
    });
    queues.push(queue);
    const catchUp = defineJob({ name: 'test.queue-setup.catch-up', payload: z.object({}) });
    let caughtUp = 0;
    await queue.register(
      [nightly.handle(async () => {}), catchUp.handle(async () => void caughtUp++)],
      [
        { job: nightly, cron: '0 3 * * *' },
        { job: catchUp, cron: '0 4 * * *', atStart: true },
      ],
    );
    const cronWork = () =>
      statements.filter((s) => s.includes('__pgboss__send-it') || s.includes('.schedule'));
    expect(cronWork()).toEqual([]);
    expect(caughtUp).toBe(0);

    await queue.work();
    const { rows } = await database.pool.query('select cron from pgboss.schedule where name = $1', [
      nightly.name,
    ]);
    expect(rows).toEqual([{ cron: '0 3 * * *' }]);
    await eventually(() => cronWork().some((s) => s.includes('__pgboss__send-it')), {
      what: "pg-boss's timekeeper polls its queue",
    });
    await eventually(() => caughtUp === 1, { what: 'the catch-up at start ran' });
  });

  it('works jobs without firing a schedule when told cron: false (a test comparing rows before and after)', async () => {
    const hourly = defineJob({ name: 'test.queue-setup.hourly', payload });
    const ran: number[] = [];
    statements = [];
    const queue = await createJobQueue({
      pool: database.pool,
      embedded: database.kind === 'pglite',
      pollingIntervalSeconds: 0.5,
    });
    queues.push(queue);
    await queue.register(
      [hourly.handle(async ({ n }) => void ran.push(n))],
      [{ job: hourly, cron: '0 * * * *', payload: { n: 0 }, atStart: true }],
    );
    await queue.work({ cron: false });
    await queue.send(hourly, { n: 1 });
    await eventually(() => ran.length > 0, { what: 'the sent job runs' });
    expect(ran, 'no catch-up at start either').toEqual([1]);
    expect(statements.filter((s) => s.includes('__pgboss__send-it') || s.includes('.schedule'))).toEqual([]);
  });

  it('works an urgent job before the backlog sent ahead of it, then the backlog in order, each without waiting for a poll', async () => {
    const job = defineJob({ name: 'test.queue-setup.urgent', payload });
    const ran: number[] = [];
    // Polls an hour apart: only the start's fetches, and the workers' own looking again, find work.
    const queue = await createJobQueue({
      pool: database.pool,
      embedded: database.kind === 'pglite',
      pollingIntervalSeconds: 3600,
    });
    queues.push(queue);
    await queue.register([job.handle(async ({ n }) => void ran.push(n))]);
    for (let n = 1; n <= 6; n++) await queue.send(job, { n });
    await queue.send(job, { n: 99 }, { priority: 1 });

    await queue.work();
    await eventually(() => ran.length === 7, { what: 'every job ran' });
    expect(ran[0]).toBe(99);
    expect([...ran].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 99]);
  });

  it('runs a job sent in a transaction as soon as it commits, without waiting for a poll (on PostgreSQL woken by its announcement)', async () => {
    const job = defineJob({ name: 'test.queue-setup.woken', payload });
    const ran: number[] = [];
    // Polls an hour apart: only a wake-up fetches.
    const queue = await createJobQueue({
      pool: database.pool,
      embedded: database.kind === 'pglite',
      pollingIntervalSeconds: 3600,
    });
    queues.push(queue);
    await queue.register([job.handle(async ({ n }) => void ran.push(n))]);
    const fetches = () => statements.filter((s) => s.includes('next AS') && s.includes(job.name)).length;
    await queue.work();
    await eventually(() => fetches() > 0, { what: "the worker's first fetch" });
    statements = [];

    await database.db.transaction().execute(async (tx) => {
      await queue.send(job, { n: 7 }, { transaction: tx });
    });
    await eventually(() => ran.length === 1, { what: 'the job ran without waiting for a poll' });
  });
});
