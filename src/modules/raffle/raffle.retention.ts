import { sql } from 'kysely';
import type { RetentionDeclaration } from '../../core/retention/index.ts';

/**
 * Expired and cancelled orders no money touched are removed after 180 days by default (the buyer's
 * picks, nothing sold). Still needed, whatever the period: a buyer with an open order (their chat and
 * notifications stay), and a payment for an order waiting for its refund (its proof stays).
 */
export const raffleRetention = (): RetentionDeclaration => ({
  rules: [
    {
      kind: 'raffle.closed_orders',
      label: 'raffle.retention.closed_orders',
      defaultDays: 180,
      table: 'raffle_order',
      eligible: (s) => sql<boolean>`t.status in ('expired', 'cancelled') and not t.refund_due
        and coalesce(t.expired_at, t.cancelled_at, t.updated_at) < ${s.cutoff}
        and t.payment_id is null
        and not exists (select 1 from v_payments_payment p where p.org_id = t.org_id
          and p.purpose_type = 'raffle.order' and p.purpose_id = t.id::text)
        and not exists (select 1 from raffle_ticket k where k.org_id = t.org_id and k.order_id = t.id)
        and not ${s.contactKept(sql`(select b.contact_id from raffle_buyer b where b.id = t.buyer_id)`)}`,
    },
  ],
  keeps: [
    {
      what: 'contact',
      why: 'buyers with an open order',
      ids: (orgId) => sql`select b.contact_id from raffle_buyer b join raffle_order o on o.buyer_id = b.id
        where o.org_id = ${orgId} and o.status = 'pending_payment'`,
    },
    {
      what: 'payment',
      why: 'payments of orders waiting for a refund',
      ids: (orgId) => sql`select p.id from v_payments_payment p join raffle_order o
        on p.purpose_type = 'raffle.order' and p.purpose_id = o.id::text and p.org_id = o.org_id
        where o.org_id = ${orgId} and o.refund_due`,
    },
  ],
});
