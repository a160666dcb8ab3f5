import { sql } from '../../platform/db/index.ts';
import type { Ctx } from '../context/index.ts';
import { channelAccounts, type DeclaredChannels } from './channel-accounts.ts';
import type { ChannelProblemsView } from './health.contract.ts';
import { PROBLEM_WINDOW_MS, STUCK_AFTER_MS } from './health.rules.ts';

/**
 * Per channel, the caller's organization's messages that did not go out: `failed` (a bot reply, a
 * staff message or a notification given up on in the last 24 hours), `stuck` (still queued or sending
 * a minute after it was due, or waiting to be tried again) and `unconfirmed` (in the last 24 hours, a
 * send that may not have reached the person: a prompt the person may never have seen, issue 40, item
 * 12), with the state of its account. Call it outside a transaction (see `channelAccounts`).
 */
export async function channelProblems(ctx: Ctx, declared: DeclaredChannels): Promise<ChannelProblemsView> {
  const now = ctx.clock.now().getTime();
  const since = new Date(now - PROBLEM_WINDOW_MS);
  const counts = await problemCounts(ctx, since, new Date(now - STUCK_AFTER_MS));
  const accounts = await channelAccounts(ctx, declared);
  return {
    since: since.toISOString(),
    items: accounts.map((account) => ({
      ...account,
      failed: counts.get(account.channel)?.failed ?? 0,
      stuck: counts.get(account.channel)?.stuck ?? 0,
      unconfirmed: counts.get(account.channel)?.unconfirmed ?? 0,
    })),
  };
}

/**
 * The counts, in one round trip, from the outbox: the bot's replies and staff messages are its rows
 * too (issue 75). `failed` and `unconfirmed` count within the window (by when the message was made: a
 * send follows within seconds); a message still waiting to go counts whatever its age, as a reply
 * stuck for days is still stuck. Each arm is served by `notification_org_status_idx`. Raw SQL: it
 * filters on `org_id` itself.
 */
async function problemCounts(ctx: Ctx, since: Date, stuckBefore: Date) {
  const { rows } = await sql<{ channel: string; failed: number; stuck: number; unconfirmed: number }>`
    select channel, count(*) filter (where status = 'failed')::int as failed,
      count(*) filter (where status in ('queued', 'sending'))::int as stuck,
      count(*) filter (where status = 'unconfirmed')::int as unconfirmed
    from notification
    where org_id = ${ctx.orgId} and (
      (status in ('failed', 'unconfirmed') and created_at >= ${since})
      -- waiting to be tried again (a retry), or due a minute ago and not gone
      or (status = 'queued' and attempts > 0)
      or (status in ('queued', 'sending') and next_attempt_at < ${stuckBefore}))
    group by channel`.execute(ctx.db);
  return new Map(rows.map((r) => [r.channel, r]));
}
