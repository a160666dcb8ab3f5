import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { lockRowById, sql } from '../../platform/db/index.ts';
import { CoffeeErrors } from './coffee.errors.ts';
import {
  type BatchCounts,
  batchBucket,
  DEFAULT_TTL_SECONDS,
  shouldAbortBatch,
  supportsCommand,
} from './coffee.rules.ts';
import { COFFEE_TOPICS, type CoffeeRuntime } from './coffee.runtime.ts';
import type { CoffeeTables, CommandStatus } from './coffee.tables.ts';
import { finishedBecause } from './command-reasons.ts';

const coffee = (ctx: Ctx) => ctx.db.withTables<CoffeeTables>();

export interface NewBatch {
  deviceIds?: string[];
  tag?: string;
  command: { type: string; params?: Record<string, unknown> };
  abortAtFailurePercent: number;
  /** How many commands must have finished before the failure rate can abort the batch. */
  minFinished?: number;
  /** At most this many devices are offered the command per minute (staggered). */
  ratePerMinute?: number;
  ttlSeconds?: number;
  timeoutSeconds?: number;
  maxAttempts?: number;
}

/**
 * One command to many devices (a list or a tag): one command row per device, queued behind each
 * device's own commands; with a rate, the n-th device is offered it only after n / rate minutes.
 * Devices whose model cannot run it count as failed at once (`unsupported`).
 */
export async function createBatch(ctx: Ctx, rt: CoffeeRuntime, input: NewBatch) {
  return inTransaction(ctx, async (tx) => {
    let devices = coffee(tx)
      .selectFrom('coffee_device')
      .select(['id', 'model'])
      .where('retired_at', 'is', null)
      .orderBy('serial');
    if (input.deviceIds) devices = devices.where('id', 'in', input.deviceIds.length ? input.deviceIds : ['']);
    else devices = devices.where(sql<boolean>`tags @> array[${input.tag ?? ''}]::text[]`);
    const targets = await devices.execute();
    if (targets.length === 0 || (input.deviceIds && targets.length !== new Set(input.deviceIds).size))
      throw CoffeeErrors.batch_empty({ deviceIds: input.deviceIds, tag: input.tag });
    const now = tx.clock.now();
    const batch = await coffee(tx)
      .insertInto('coffee_batch')
      .values({
        type: input.command.type,
        params: JSON.stringify(input.command.params ?? {}),
        selector: JSON.stringify(input.deviceIds ? { deviceIds: input.deviceIds } : { tag: input.tag }),
        total: targets.length,
        abort_at_failure_percent: input.abortAtFailurePercent,
        min_finished: input.minFinished ?? Math.min(10, targets.length),
        rate_per_minute: input.ratePerMinute ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const ttl = (input.ttlSeconds ?? DEFAULT_TTL_SECONDS) * 1000;
    const rows = targets.map((d, i) => {
      const supported = supportsCommand(d.model, input.command.type);
      const offset = input.ratePerMinute ? Math.floor(i / input.ratePerMinute) * 60_000 : 0;
      return {
        device_id: d.id,
        batch_id: batch.id,
        type: input.command.type,
        params: JSON.stringify(input.command.params ?? {}),
        status: supported ? ('queued' as const) : ('unsupported' as const),
        finished_at: supported ? null : now,
        ...(supported ? {} : finishedBecause({ code: 'unsupported', model: d.model }, input.command.type)),
        max_attempts: input.maxAttempts ?? 3,
        timeout_seconds: input.timeoutSeconds ?? 60,
        available_at: new Date(now.getTime() + offset),
        expires_at: new Date(now.getTime() + offset + ttl),
      };
    });
    for (let i = 0; i < rows.length; i += 500)
      await coffee(tx)
        .insertInto('coffee_command')
        .values(rows.slice(i, i + 500))
        .execute();
    await recordAudit(tx, {
      action: 'coffee.batch.created',
      subject: { type: 'coffee_batch', id: batch.id },
      after: { type: batch.type, total: batch.total, abortAtFailurePercent: batch.abort_at_failure_percent },
    });
    await settleBatch(tx, rt, batch.id);
    return batch;
  });
}

/** The batch's counts, each command in exactly one bucket: they add up to its total. */
async function countBatch(
  tx: Ctx,
  batchId: string,
): Promise<BatchCounts & { byStatus: Record<string, number> }> {
  const rows = await coffee(tx)
    .selectFrom('coffee_command')
    .select(['status', (eb) => eb.fn.countAll<string>().as('n')])
    .where('batch_id', '=', batchId)
    .groupBy('status')
    .execute();
  const c = {
    total: 0,
    succeeded: 0,
    failed: 0,
    pending: 0,
    cancelled: 0,
    byStatus: {} as Record<string, number>,
  };
  for (const r of rows) {
    const n = Number(r.n);
    c.total += n;
    c[batchBucket(r.status)] += n;
    c.byStatus[r.status] = n;
  }
  return c;
}

/**
 * The counts a batch's history shows: its buckets, in words the console has in every language; the
 * per-status breakdown stays in the API (a history entry read "By status › Succeeded" in French).
 */
function bucketsOf({ byStatus: _, ...buckets }: Awaited<ReturnType<typeof countBatch>>): BatchCounts {
  return buckets;
}

/**
 * After a command of the batch finished, under the batch's row lock: past the abort threshold the
 * batch stops and every command no device has fetched yet is cancelled (rows a device is taking
 * right now are skipped: it got them); with nothing pending it is complete.
 */
export async function settleBatch(tx: Ctx, rt: CoffeeRuntime, batchId: string) {
  // Without a lock first: most results change nothing, and a thousand devices reporting at once
  // must not queue on one batch row. A decision is re-checked under the lock. Two last results
  // committing together may each see the other pending: the fleet watch settles such batches.
  const before = await coffee(tx)
    .selectFrom('coffee_batch')
    .select(['status', 'abort_at_failure_percent', 'min_finished'])
    .where('id', '=', batchId)
    .executeTakeFirst();
  if (before?.status !== 'running') return;
  const seen = await countBatch(tx, batchId);
  if (seen.pending > 0 && !shouldAbortBatch(seen, before.abort_at_failure_percent, before.min_finished)) {
    await rt.publish(tx, COFFEE_TOPICS.batches, batchId);
    return;
  }
  const batch = await coffee(tx)
    .selectFrom('coffee_batch')
    .selectAll()
    .where('id', '=', batchId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  if (batch.status !== 'running') return;
  const counts = await countBatch(tx, batchId);
  if (shouldAbortBatch(counts, batch.abort_at_failure_percent, batch.min_finished)) {
    const aborted = finishedBecause({ code: 'batch_aborted' });
    const cancelled = await sql<{ id: string }>`
      update coffee_command set status = 'cancelled', finished_at = ${tx.clock.now()},
        detail = ${aborted.detail}, reason = ${aborted.reason}::jsonb
      where id in (select id from coffee_command where batch_id = ${batchId} and org_id = ${tx.orgId}
                   and status = 'queued' for update skip locked)
      returning id`.execute(tx.db);
    await coffee(tx)
      .updateTable('coffee_batch')
      .set({ status: 'aborted', finished_at: tx.clock.now() })
      .where('id', '=', batchId)
      .execute();
    await recordAudit(tx, {
      action: 'coffee.batch.aborted',
      subject: { type: 'coffee_batch', id: batchId },
      before: bucketsOf(counts),
      meta: { cancelled: cancelled.rows.length, abortAtFailurePercent: batch.abort_at_failure_percent },
    });
  } else if (counts.pending === 0) {
    await coffee(tx)
      .updateTable('coffee_batch')
      .set({ status: 'completed', finished_at: tx.clock.now() })
      .where('id', '=', batchId)
      .execute();
    await recordAudit(tx, {
      action: 'coffee.batch.completed',
      subject: { type: 'coffee_batch', id: batchId },
      after: bucketsOf(counts),
    });
  }
  await rt.publish(tx, COFFEE_TOPICS.batches, batchId);
}

/** A batch with its progress. */
export async function getBatch(ctx: Ctx, batchId: string) {
  const batch = await coffee(ctx)
    .selectFrom('coffee_batch')
    .selectAll()
    .where('id', '=', batchId)
    .executeTakeFirst();
  if (!batch) throw CoffeeErrors.batch_not_found({ id: batchId });
  const counts = await countBatch(ctx, batchId);
  return { batch, counts };
}

/**
 * A batch's machines with their command's outcome, for its page (issue 41, item 17): those that
 * failed first, then those waiting, then the rest, each by serial.
 */
export async function batchMachines(ctx: Ctx, batchId: string) {
  await getBatch(ctx, batchId);
  return commandOutcomes(ctx, { batchIds: [batchId], limit: 1000 });
}

/** What counts as a machine's failure to apply a command (a cancelled command never reached one). */
const FAILED = ['failed', 'timed_out', 'expired', 'unsupported'] as const;

/**
 * The machines of some batches with their command's outcome, by serial: a batch's page lists them
 * all (failed first, then waiting), a rollout's review only the failed (`failedOnly`).
 */
export async function commandOutcomes(
  ctx: Ctx,
  options: { batchIds: string[]; limit: number; failedOnly?: boolean },
) {
  let query = coffee(ctx)
    .selectFrom('coffee_command as c')
    .innerJoin('coffee_device as d', 'd.id', 'c.device_id')
    .select([
      'd.id as device_id',
      'd.serial',
      'd.name',
      'c.status',
      'c.detail',
      'c.reason',
      'c.attempts',
      'c.finished_at',
    ])
    .where('c.batch_id', 'in', options.batchIds);
  query = options.failedOnly
    ? query.where('c.status', 'in', [...FAILED])
    : query.orderBy(
        sql`case when c.status in (${sql.join([...FAILED])}) then 0 when c.status in ('queued', 'sent') then 1 else 2 end`,
      );
  const rows = await query.orderBy('d.serial').limit(options.limit).execute();
  return rows.map((r) => ({
    deviceId: r.device_id,
    serial: r.serial,
    name: r.name,
    status: r.status,
    detail: r.detail,
    reason: r.reason,
    attempts: r.attempts,
    finishedAt: r.finished_at?.toISOString() ?? null,
  }));
}

/**
 * Sends the batch's failed commands again (failed, timed out, expired; not unsupported): the same
 * rows go back to the queue with fresh attempts, so each device still counts once.
 */
export async function retryFailed(ctx: Ctx, rt: CoffeeRuntime, batchId: string) {
  return inTransaction(ctx, async (tx) => {
    const batch = await lockRowById(coffee(tx), 'coffee_batch', batchId);
    if (!batch) throw CoffeeErrors.batch_not_found({ id: batchId });
    if (batch.status === 'running') throw CoffeeErrors.batch_not_finished({ id: batchId });
    const retried = await runAgain(tx, batchId, ['failed', 'timed_out', 'expired']);
    await recordAudit(tx, {
      action: 'coffee.batch.retried',
      subject: { type: 'coffee_batch', id: batchId },
      meta: { retried },
    });
    await settleBatch(tx, rt, batchId);
    return { retried };
  });
}

/** Settles running batches that have nothing pending (the fleet watch; see `settleBatch`). */
export async function settleIdleBatches(ctx: Ctx, rt: CoffeeRuntime): Promise<void> {
  const idle = await sql<{ id: string }>`
    select b.id from coffee_batch b
    where b.org_id = ${ctx.orgId} and b.status = 'running'
      and not exists (select 1 from coffee_command c where c.batch_id = b.id and c.status in ('queued', 'sent'))`.execute(
    ctx.db,
  );
  for (const { id } of idle.rows) await inTransaction(ctx, (tx) => settleBatch(tx, rt, id));
}

/**
 * Queues a batch's commands in `statuses` again as new (retry of a batch, resume of a rollout): the
 * same rows with a fresh TTL and no result, so each device still counts once; the batch runs again.
 * Returns how many commands went back to the queue.
 */
export async function runAgain(
  tx: Ctx,
  batchId: string,
  statuses: readonly CommandStatus[],
): Promise<number> {
  const now = tx.clock.now();
  const queued = await coffee(tx)
    .updateTable('coffee_command')
    .set({
      status: 'queued',
      attempts: 0,
      available_at: now,
      expires_at: new Date(now.getTime() + DEFAULT_TTL_SECONDS * 1000),
      finished_at: null,
      sent_at: null,
      detail: null,
      reason: null,
    })
    .where('batch_id', '=', batchId)
    .where('status', 'in', [...statuses])
    .returning('id')
    .execute();
  await coffee(tx)
    .updateTable('coffee_batch')
    .set({ status: 'running', finished_at: null })
    .where('id', '=', batchId)
    .execute();
  return queued.length;
}
