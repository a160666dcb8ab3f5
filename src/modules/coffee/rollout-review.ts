import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { lockRowById, sql } from '../../platform/db/index.ts';
import { commandOutcomes, getBatch, runAgain, settleBatch } from './batches.ts';
import { CoffeeErrors } from './coffee.errors.ts';
import { rolloutReach } from './coffee.rules.ts';
import { COFFEE_TOPICS, type CoffeeRuntime } from './coffee.runtime.ts';
import type { CoffeeTables } from './coffee.tables.ts';
import { advanceRollout } from './rollouts.ts';

const coffee = (ctx: Ctx) => ctx.db.withTables<CoffeeTables>();

/** What a resume sends again (an unsupported command would fail again). */
const RESENT = ['failed', 'timed_out', 'expired', 'cancelled'] as const;

/**
 * A rollout as staff review it, moved on first (see `advanceRollout`): its stages' progress, the
 * machines that failed with what each answered, and what a resume or a rollback would touch.
 */
export async function reviewRollout(ctx: Ctx, rt: CoffeeRuntime, rolloutId: string) {
  await advanceRollout(ctx, rt, rolloutId);
  const r = await coffee(ctx)
    .selectFrom('coffee_rollout')
    .innerJoin('coffee_recipe_package as p', 'p.id', 'coffee_rollout.package_id')
    .leftJoin('coffee_recipe_package as prev', 'prev.id', 'coffee_rollout.previous_package_id')
    .selectAll('coffee_rollout')
    .select(['p.version as version', 'prev.version as previous_version'])
    .where('coffee_rollout.id', '=', rolloutId)
    .executeTakeFirst();
  if (!r) throw CoffeeErrors.rollout_not_found({ id: rolloutId });
  const canary = await getBatch(ctx, r.canary_batch_id);
  const rest = r.rest_batch_id ? await getBatch(ctx, r.rest_batch_id) : undefined;
  const batchIds = [r.canary_batch_id, ...(r.rest_batch_id ? [r.rest_batch_id] : [])];
  const failures = await commandOutcomes(ctx, { batchIds, limit: 200, failedOnly: true });
  const tagged = await sql<{ n: string }>`
    select count(*) as n from coffee_device
    where org_id = ${ctx.orgId} and retired_at is null and tags @> array[${r.tag}]::text[]`.execute(ctx.db);
  const abortedBatch =
    r.status === 'aborted'
      ? (r.rest_batch_id ?? r.canary_batch_id)
      : r.status === 'held'
        ? r.canary_batch_id
        : null;
  const resendable = abortedBatch
    ? await coffee(ctx)
        .selectFrom('coffee_command')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('batch_id', '=', abortedBatch)
        .where('status', 'in', [...RESENT])
        .executeTakeFirstOrThrow()
    : { n: '0' };
  const stage = (b: Awaited<ReturnType<typeof getBatch>>) => ({
    batchId: b.batch.id,
    status: b.batch.status,
    total: b.counts.total,
    succeeded: b.counts.succeeded,
    failed: b.counts.failed,
    pending: b.counts.pending,
    cancelled: b.counts.cancelled,
  });
  return {
    id: r.id,
    status: r.status,
    tag: r.tag,
    version: r.version,
    previousVersion: r.previous_version,
    abortAtFailurePercent: r.abort_at_failure_percent,
    abortedStage: r.status === 'aborted' ? (r.rest_batch_id ? ('rest' as const) : ('canary' as const)) : null,
    canary: stage(canary),
    rest: rest ? stage(rest) : null,
    /** On how many of its machines the version runs, and how many failed: "everywhere" only when none did. */
    reach: rolloutReach([canary.counts, ...(rest ? [rest.counts] : [])]),
    failures,
    /** Commands of the aborted (or held) stage a resume sends again. */
    resendable: Number(resendable.n),
    /** Machines tagged now: a rollback sends the earlier version to all of them at once. */
    taggedMachines: Number(tagged.rows[0]?.n ?? 0),
  };
}

/**
 * Resumes an aborted rollout at the stage that aborted (or a held one at its canary): that stage's failed, timed-out, expired and
 * cancelled commands go back to the queue with fresh attempts (a model that cannot run the package
 * stays `unsupported`), the stage runs again under the same abort threshold, and the rollout
 * carries on from it. Under the rollout's row lock, so two clicks resume once.
 */
export async function resumeRollout(ctx: Ctx, rt: CoffeeRuntime, rolloutId: string) {
  return inTransaction(ctx, async (tx) => {
    const r = await lockRowById(coffee(tx), 'coffee_rollout', rolloutId);
    if (!r) throw CoffeeErrors.rollout_not_found({ id: rolloutId });
    if (r.status !== 'aborted' && r.status !== 'held')
      throw CoffeeErrors.rollout_not_aborted({ id: rolloutId, status: r.status });
    const batchId = r.rest_batch_id ?? r.canary_batch_id;
    const resent = await runAgain(tx, batchId, RESENT);
    await coffee(tx)
      .updateTable('coffee_rollout')
      .set({ status: r.rest_batch_id ? 'rolling' : 'canary', finished_at: null })
      .where('id', '=', rolloutId)
      .execute();
    await recordAudit(tx, {
      action: 'coffee.rollout.resumed',
      subject: { type: 'coffee_rollout', id: rolloutId },
      before: { status: r.status },
      after: { status: r.rest_batch_id ? 'rolling' : 'canary' },
      meta: { resent },
    });
    await settleBatch(tx, rt, batchId);
    await rt.publish(tx, COFFEE_TOPICS.batches, rolloutId);
    return { resent };
  });
}
