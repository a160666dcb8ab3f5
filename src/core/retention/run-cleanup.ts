import type { Clock } from '../../platform/clock/index.ts';
import type { Database } from '../../platform/db/index.ts';
import { recordAudit } from '../audit/index.ts';
import { pruneLoginAttempts } from '../auth/index.ts';
import type { Ctx } from '../context/index.ts';
import { listOrganizations, type Organization } from '../orgs/index.ts';
import { cutoffFor, periodsInForce } from './retention.rules.ts';
import type { RetentionTables, RunKind } from './retention.tables.ts';
import type { RetentionDeclaration, RetentionRule, RetentionScope } from './retention.types.ts';
import { readRetentionSettings } from './retention-settings.ts';
import { countEligible, type Removed, removeBatch, retentionScope } from './retention-sql.ts';

export interface CleanupDeps {
  database: Database;
  clock: Clock;
  systemCtx(orgId: string, job: string): Ctx;
  retention(): ReadonlyArray<RetentionDeclaration>;
}

export interface CleanupOptions {
  dryRun: boolean;
  trigger: 'schedule' | 'cli' | 'console';
  /** Only this organization (its slug); every organization when absent. */
  orgSlug?: string;
  /** Only this organization (its id). */
  orgId?: string;
  /** Rows per batch (default 1,000 on PostgreSQL, 250 embedded): each batch is one short transaction. */
  batchSize?: number;
  /** Told after every batch of a real run: how far this organization's run is. */
  onProgress?(progress: { org: string; kind: string; done: number; total: number }): void;
}

export interface OrgCleanup {
  org: { id: string; slug: string };
  /** The organization is under a legal hold: nothing was looked at. */
  held: boolean;
  runId?: string;
  kinds: RunKind[];
}

/** Every declared rule, in declaration order. */
export const retentionRules = (deps: Pick<CleanupDeps, 'retention'>): RetentionRule[] =>
  deps.retention().flatMap((d) => d.rules ?? []);

/**
 * The cleanup (`opsdesk cleanup`, the nightly job): per organization and kind, what is older than
 * its period and no longer needed goes, in batches. A dry run counts the same selection and writes
 * nothing; a real run is stored as a `retention_run` row and audited (`retention.run.finished`).
 */
export async function runCleanup(deps: CleanupDeps, options: CleanupOptions): Promise<OrgCleanup[]> {
  const orgs = (await listOrganizations(deps.database.db)).filter(
    (o) => (!options.orgSlug || o.slug === options.orgSlug) && (!options.orgId || o.id === options.orgId),
  );
  if (options.orgSlug && !orgs.length) throw new Error(`No organization "${options.orgSlug}"`);
  const results: OrgCleanup[] = [];
  for (const org of orgs) results.push(await cleanOrganization(deps, org, options));
  return results;
}

async function cleanOrganization(deps: CleanupDeps, org: Organization, options: CleanupOptions) {
  const ctx = deps.systemCtx(org.id, 'retention.cleanup');
  const settings = await readRetentionSettings(ctx);
  const rules = retentionRules(deps);
  const keeps = deps.retention().flatMap((d) => d.keeps ?? []);
  const now = deps.clock.now();
  const periods = periodsInForce(rules, settings.periods, now);
  const result: OrgCleanup = { org: { id: org.id, slug: org.slug }, held: settings.legalHold, kinds: [] };
  if (settings.legalHold) {
    if (!options.dryRun) result.runId = await recordHeldRun(ctx, options.trigger);
    return result;
  }
  // Per table, removing rules run before masking ones, and each counts only what no earlier removing
  // rule of its table takes: the dry run then counts exactly what the real run, kind by kind, does.
  const ordered = rules
    .map((rule, i) => ({ rule, period: periods[i]! }))
    .sort((a, b) => Number(!!a.rule.mask) - Number(!!b.rule.mask));
  const planned: Array<{ rule: RetentionRule; scope?: RetentionScope; kind: RunKind }> = [];
  for (const { rule, period } of ordered) {
    const scope = period.cutoff ? retentionScope(org.id, period.cutoff, keeps) : undefined;
    const takenBefore = planned
      .filter((p) => p.scope && p.rule.table === rule.table && !p.rule.mask)
      .map((p) => p.rule.eligible(p.scope!));
    const count: Removed = scope
      ? await countEligible(deps.database.db, rule, scope, takenBefore)
      : { rows: 0, bytes: 0 };
    planned.push({
      rule,
      ...(scope ? { scope } : {}),
      kind: { kind: rule.kind, days: period.days, cutoff: period.cutoff?.toISOString() ?? null, ...count },
    });
  }
  if (options.dryRun) return { ...result, kinds: planned.map((p) => p.kind) };

  // The embedded database has one connection: every query of a scan waits for the batch in front of
  // it. Smaller batches there, and a pause as long as the batch took, keep the counter's latency low.
  const embedded = deps.database.kind === 'pglite';
  const batchSize = options.batchSize ?? (embedded ? 250 : 1_000);
  const runId = await startRun(ctx, options.trigger);
  const total = planned.reduce((sum, p) => sum + p.kind.rows, 0);
  let done = 0;
  try {
    for (const { rule, scope, kind } of planned) {
      const removed = { rows: 0, bytes: 0 };
      if (scope && kind.rows > 0) {
        for (let after: string | undefined; ; ) {
          const started = performance.now();
          const batch = await removeBatch(deps.database.db, rule, scope, batchSize, after);
          if (!batch.rows) {
            if (after === undefined) break;
            // the end of the table: once more from its start, for rows an index scan returned out of order
            after = undefined;
            continue;
          }
          after = batch.last;
          if (embedded) await new Promise((r) => setTimeout(r, performance.now() - started));
          removed.rows += batch.rows;
          removed.bytes += batch.bytes;
          done += batch.rows;
          options.onProgress?.({ org: org.slug, kind: rule.kind, done: Math.min(done, total), total });
        }
      }
      result.kinds.push({ ...kind, ...removed });
    }
  } catch (err) {
    await finishRun(ctx, runId, result.kinds, (err as Error).message);
    throw err;
  }
  await finishRun(ctx, runId, result.kinds);
  return { ...result, runId };
}

async function startRun(ctx: Ctx, trigger: CleanupOptions['trigger']): Promise<string> {
  const row = await ctx.db
    .withTables<RetentionTables>()
    .insertInto('retention_run')
    .values({ trigger, started_at: ctx.clock.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function finishRun(ctx: Ctx, runId: string, kinds: RunKind[], error?: string): Promise<void> {
  const rows = kinds.reduce((sum, k) => sum + k.rows, 0);
  const bytes = kinds.reduce((sum, k) => sum + k.bytes, 0);
  await ctx.db.transaction().execute(async (trx) => {
    const tx = { ...ctx, db: trx };
    await trx
      .withTables<RetentionTables>()
      .updateTable('retention_run')
      .set({
        status: error ? 'failed' : 'done',
        kinds: JSON.stringify(kinds),
        rows_removed: rows,
        bytes_removed: bytes,
        error: error ?? null,
        finished_at: ctx.clock.now(),
      })
      .where('id', '=', runId)
      .execute();
    await recordAudit(tx, {
      action: error ? 'retention.run.failed' : 'retention.run.finished',
      subject: { type: 'retention_run', id: runId },
      after: { rows, bytes, kinds: kinds.map(({ kind, rows, bytes }) => ({ kind, rows, bytes })) },
      ...(error ? { meta: { error } } : {}),
    });
  });
}

async function recordHeldRun(ctx: Ctx, trigger: CleanupOptions['trigger']): Promise<string> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    const row = await trx
      .withTables<RetentionTables>()
      .insertInto('retention_run')
      .values({ trigger, status: 'held', started_at: now, finished_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(
      { ...ctx, db: trx },
      { action: 'retention.run.held', subject: { type: 'retention_run', id: row.id }, after: { rows: 0 } },
    );
    return row.id;
  });
}

/** Failed sign-ins (the typed e-mail and the address) are forgotten after this many days. */
export const LOGIN_THROTTLE_KEEP_DAYS = 30;

/**
 * What no organization owns: failed sign-in counters (`login_throttle`) older than 30 days whose lock
 * ran out. Run by the nightly job and by `opsdesk cleanup` without `--org`.
 */
export async function cleanDeployment(
  deps: Pick<CleanupDeps, 'database' | 'clock'>,
  dryRun: boolean,
): Promise<{ loginAttempts: number }> {
  const now = deps.clock.now();
  const loginAttempts = await pruneLoginAttempts(
    deps.database.db,
    cutoffFor(now, LOGIN_THROTTLE_KEEP_DAYS),
    now,
    dryRun,
  );
  return { loginAttempts };
}
