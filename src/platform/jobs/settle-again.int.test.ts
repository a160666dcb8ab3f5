import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventually } from '../../../test/support/eventually.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import type { Database } from '../db/index.ts';
import { createJobQueue, defineJob, type JobQueue } from './index.ts';

/**
 * A job whose handler finished while no database server took writes (the primary lost, its standby
 * not yet promoted): pg-boss could neither complete nor fail it, and its row stayed `active` until its
 * expiry. Here the pool answers as a server that went away (57P01, what PostgreSQL says to the
 * sessions of a primary being shut down) from the moment the handler runs until pg-boss has reported
 * the failed settling; the job is completed soon after, not at its five-minute expiry.
 */
const EXPIRES_IN_SECONDS = 300;
const job = defineJob({
  name: 'test.settle-again',
  payload: z.object({ n: z.number().int() }),
  expireInSeconds: EXPIRES_IN_SECONDS,
});

let database: Database;
let queue: JobQueue;
let down = false;
const reported: Error[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const query = database.pool.query.bind(database.pool) as (...args: unknown[]) => Promise<unknown>;
  (database.pool as { query: (...args: unknown[]) => unknown }).query = (...args) =>
    down
      ? Promise.reject(
          Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
        )
      : query(...args);
  queue = await createJobQueue({
    pool: database.pool,
    embedded: database.kind === 'pglite',
    pollingIntervalSeconds: 0.5,
    onError: (err) => reported.push(err),
  });
  await queue.register([
    job.handle(async () => {
      down = true; // the primary is lost while the job runs: its completion cannot land
    }),
  ]);
  await queue.work({ cron: false });
});

afterAll(async () => {
  down = false;
  await queue.stop({ graceful: false, timeoutMs: 1000 });
  await database.close();
});

const stateOf = async (id: string) =>
  (await database.pool.query<{ state: string }>('select state from pgboss.job where id = $1', [id])).rows[0];

describe('a job that finished during a database outage', () => {
  it('is completed once the database is back, long before its expiry', async () => {
    const id = (await queue.send(job, { n: 1 }))!;
    await eventually(() => down && reported.length > 0, {
      what: 'the failed settling reported',
      timeoutMs: 20_000,
    });
    expect(await stateOf(id).catch(() => undefined)).toBeUndefined(); // nothing reaches the database now
    down = false;
    const back = performance.now();
    await eventually(async () => (await stateOf(id))?.state === 'completed', {
      what: 'the job completed',
      timeoutMs: 20_000,
    });
    expect((performance.now() - back) / 1000).toBeLessThan(EXPIRES_IN_SECONDS / 10);
  });
});
