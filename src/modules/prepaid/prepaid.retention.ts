import { sql } from 'kysely';
import type { RetentionDeclaration } from '../../core/retention/index.ts';

/**
 * Customer-portal sign-in codes and sessions, a month after they expired, were used or revoked (they
 * only ever hold hashes, but they say who signed in when). Still needed: the payment of a purchase
 * that is still pending.
 */
export const prepaidRetention = (): RetentionDeclaration => ({
  rules: [
    {
      kind: 'prepaid.portal_codes',
      label: 'prepaid.retention.portal_codes',
      defaultDays: 30,
      table: 'prepaid_portal_code',
      eligible: (s) => sql<boolean>`greatest(t.expires_at, coalesce(t.used_at, t.expires_at)) < ${s.cutoff}`,
    },
    {
      kind: 'prepaid.portal_sessions',
      label: 'prepaid.retention.portal_sessions',
      defaultDays: 30,
      table: 'prepaid_portal_session',
      eligible: (s) => sql<boolean>`least(t.expires_at, coalesce(t.revoked_at, t.expires_at)) < ${s.cutoff}`,
    },
  ],
  keeps: [
    {
      what: 'payment',
      why: 'payments of purchases still pending',
      ids: (orgId) => sql`select payment_id from prepaid_purchase
        where org_id = ${orgId} and status = 'pending' and payment_id is not null`,
    },
  ],
});
