import type { Ctx } from '../context/index.ts';
import type { AccountState } from './channel-health.rules.ts';
import type { ChannelHealthTables } from './channel-health.tables.ts';

/** The caller's organization's channel accounts as the database keeps them, by channel name. */
export async function accountStates(ctx: Ctx): Promise<AccountState[]> {
  const rows = await ctx.db
    .withTables<ChannelHealthTables>()
    .selectFrom('channel_health')
    .selectAll()
    .orderBy('channel')
    .execute();
  return rows.map((r) => ({
    channel: r.channel,
    lastSuccessAt: r.last_success_at,
    lastFailureAt: r.last_failure_at,
    lastFailure: r.last_failure,
    failuresInRow: r.failures_in_row,
    failingSince: r.failing_since,
    alertedAt: r.alerted_at,
  }));
}
