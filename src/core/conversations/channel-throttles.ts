import { sql } from '../../platform/db/index.ts';
import type { Ctx } from '../context/index.ts';
import type { Throttle } from './conversations.errors.ts';

/**
 * Records that `channel` asked this organization's account (or, with `throttle.recipient`, one
 * person) to wait `retryAfterMs` from now on the caller's clock. A later wait never shortens an
 * earlier one. Answers when sending may resume.
 */
export async function holdChannel(
  ctx: Ctx,
  channel: string,
  throttle: Throttle & { reason: string },
): Promise<Date> {
  const until = new Date(ctx.clock.now().getTime() + Math.max(0, throttle.retryAfterMs));
  const { rows } = await sql<{ until: Date }>`
    insert into chat_channel_throttle (org_id, channel, recipient, account, until, reason)
    values (${ctx.orgId}, ${channel}, ${throttle.recipient ?? ''}, ${throttle.account}, ${until},
      ${throttle.reason.slice(0, 100)})
    on conflict (org_id, channel, recipient) do update
      set until = greatest(chat_channel_throttle.until, excluded.until),
        account = excluded.account, reason = excluded.reason
    returning until`.execute(ctx.db);
  return rows[0]!.until;
}
