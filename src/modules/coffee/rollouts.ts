import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { lockRowById, type Selectable, sql } from '../../platform/db/index.ts';
import { isUniqueViolation } from '../../platform/errors/index.ts';
import { sha256Hex } from '../../platform/ids/index.ts';
import { createBatch, getBatch } from './batches.ts';
import { CoffeeErrors } from './coffee.errors.ts';
import { judgeCanary } from './coffee.rules.ts';
import { COFFEE_TOPICS, type CoffeeRuntime } from './coffee.runtime.ts';
import type { CoffeeTables } from './coffee.tables.ts';
import { canonicalJson, type Recipe } from './recipe.schema.ts';
import { textStoppedRollout } from './rollout-sms.ts';

const coffee = (ctx: Ctx) => ctx.db.withTables<CoffeeTables>();

/** How a rollout ends, as its audit code (spelled out: the history's title test reads them). */
const FINISHED_AUDIT = { completed: 'coffee.rollout.completed', aborted: 'coffee.rollout.aborted' } as const;

/** Stores the recipes as the next package version, with the sha256 of their canonical JSON. */
export async function createRecipePackage(ctx: Ctx, recipes: Recipe[]) {
  return inTransaction(ctx, async (tx) => {
    const body = canonicalJson(recipes);
    const latest = await coffee(tx)
      .selectFrom('coffee_recipe_package')
      .select((eb) => eb.fn.max('version').as('v'))
      .executeTakeFirst();
    const row = await coffee(tx)
      .insertInto('coffee_recipe_package')
      .values({ version: Number(latest?.v ?? 0) + 1, recipes: body, checksum: sha256Hex(body) })
      .returning(['id', 'version', 'checksum', 'created_at'])
      .executeTakeFirstOrThrow()
      .catch((err) => {
        // two packages created at once: the later one asks again
        if (isUniqueViolation(err)) throw CoffeeErrors.package_conflict({});
        throw err;
      });
    await recordAudit(tx, {
      action: 'coffee.package.created',
      subject: { type: 'coffee_recipe_package', id: row.id },
      after: { version: row.version, checksum: row.checksum, recipes: recipes.length },
    });
    return row;
  });
}

/** A package as a device downloads it: version, checksum and the exact JSON the checksum covers. */
export async function packageForDevice(ctx: Ctx, version: number) {
  const row = await coffee(ctx)
    .selectFrom('coffee_recipe_package')
    .select(['version', 'checksum', sql<string>`recipes::text`.as('body')])
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw CoffeeErrors.package_not_found({ version });
  return row;
}

export interface NewRollout {
  packageId: string;
  tag: string;
  canaryPercent: number;
  abortAtFailurePercent: number;
}

/**
 * Starts a staged rollout: an `apply_recipes` batch to the canary share of the tag's devices
 * (devices apply it when idle); once every canary machine answered, the rest follow, the rollout
 * holds, or it aborts and nothing more goes out (see `judgeCanary`).
 */
export async function startRollout(ctx: Ctx, rt: CoffeeRuntime, input: NewRollout) {
  return inTransaction(ctx, async (tx) => {
    const pkg = await coffee(tx)
      .selectFrom('coffee_recipe_package')
      .selectAll()
      .where('id', '=', input.packageId)
      .executeTakeFirst();
    if (!pkg) throw CoffeeErrors.package_not_found({ id: input.packageId });
    const devices = await coffee(tx)
      .selectFrom('coffee_device')
      .select('id')
      .where(sql<boolean>`tags @> array[${input.tag}]::text[]`)
      .where('retired_at', 'is', null)
      .orderBy('serial')
      .execute();
    if (devices.length === 0) throw CoffeeErrors.batch_empty({ tag: input.tag });
    const canaryCount = Math.max(1, Math.ceil((devices.length * input.canaryPercent) / 100));
    const previous = await coffee(tx)
      .selectFrom('coffee_rollout')
      .select('package_id')
      .where('tag', '=', input.tag)
      .where('status', '=', 'completed')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    const canary = await createBatch(tx, rt, {
      deviceIds: devices.slice(0, canaryCount).map((d) => d.id),
      command: applyCommand(pkg),
      abortAtFailurePercent: input.abortAtFailurePercent,
      // judged once every canary machine answered (see `judgeCanary`), never on the first few
      minFinished: canaryCount,
    });
    const rollout = await coffee(tx)
      .insertInto('coffee_rollout')
      .values({
        package_id: pkg.id,
        tag: input.tag,
        canary_percent: input.canaryPercent,
        abort_at_failure_percent: input.abortAtFailurePercent,
        canary_batch_id: canary.id,
        previous_package_id: previous?.package_id ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      action: 'coffee.rollout.started',
      subject: { type: 'coffee_rollout', id: rollout.id },
      after: { version: pkg.version, tag: input.tag, canary: canaryCount, of: devices.length },
    });
    return rollout;
  });
}

const applyCommand = (pkg: { version: number; checksum: string }) => ({
  type: 'apply_recipes' as const,
  params: { version: pkg.version, checksum: pkg.checksum, whenIdle: true },
});

/**
 * Moves rollouts on (the fleet watch, and after each look at a rollout): a canary stage is judged
 * once every canary machine answered (`judgeCanary`: on to the rest, held, or aborted); an aborted
 * batch aborts the rollout; a finished rest completes it (its review says on how many machines).
 */
export async function advanceRollouts(ctx: Ctx, rt: CoffeeRuntime): Promise<void> {
  const open = await coffee(ctx)
    .selectFrom('coffee_rollout')
    .select('id')
    .where('status', 'in', ['canary', 'rolling'])
    .execute();
  for (const { id } of open) await advanceRollout(ctx, rt, id);
}

/** Moves one rollout on, under its row lock (see `advanceRollouts`); a held or finished one stays as it is. */
export async function advanceRollout(ctx: Ctx, rt: CoffeeRuntime, id: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const r = await lockRowById(coffee(tx), 'coffee_rollout', id);
    if (!r || (r.status !== 'canary' && r.status !== 'rolling')) return;
    const batchId = r.status === 'canary' ? r.canary_batch_id : r.rest_batch_id!;
    const { batch, counts } = await getBatch(tx, batchId);
    if (batch.status === 'running') return;
    // stopped, for a person or for good: the on-call phones hear of it (issue 65)
    const text = (status: 'held' | 'aborted') =>
      textStoppedRollout(tx, rt, { ...rolloutOf(r), status, failed: counts.failed, total: counts.total });
    const verdict =
      batch.status === 'aborted'
        ? 'abort'
        : r.status === 'rolling'
          ? 'complete'
          : judgeCanary(counts, r.abort_at_failure_percent);
    if (verdict === 'wait') return;
    if (verdict === 'complete') return finishRollout(tx, rt, id, 'completed');
    if (verdict === 'abort') {
      await finishRollout(tx, rt, id, 'aborted');
      await text('aborted');
      return;
    }
    if (verdict === 'hold') {
      await coffee(tx).updateTable('coffee_rollout').set({ status: 'held' }).where('id', '=', id).execute();
      await recordAudit(tx, {
        action: 'coffee.rollout.held',
        subject: { type: 'coffee_rollout', id },
        meta: { succeeded: counts.succeeded, failed: counts.failed },
      });
      await text('held');
      await rt.publish(tx, COFFEE_TOPICS.batches, id);
      return;
    }
    await sendRest(tx, rt, r);
  });
}

/**
 * A person's go-ahead for a held rollout (some canary machines failed, within the threshold): the
 * rest of the tag's machines get the package. Under the row lock, so two clicks send it once.
 */
export async function continueRollout(ctx: Ctx, rt: CoffeeRuntime, id: string) {
  return inTransaction(ctx, async (tx) => {
    const r = await lockRowById(coffee(tx), 'coffee_rollout', id);
    if (!r) throw CoffeeErrors.rollout_not_found({ id });
    if (r.status !== 'held') throw CoffeeErrors.rollout_not_held({ id, status: r.status });
    await recordAudit(tx, {
      action: 'coffee.rollout.continued',
      subject: { type: 'coffee_rollout', id },
      before: { status: 'held' },
    });
    await sendRest(tx, rt, r);
  });
}

/** The canary's next stage: the tag's other machines, or the end when there are none. */
async function sendRest(tx: Ctx, rt: CoffeeRuntime, r: Selectable<CoffeeTables['coffee_rollout']>) {
  const pkg = await coffee(tx)
    .selectFrom('coffee_recipe_package')
    .selectAll()
    .where('id', '=', r.package_id)
    .executeTakeFirstOrThrow();
  const canaryIds = await coffee(tx)
    .selectFrom('coffee_command')
    .select('device_id')
    .where('batch_id', '=', r.canary_batch_id)
    .execute();
  const rest = await coffee(tx)
    .selectFrom('coffee_device')
    .select('id')
    .where(sql<boolean>`tags @> array[${r.tag}]::text[]`)
    .where('retired_at', 'is', null)
    .where('id', 'not in', canaryIds.length ? canaryIds.map((c) => c.device_id) : [''])
    .execute();
  if (rest.length === 0) return finishRollout(tx, rt, r.id, 'completed');
  const batch = await createBatch(tx, rt, {
    deviceIds: rest.map((d) => d.id),
    command: applyCommand(pkg),
    abortAtFailurePercent: r.abort_at_failure_percent,
  });
  await coffee(tx)
    .updateTable('coffee_rollout')
    .set({ status: 'rolling', rest_batch_id: batch.id })
    .where('id', '=', r.id)
    .execute();
  await recordAudit(tx, {
    action: 'coffee.rollout.rolling',
    subject: { type: 'coffee_rollout', id: r.id },
    meta: { rest: rest.length },
  });
  await rt.publish(tx, COFFEE_TOPICS.batches, r.id);
}

const rolloutOf = (r: Selectable<CoffeeTables['coffee_rollout']>) => ({
  id: r.id,
  packageId: r.package_id,
  tag: r.tag,
});

async function finishRollout(tx: Ctx, rt: CoffeeRuntime, id: string, status: keyof typeof FINISHED_AUDIT) {
  await coffee(tx)
    .updateTable('coffee_rollout')
    .set({ status, finished_at: tx.clock.now() })
    .where('id', '=', id)
    .execute();
  await recordAudit(tx, { action: FINISHED_AUDIT[status], subject: { type: 'coffee_rollout', id } });
  await rt.publish(tx, COFFEE_TOPICS.batches, id);
}

/**
 * One click back: a new rollout of the version the tag ran before, to all its devices at once,
 * audited on the rollout it undoes.
 */
export async function rollBack(ctx: Ctx, rt: CoffeeRuntime, rolloutId: string) {
  return inTransaction(ctx, async (tx) => {
    const r = await coffee(tx)
      .selectFrom('coffee_rollout')
      .selectAll()
      .where('id', '=', rolloutId)
      .executeTakeFirst();
    if (!r) throw CoffeeErrors.rollout_not_found({ id: rolloutId });
    if (!r.previous_package_id) throw CoffeeErrors.rollout_no_previous({ id: rolloutId });
    const back = await startRollout(tx, rt, {
      packageId: r.previous_package_id,
      tag: r.tag,
      canaryPercent: 100,
      abortAtFailurePercent: r.abort_at_failure_percent,
    });
    await recordAudit(tx, {
      action: 'coffee.rollout.rolled_back',
      subject: { type: 'coffee_rollout', id: rolloutId },
      meta: { rollbackId: back.id, packageId: r.previous_package_id },
    });
    return back;
  });
}
