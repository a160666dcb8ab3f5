import { sql } from 'kysely';
import type { RetentionDeclaration } from '../../core/retention/index.ts';

/**
 * Scan logs are kept a year by default. A scan named by an open conflict stays until the conflict is
 * resolved, and a held student's scans stay; before a batch goes, its counts are added to
 * `mess_scan_day`, so old days' totals survive.
 */
export const messRetention = (): RetentionDeclaration => ({
  rules: [
    {
      kind: 'mess.scans',
      label: 'mess.retention.scans',
      defaultDays: 365,
      table: 'mess_scan',
      eligible: (s) => sql<boolean>`t.scanned_at < ${s.cutoff}
        and not exists (select 1 from mess_scan_conflict c where c.org_id = t.org_id and c.status = 'open'
          and (c.first_scan_id = t.id or c.second_scan_id = t.id))
        and not ${s.contactKept(sql`(select st.contact_id from mess_student st where st.id = t.student_id)`)}`,
      async beforeRemove(trx, batch) {
        await sql`
          insert into mess_scan_day as d (org_id, local_date, meal_id, decision, reason, scans)
          select org_id, coalesce(local_date, to_char(scanned_at, 'YYYY-MM-DD')), meal_id, decision,
            coalesce(reason, ''), count(*)
          from mess_scan where org_id = ${batch.orgId} and id = any(cast(${batch.ids} as uuid[]))
          group by 1, 2, 3, 4, 5
          on conflict (org_id, local_date, coalesce(meal_id, '00000000-0000-0000-0000-000000000000'::uuid), decision, reason)
          do update set scans = d.scans + excluded.scans`.execute(trx);
      },
    },
  ],
});
