import { sql } from 'kysely';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { DEAD_LETTER_QUEUE, type JobFailure, type JobQueue } from '../../platform/jobs/index.ts';
import type { Ctx } from '../context/index.ts';
import { type Page, type PageRequest, rowsOf } from '../resources/index.ts';
import type { JobState, JobView } from './jobs.contract.ts';

/** A finished job whose handler recorded that its work failed (`JobOutcome`): shown as failed. */
const RECORDED_FAILURE = sql`j.state = 'completed' and j.output -> 'failed' is not null`;

/**
 * Background jobs of the caller's organization (every job payload carries its `orgId`), newest
 * first. Dead-lettered jobs show under their original name with state `dead`; a finished job whose
 * work failed shows as `failed`, with that failure.
 */
export async function listJobs(
  ctx: Ctx,
  q: { state?: JobState; name?: string } & PageRequest,
): Promise<Page<JobView>> {
  const { limit, offset } = rowsOf(q);
  const stateFilter =
    q.state === 'dead'
      ? sql`j.name = ${DEAD_LETTER_QUEUE}`
      : q.state === 'failed'
        ? sql`(j.state = 'failed' or (${RECORDED_FAILURE})) and j.name <> ${DEAD_LETTER_QUEUE}`
        : q.state === 'completed'
          ? sql`j.state = 'completed' and not (${RECORDED_FAILURE})`
          : q.state
            ? sql`j.state = ${q.state} and j.name <> ${DEAD_LETTER_QUEUE}`
            : sql`true`;
  const nameFilter = q.name ? sql`coalesce(j.source_name, j.name) = ${q.name}` : sql`true`;
  const where = sql`j.data->>'orgId' = ${ctx.orgId} and ${stateFilter} and ${nameFilter}`;
  const rows = await sql<{
    id: string;
    name: string;
    source_name: string | null;
    state: string;
    retry_count: number;
    retry_limit: number;
    output: { message?: string; failed?: JobFailure } | null;
    source_output: { message?: string } | null;
    source_retry_count: number | null;
    data: unknown;
    created_on: Date;
    started_on: Date | null;
    completed_on: Date | null;
    start_after: Date;
  }>`select j.id, j.name, j.source_name, j.state, j.retry_count, j.retry_limit, j.output, j.source_output,
       j.source_retry_count, j.data, j.created_on, j.started_on, j.completed_on, j.start_after
     from pgboss.job j where ${where} order by j.created_on desc limit ${limit} offset ${offset}`.execute(
    ctx.db,
  );
  const total = await sql<{ n: number }>`select count(*)::int as n from pgboss.job j where ${where}`.execute(
    ctx.db,
  );
  return {
    items: rows.rows.map((r) => {
      const dead = r.name === DEAD_LETTER_QUEUE;
      const recorded = r.state === 'completed' ? (r.output?.failed ?? null) : null;
      const error = dead ? r.source_output : r.state === 'completed' ? recorded : r.output;
      const state = (dead ? 'dead' : recorded ? 'failed' : r.state) as JobState;
      return {
        id: r.id,
        name: dead ? (r.source_name ?? r.name) : r.name,
        state,
        // A job stored finished by the process that ran it (`runNow`) was never started by a worker.
        attempts: dead ? (r.source_retry_count ?? 0) + 1 : r.retry_count + (r.started_on || recorded ? 1 : 0),
        retryLimit: r.retry_limit,
        lastError: error?.message ?? null,
        failure: recorded ? { code: recorded.code, details: recorded.details ?? {} } : null,
        retryable: dead || r.state === 'failed',
        payload: r.data,
        createdAt: r.created_on.toISOString(),
        startedAt: r.started_on?.toISOString() ?? null,
        completedAt: r.completed_on?.toISOString() ?? null,
        startAfter: r.start_after.toISOString(),
      };
    }),
    total: total.rows[0]?.n ?? 0,
    page: q.page,
    perPage: q.perPage,
  };
}

/** Retries a failed job, or replays a dead-lettered one, if it belongs to the caller's organization. */
export async function retryJob(ctx: Ctx, jobs: JobQueue, id: string): Promise<void> {
  const row = await sql<{ name: string; state: string; recorded: boolean }>`
    select j.name, j.state, ${RECORDED_FAILURE} as recorded
    from pgboss.job j where j.id = ${id} and j.data->>'orgId' = ${ctx.orgId}`.execute(ctx.db);
  const job = row.rows[0];
  if (!job) throw PlatformErrors.not_found({ id }, { message: 'No such job' });
  if (job.recorded)
    throw PlatformErrors.conflict(
      { state: 'failed' },
      {
        message:
          'This job ran to its end and recorded why its work failed where the work is (the message, the conversation): running it again would change nothing',
      },
    );
  if (job.name !== DEAD_LETTER_QUEUE && job.state !== 'failed') {
    throw PlatformErrors.conflict(
      { state: job.state },
      { message: `Only failed or dead-lettered jobs can be retried (this one is ${job.state})` },
    );
  }
  await jobs.retry(job.name, id);
}
