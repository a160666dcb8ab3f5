import { sql } from '../../platform/db/index.ts';
import type { Ctx } from '../context/index.ts';
import { channelAccounts, type DeclaredChannels } from './channel-accounts.ts';
import type { ChannelProblemsView } from './health.contract.ts';
import { PROBLEM_WINDOW_MS, STUCK_AFTER_MS } from './health.rules.ts';

/**
 * Per channel, the caller's organization's messages that did not go out: `failed` (a bot reply or a
 * notification given up on in the last 24 hours), `stuck` (still queued or sending a minute after it
 * was due, or a notification waiting to be tried again) and `unconfirmed` (in the last 24 hours, a
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
 * The counts, in one round trip. Each arm over the replies matches one of their partial indexes (failed,
 * pending, unsettled), so none reads the history of the replies that went out. Raw SQL: it filters on
 * `org_id` itself.
 */
async function problemCounts(ctx: Ctx, since: Date, stuckBefore: Date) {
  const { rows } = await sql<{ channel: string; failed: number; stuck: number; unconfirmed: number }>`
    select channel, sum(failed)::int as failed, sum(stuck)::int as stuck, sum(unconfirmed)::int as unconfirmed
    from (
      select channel, count(*) filter (where status = 'failed') as failed,
        count(*) filter (where status in ('queued', 'sending')) as stuck,
        count(*) filter (where status = 'unconfirmed') as unconfirmed
      from conversation_message
      where org_id = ${ctx.orgId} and direction = 'out' and (
        (status = 'failed' and status_at >= ${since})
        or (status = 'queued' and status_at < ${stuckBefore})
        or (status in ('sending', 'unconfirmed') and status_at >= ${since}
          and (status = 'unconfirmed' or status_at < ${stuckBefore})))
      group by channel
      union all
      select channel, count(*) filter (where status = 'dead') as failed,
        count(*) filter (where status not in ('dead', 'unconfirmed')) as stuck,
        count(*) filter (where status = 'unconfirmed') as unconfirmed
      from notification
      where org_id = ${ctx.orgId} and created_at >= ${since} and (
        status in ('dead', 'failed', 'unconfirmed')
        or (status in ('queued', 'sending') and next_attempt_at < ${stuckBefore}))
      group by channel
    ) c group by channel`.execute(ctx.db);
  return new Map(rows.map((r) => [r.channel, r]));
}
