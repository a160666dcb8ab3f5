import { type RawBuilder, sql } from 'kysely';

/**
 * The ids of the organizations a person works in now (membership accepted, not disabled), as a
 * subquery (`org_id in …`): for a question a person asks across their organizations whichever one
 * they are signed in to (the exhibition booth page: which of mine have booths?, issue 66).
 */
export const organizationsOfPerson = (userId: string): RawBuilder<string> =>
  sql<string>`(select org_id from membership
    where user_id = ${userId}::uuid and accepted_at is not null and disabled_at is null)`;
