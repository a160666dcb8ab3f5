import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventually } from '../../../test/support/eventually.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { Database } from '../db/index.ts';
import { createJobQueue, defineJob, type JobQueue } from './index.ts';

/** One contact's messages: `key_strict_fifo`, as the conversation job. */
const stepJob = defineJob({
  name: 'test.run-here.step',
  payload: z.object({ key: z.string(), n: z.number().int() }),
  policy: 'key_strict_fifo',
  retry: { limit: 2, delaySeconds: 1, backoff: false },
  concurrency: 4,
});

/** The same, with a heartbeat: a claim left by a process that died goes stale in 10 s, not 5 minutes. */
const beatingJob = defineJob({
  name: 'test.run-here.beating',
  payload: z.object({ key: z.string(), n: z.number().int() }),
  policy: 'key_strict_fifo',
  retry: { limit: 2, delaySeconds: 1, backoff: false },
  expireInSeconds: 300,
  heartbeatSeconds: 10,
});

let database: Database;
const queues: JobQueue[] = [];
/** Every run of the handler, in the order they started: `<key>:<n>@<queue>`. */
let runs: string[] = [];
/** Runs of these `n` wait until released. */
const gates = new Map<number, { release: () => void; promise: Promise<void> }>();

const gate = (n: number) => {
  let release: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    release = r;
  });
  gates.set(n, { release, promise });
  return release;
};

async function startQueue(name: string, options: { runHere?: boolean; work?: boolean } = {}) {
  const queue = await createJobQueue({
    pool: database.pool,
    embedded: database.kind === 'pglite',
    pollingIntervalSeconds: 0.5,
    superviseIntervalSeconds: 1,
    heartbeatRefreshSeconds: 0.1,
    runHere: options.runHere ?? true,
  });
  const run =
    (tag: string) =>
    async ({ key, n }: { key: string; n: number }) => {
      runs.push(`${key}:${n}@${tag}`);
      await gates.get(n)?.promise;
    };
  await queue.register([stepJob.handle(run(name)), beatingJob.handle(run(name))]);
  if (options.work) await queue.work();
  queues.push(queue);
  return queue;
}

const stateOf = async (id: string) =>
  (await database.pool.query<{ state: string }>('select state from pgboss.job where id = $1', [id])).rows[0]
    ?.state;

/**
 * Claims tried in this process, by job id, counted once answered. `send(…, { runHere })` returns
 * before its claim is tried: a test that changes what the claim would find waits for it first.
 */
const claimsTried = new Map<string, number>();

beforeAll(async () => {
  database = await createTestDatabase();
  const query = database.pool.query.bind(database.pool) as (...args: unknown[]) => unknown;
  (database.pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args) => {
    const answer = query(...args);
    const [text, values] = args;
    if (typeof text === 'string' && text.includes("state = 'active'") && Array.isArray(values)) {
      const count = () =>
        void claimsTried.set(String(values[1]), (claimsTried.get(String(values[1])) ?? 0) + 1);
      (answer as Promise<unknown>).then(count, count);
    }
    return answer;
  };
});
// Each test starts its own queues: one left working would answer the next test's wake-ups (PostgreSQL).
afterEach(async () => {
  for (const q of queues.splice(0)) await q.stop({ graceful: false, timeoutMs: 1000 });
});
afterAll(async () => {
  await database.close();
});

describe('send(…, { runHere: true }): a job run in the sending process, the stored job as fallback', () => {
  it('runs the job here with no worker at all, and settles the stored job as a worker would', async () => {
    runs = [];
    const queue = await startQueue('web');
    const ids = [];
    for (let n = 0; n < 5; n++)
      ids.push(await queue.send(stepJob, { key: `a${n}`, n }, { key: `a${n}`, runHere: true }));
    await queue.settled();
    expect(runs.sort()).toEqual(['a0:0@web', 'a1:1@web', 'a2:2@web', 'a3:3@web', 'a4:4@web']);
    for (const id of ids) expect(await stateOf(id!)).toBe('completed');
  });

  it('runs each job exactly once and one key in order while workers race for the same jobs', async () => {
    runs = [];
    const web = await startQueue('web');
    await startQueue('worker', { work: true, runHere: false });
    const ids: string[] = [];
    for (let n = 0; n < 40; n++) {
      const key = `k${n % 4}`;
      ids.push((await web.send(stepJob, { key, n }, { key, runHere: true }))!);
    }
    await eventually(
      async () => {
        const { rows } = await database.pool.query<{ n: number }>(
          "select count(*)::int as n from pgboss.job where id = any($1) and state = 'completed'",
          [ids],
        );
        return rows[0]!.n === ids.length;
      },
      { what: 'all 40 jobs completed' },
    );
    const handled = runs.map((r) => r.split('@')[0]!);
    // Once each, whoever claimed it …
    expect(new Set(handled).size).toBe(40);
    expect(handled).toHaveLength(40);
    // … and within a key in the order sent.
    for (let k = 0; k < 4; k++) {
      const ns = handled.filter((h) => h.startsWith(`k${k}:`)).map((h) => Number(h.split(':')[1]));
      expect(ns).toEqual([...ns].sort((x, y) => x - y));
    }
    // Most ran where they were sent (the point); the rest were the worker's.
    expect(runs.some((r) => r.endsWith('@web'))).toBe(true);
  });

  it('leaves a job whose key is busy to the workers, after the running one', async () => {
    runs = [];
    const web = await startQueue('web');
    const release = gate(100);
    const first = (await web.send(stepJob, { key: 'busy', n: 100 }, { key: 'busy', runHere: true }))!;
    await eventually(() => runs.includes('busy:100@web'), { what: 'the first job running here' });
    const second = (await web.send(stepJob, { key: 'busy', n: 101 }, { key: 'busy', runHere: true }))!;
    await eventually(() => claimsTried.get(second) === 1, { what: 'the claim tried here' });
    // Not claimed here while its key's first job runs: it stays stored, for a worker.
    expect(await stateOf(second)).toBe('created');
    expect(runs.filter((r) => r.startsWith('busy:101'))).toEqual([]);
    release();
    await eventually(async () => (await stateOf(first)) === 'completed', { what: 'the first job completed' });
    await startQueue('worker', { work: true, runHere: false });
    await eventually(async () => (await stateOf(second)) === 'completed', {
      what: 'the second job by a worker',
    });
    expect(runs.filter((r) => r.startsWith('busy:'))).toEqual(['busy:100@web', 'busy:101@worker']);
  });

  it('keeps the job stored for the workers when this process does not run jobs here', async () => {
    runs = [];
    const web = await startQueue('web', { runHere: false });
    const id = (await web.send(stepJob, { key: 'off', n: 200 }, { key: 'off', runHere: true }))!;
    expect(await stateOf(id)).toBe('created');
    await startQueue('worker', { work: true, runHere: false });
    await eventually(async () => (await stateOf(id)) === 'completed', { what: 'the job by a worker' });
    expect(runs).toEqual(['off:200@worker']);
  });

  it('refreshes the claim of a job running here, and a worker retries it soon after this process dies', async () => {
    runs = [];
    const web = await startQueue('web');
    gate(300); // never released: the process "dies" holding it
    const id = (await web.send(beatingJob, { key: 'beat', n: 300 }, { key: 'beat', runHere: true }))!;
    await eventually(() => runs.includes('beat:300@web'), { what: 'the job running here' });
    const heartbeatOn = async () =>
      (
        await database.pool.query<{ at: Date }>('select heartbeat_on as at from pgboss.job where id = $1', [
          id,
        ])
      ).rows[0]!.at.getTime();

    // Alive: a claim set a minute back (as if 60 s had passed) is refreshed by this process.
    await database.pool.query(
      "update pgboss.job set heartbeat_on = heartbeat_on - interval '1 minute' where id = $1",
      [id],
    );
    const stale = await heartbeatOn();
    await eventually(async () => (await heartbeatOn()) > stale + 30_000, { what: 'the heartbeat refreshed' });
    expect(await stateOf(id)).toBe('active');

    // Dead: nothing refreshes it any more. Its claim a minute stale, a worker's monitor fails it and
    // the retry runs on the worker — while its 300 s expiry is far away.
    await web.stop({ graceful: false, timeoutMs: 100 });
    await database.pool.query(
      "update pgboss.job set heartbeat_on = heartbeat_on - interval '1 minute' where id = $1",
      [id],
    );
    gates.delete(300);
    await startQueue('worker', { work: true, runHere: false });
    await eventually(async () => (await stateOf(id)) === 'completed', {
      what: 'the job retried by a worker',
      timeoutMs: 20_000,
    });
    expect(runs).toEqual(['beat:300@web', 'beat:300@worker']);
  });
});
