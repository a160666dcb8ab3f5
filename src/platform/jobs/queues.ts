import type pg from 'pg';
import type { PgBoss } from 'pg-boss';
import { DEAD_LETTER_QUEUE, type JobDefinition } from './job-definition.ts';
import { retryOf } from './job-retries.ts';

/** The queues as a start found them in pg-boss, by name. */
export type StoredQueues = Map<string, Awaited<ReturnType<PgBoss['getQueues']>>[number]>;

/** A job's placeholder id: looking it up puts the queue into pg-boss's queue cache. */
const NO_JOB = '00000000-0000-0000-0000-000000000000';

/**
 * The dead-letter queue every job's failures end in: staff see and replay them there. Created once;
 * finished entries kept 30 days.
 */
export async function ensureDeadLetterQueue(boss: PgBoss, stored: StoredQueues): Promise<void> {
  if (stored.has(DEAD_LETTER_QUEUE)) return;
  await boss.createQueue(DEAD_LETTER_QUEUE, { retentionSeconds: 60 * 60 * 24 * 30 });
  await boss.getJobById(DEAD_LETTER_QUEUE, NO_JOB); // into the queue cache, see ensureQueue()
}

/**
 * A job's queue as its definition says: created, or changed where it differs from what the last start
 * stored (a start with unchanged jobs writes nothing).
 */
export async function ensureQueue(
  boss: PgBoss,
  stored: StoredQueues,
  spec: JobDefinition,
  keepFinishedDays = 7,
): Promise<void> {
  const retry = retryOf(spec);
  const queueOptions = {
    policy: spec.policy ?? 'standard',
    retryLimit: retry.limit,
    retryDelay: retry.delaySeconds,
    retryBackoff: retry.backoff,
    expireInSeconds: spec.expireInSeconds ?? 5 * 60,
    ...(spec.heartbeatSeconds ? { heartbeatSeconds: spec.heartbeatSeconds } : {}),
    deadLetter: DEAD_LETTER_QUEUE,
    // retention of finished jobs: pg-boss's maintenance deletes them this long after they finished
    deleteAfterSeconds: keepFinishedDays * 24 * 60 * 60,
  };
  const existing = stored.get(spec.name);
  if (!existing) await boss.createQueue(spec.name, queueOptions);
  else {
    // A queue's policy is fixed at creation (pg-boss refuses to change it); the rest follows the spec.
    const { policy, ...changeable } = queueOptions;
    if (existing.policy !== policy)
      throw new Error(`job ${spec.name} changed policy ${existing.policy} → ${policy}; use a new job name`);
    const same = Object.entries(changeable).every(
      ([key, value]) => existing[key as keyof typeof existing] === value,
    );
    // Unchanged since the last start: already in pg-boss's queue cache (filled at start).
    if (same) return;
    await boss.updateQueue(spec.name, changeable);
  }
  // pg-boss caches the queue list at start. A queue created later would be looked up on the pool at
  // its first send; inside a transaction on PGlite (one connection) that lookup would wait forever.
  await boss.getJobById(spec.name, NO_JOB);
}

/**
 * Sends a dead-lettered job back to the queue it failed on as a fresh job with full retries.
 * Send first, then delete: a crash in between leaves a duplicate, which handlers tolerate.
 */
export async function redriveOne(boss: PgBoss, pool: pg.Pool, id: string): Promise<void> {
  const { rows } = await pool.query<{ source_name: string | null; data: object }>(
    'select source_name, data from pgboss.job where name = $1 and id = $2',
    [DEAD_LETTER_QUEUE, id],
  );
  const row = rows[0];
  if (!row?.source_name) throw new Error(`no dead-lettered job ${id}`);
  await boss.send(row.source_name, row.data);
  await boss.deleteJob(DEAD_LETTER_QUEUE, id);
}
