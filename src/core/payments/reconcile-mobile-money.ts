import type { Clock } from '../../platform/clock/index.ts';
import { type Db, sql } from '../../platform/db/index.ts';

/** How long a claimed payment is left alone while its status check is queued. */
const CLAIM_SECONDS = 120;

/**
 * The reconciliation poll, across organizations: claims unresolved mobile-money payments whose next
 * check is due (pushing `next_check_at` out in the same statement, so overlapping runs never claim
 * one twice) and returns them for a status check. A payment whose callback never arrives is settled
 * this way; one whose check job was lost is claimed again after the claim lapses.
 */
export async function claimDuePayments(
  db: Db,
  clock: Clock,
  args: { orgId?: string; limit?: number } = {},
): Promise<Array<{ orgId: string; paymentId: string }>> {
  const now = clock.now();
  const lease = new Date(now.getTime() + CLAIM_SECONDS * 1000);
  const result = await sql<{ org_id: string; id: string }>`
    update payment set next_check_at = ${lease}
    where id in (
      select id from payment
      where status in ('pending', 'ambiguous') and next_check_at <= ${now}
        ${args.orgId ? sql`and org_id = ${args.orgId}` : sql``}
      order by next_check_at
      limit ${args.limit ?? 500}
      for update skip locked
    )
    returning org_id, id`.execute(db);
  return result.rows.map((r) => ({ orgId: r.org_id, paymentId: r.id }));
}
