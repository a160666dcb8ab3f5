import type { Clock } from '../../../platform/clock/index.ts';
import { type Db, sql } from '../../../platform/db/index.ts';
import { refundHoldsMoneySql } from './refund-holds-money.ts';

/** How long a claimed refund is left alone while its send or check is queued. */
const CLAIM_SECONDS = 120;

/**
 * The refunds' reconciliation, across organizations: claims refunds whose next step is due (pushing
 * `next_check_at` out in the same statement, so overlapping runs never claim one twice): a `pending`
 * one whose send job was lost is sent, an `unknown` or `sent` one is checked. A process killed mid-call
 * leaves its refund `unknown`; this finds it once the send's grace has passed.
 */
export async function claimDueRefunds(
  db: Db,
  clock: Clock,
  args: { orgId?: string; limit?: number } = {},
): Promise<Array<{ orgId: string; refundId: string; status: string }>> {
  const now = clock.now();
  const lease = new Date(now.getTime() + CLAIM_SECONDS * 1000);
  const result = await sql<{ org_id: string; id: string; status: string }>`
    update payment_refund set next_check_at = ${lease}
    where id in (
      select id from payment_refund
      where ${refundHoldsMoneySql('status', { approved: true, back: false })} and next_check_at <= ${now}
        ${args.orgId ? sql`and org_id = ${args.orgId}` : sql``}
      order by next_check_at
      limit ${args.limit ?? 500}
      for update skip locked
    )
    returning org_id, id, status`.execute(db);
  return result.rows.map((r) => ({ orgId: r.org_id, refundId: r.id, status: r.status }));
}
