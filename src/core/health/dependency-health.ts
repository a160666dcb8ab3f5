import { performance } from 'node:perf_hooks';
import { sql } from '../../platform/db/index.ts';
import type { Ctx } from '../context/index.ts';
import { channelAccounts, type DeclaredChannels } from './channel-accounts.ts';
import type { HealthView } from './health.contract.ts';
import { overallStatus, QUEUE_LAG_LIMIT_SECONDS } from './health.rules.ts';

/**
 * The health of what the caller's organization's work depends on: the database (how fast it
 * answers), the job queue (its jobs due and waiting, and for how long), its chat accounts and its
 * mail (set up, last success, last failure and why). Heavier than `/readyz`, which load balancers
 * probe: meant for a monitor polling every minute or a person looking. Call it outside a transaction.
 */
export async function dependencyHealth(ctx: Ctx, declared: DeclaredChannels): Promise<HealthView> {
  const database = await databaseLatency(ctx);
  const queue = await queueLag(ctx);
  const accounts = await channelAccounts(ctx, declared);
  const lagging = (queue.lagSeconds ?? 0) > QUEUE_LAG_LIMIT_SECONDS;
  return {
    status: overallStatus({ queueLagSeconds: queue.lagSeconds, accounts }),
    checkedAt: ctx.clock.now().toISOString(),
    database: { status: 'ok', latencyMs: database },
    jobQueue: { status: lagging ? 'lagging' : 'ok', ...queue },
    chatAccounts: accounts.filter((a) => a.channel !== 'email'),
    mail: accounts.find((a) => a.channel === 'email')!,
  };
}

/** Milliseconds a trivial statement takes (this request got here through the database already). */
async function databaseLatency(ctx: Ctx): Promise<number> {
  const started = performance.now();
  await sql`select 1`.execute(ctx.db);
  return Math.round((performance.now() - started) * 100) / 100;
}

/**
 * The organization's jobs due and not yet taken, and how long the oldest has waited. pg-boss stamps
 * its jobs with the database server's clock, so the wait is measured on that clock too.
 */
async function queueLag(ctx: Ctx): Promise<{ waiting: number; lagSeconds: number | null }> {
  const { rows } = await sql<{ waiting: number; lag_seconds: number | null }>`
    select count(*)::int as waiting,
      extract(epoch from now() - min(start_after))::float8 as lag_seconds
    from pgboss.job
    where state in ('created', 'retry') and start_after <= now() and data->>'orgId' = ${ctx.orgId}`.execute(
    ctx.db,
  );
  const lag = rows[0]?.lag_seconds;
  return { waiting: rows[0]?.waiting ?? 0, lagSeconds: lag == null ? null : Math.max(0, Math.round(lag)) };
}
