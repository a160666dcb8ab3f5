import { type RawBuilder, sql } from 'kysely';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { channelFailingJob } from './channel-health.queue.ts';
import { FAILURES_BEFORE_ALERT, type SendFailure } from './channel-health.rules.ts';

// Raw SQL: each statement names its rows' `org_id` itself (the success stamp spans organizations).

/**
 * Records a failed send on the caller's organization's account of `channel`, in the caller's
 * transaction when it has one. The failure that makes FAILURES_BEFORE_ALERT in a row raises the
 * alert: the check and the write are one statement, so with any number of processes exactly one
 * raises it, and it queues the e-mail to the owner and admins in the same transaction.
 */
export async function recordSendFailure(
  ctx: Ctx,
  jobs: JobQueue,
  channel: string,
  failure: SendFailure,
): Promise<void> {
  const at = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    const { rows } = await sql<{ raised: boolean }>`
      insert into channel_health as h
        (org_id, channel, last_failure_at, last_failure, failures_in_row, failing_since)
      values (${tx.orgId}, ${channel}, ${at}, ${JSON.stringify(failure)}::jsonb, 1, ${at})
      on conflict (org_id, channel) do update set
        last_failure_at = excluded.last_failure_at,
        last_failure = excluded.last_failure,
        failures_in_row = h.failures_in_row + 1,
        failing_since = coalesce(h.failing_since, excluded.failing_since),
        alerted_at = case when h.alerted_at is null and h.failures_in_row + 1 >= ${FAILURES_BEFORE_ALERT}
          then excluded.last_failure_at else h.alerted_at end
      -- alerted_at is set exactly when the run reaches the threshold, and cleared only with it
      returning failures_in_row = ${FAILURES_BEFORE_ALERT} as raised`.execute(tx.db);
    if (!rows[0]?.raised) return;
    await jobs.send(
      channelFailingJob,
      { orgId: tx.orgId, channel, alertedAt: at.toISOString() },
      { transaction: tx.db },
    );
  });
}

/**
 * The statement, for a caller's `with` query, that records sends that went out, from the rows
 * (`org_id`, `channel`, `at`) of its query named `sent`: the run of failures ends and any alert
 * clears. While nothing fails, an account's row is written at most once a minute (its
 * `last_success_at` is that precise), so the replies of a busy bot, which record themselves in
 * batches this way, neither write nor wait on it otherwise.
 */
export function stampSuccesses(sent: string): RawBuilder<unknown> {
  return sql`
    insert into channel_health as h (org_id, channel, last_success_at)
    select s.org_id, s.channel, max(s.at) from ${sql.table(sent)} s group by s.org_id, s.channel
    on conflict (org_id, channel) do update set
      last_success_at = excluded.last_success_at, failures_in_row = 0, failing_since = null, alerted_at = null
    where h.failures_in_row > 0 or h.last_success_at is null
      or h.last_success_at < excluded.last_success_at - interval '1 minute'`;
}
