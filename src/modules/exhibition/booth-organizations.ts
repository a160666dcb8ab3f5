import { organizationsOfPerson, organizationsRunning } from '../../core/auth/index.ts';
import { type Db, sql } from '../../platform/db/index.ts';

/**
 * The organizations a person works in that run the exhibition module and have at least one booth:
 * the booth page's chooser (issue 66 item 6 listed every organization of the person, a hostel mess
 * included). It reads across organizations, so its SQL names the person; the page has the names.
 */
export async function boothOrganizationsOf(db: Db, userId: string): Promise<string[]> {
  const { rows } = await sql<{ org_id: string }>`
    select distinct bo.org_id from exhibition_booth bo
    where bo.org_id in ${organizationsOfPerson(userId)}
      and bo.org_id in ${organizationsRunning('exhibition')}`.execute(db);
  return rows.map((r) => r.org_id);
}
