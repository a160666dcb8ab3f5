import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventually } from '../../../test/support/eventually.ts';
import { createTestDatabase } from '../../../test/support/test-database.ts';
import { systemClock } from '../../platform/clock/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { defineErrors, PlatformErrors } from '../../platform/errors/index.ts';
import { createJobQueue, defineJob, type JobQueue, workFailed } from '../../platform/jobs/index.ts';
import { type Ctx, systemCtx } from '../context/index.ts';
import { listJobs, retryJob } from './job-list.ts';

/*
 * A job whose work failed is never listed as completed (the Telegram bot that failed every reply
 * while its jobs read "Completed 5/5"): whether a worker ran it or the process that received the
 * message did (`runNow`), the jobs screen lists it as failed with its error in words, and the next
 * job of its key still runs.
 */
const Refusals = defineErrors('jobtest', { refused: { status: 502, title: 'The channel refused it' } });
const payload = z.object({ orgId: z.string().uuid(), n: z.number().int(), fail: z.boolean() });
const chatJob = defineJob({ name: 'test.job-list.chat', payload, policy: 'key_strict_fifo' });

let database: Database;
let jobs: JobQueue;
let ctx: Ctx;
const ran: number[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  jobs = await createJobQueue({
    pool: database.pool,
    embedded: database.kind === 'pglite',
    pollingIntervalSeconds: 0.5,
  });
  await jobs.register([
    chatJob.handle(async ({ n, fail }) => {
      ran.push(n);
      if (fail) return workFailed(Refusals.refused({ n }, { message: `Reply ${n} was refused: blocked` }));
    }),
  ]);
  const orgId = randomUUID();
  ctx = systemCtx({
    orgId,
    db: database.forOrg(orgId),
    clock: systemClock,
    events: { emit: async () => {} },
    job: 'test',
  });
});
afterAll(async () => {
  await jobs.stop({ graceful: false, timeoutMs: 1000 });
  await database.close();
});

const failedJobs = async () => (await listJobs(ctx, { state: 'failed', page: 1, perPage: 50 })).items;

describe('a job whose work failed', () => {
  it('run by a worker, is listed as failed with its error, and the next job of its key still runs', async () => {
    await jobs.work();
    await jobs.send(chatJob, { orgId: ctx.orgId, n: 1, fail: true }, { key: 'chat-a' });
    await jobs.send(chatJob, { orgId: ctx.orgId, n: 2, fail: false }, { key: 'chat-a' });
    await eventually(() => ran.includes(2), { what: 'the second job of the key to run' });

    const [failed] = await eventually(async () => {
      const items = await failedJobs();
      return items.length > 0 && items;
    });
    expect(failed).toMatchObject({
      name: 'test.job-list.chat',
      state: 'failed',
      attempts: 1,
      lastError: 'Reply 1 was refused: blocked',
      failure: { code: 'jobtest.refused', details: { n: 1 } },
      retryable: false,
      payload: { n: 1 },
    });
    const completed = await listJobs(ctx, { state: 'completed', page: 1, perPage: 50 });
    expect(completed.items.map((j) => j.payload)).toEqual([{ orgId: ctx.orgId, n: 2, fail: false }]);
  });

  it('run in the process that received its message, is stored finished and listed as failed', async () => {
    jobs.runNow(chatJob, { orgId: ctx.orgId, n: 3, fail: true }, { key: 'chat-b' });
    await jobs.settled();
    const stored = (await failedJobs()).find((j) => (j.payload as { n: number }).n === 3);
    expect(stored).toMatchObject({ state: 'failed', attempts: 1, lastError: 'Reply 3 was refused: blocked' });
    expect(ran.filter((n) => n === 3)).toHaveLength(1);
  });

  it('is not run again from the jobs screen: its failure is recorded where the work is', async () => {
    const [failed] = await failedJobs();
    const refusal = await retryJob(ctx, jobs, failed!.id).catch((err: unknown) => err);
    expect(PlatformErrors.conflict.is(refusal)).toBe(true);
  });
});
