import { sql } from 'kysely';
import type { RetentionDeclaration } from '../../core/retention/index.ts';

/**
 * A year after an exhibition ended (by default), its customers' e-mail addresses and phone numbers are
 * masked; their codes, names, bills and totals stay for the accounts. Never while a statement run of
 * that exhibition is still going.
 */
export const exhibitionRetention = (): RetentionDeclaration => ({
  rules: [
    {
      kind: 'exhibition.customer_contacts',
      label: 'exhibition.retention.customer_contacts',
      defaultDays: 365,
      table: 'exhibition_customer',
      eligible: (s) => sql<boolean>`(t.email <> '' or t.phone <> '')
        and exists (select 1 from exhibition_exhibition e where e.id = t.exhibition_id
          and e.ends_on < cast(${s.cutoff} as date))
        and not exists (select 1 from exhibition_statement_run r where r.org_id = t.org_id
          and r.exhibition_id = t.exhibition_id and r.status = 'running')`,
      mask: sql`email = '', phone = ''`,
    },
  ],
});
