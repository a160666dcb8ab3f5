import { systemCtx } from '../../src/core/context/index.ts';
import { createOrganization } from '../../src/core/orgs/index.ts';
import { type OrgCleanup, type RetentionDeclaration, runCleanup } from '../../src/core/retention/index.ts';
import { systemClock } from '../../src/platform/clock/index.ts';
import type { Database } from '../../src/platform/db/index.ts';
import { createTestDatabase } from './test-database.ts';

/**
 * A migrated database with one organization and a cleanup that runs only the given declarations: a
 * module's retention rules tested without starting the app.
 */
export async function retentionDatabase(declarations: RetentionDeclaration[]): Promise<{
  database: Database;
  orgId: string;
  cleanup(dryRun?: boolean): Promise<OrgCleanup[]>;
}> {
  const database = await createTestDatabase();
  const org = await createOrganization(database.db, {
    slug: 'retention',
    name: 'Retention',
    timeZone: 'UTC',
    currency: 'USD',
    languages: ['en'],
  });
  const events = { emit: async () => {} };
  const deps = {
    database,
    clock: systemClock,
    systemCtx: (orgId: string, job: string) =>
      systemCtx({ orgId, db: database.forOrg(orgId), clock: systemClock, events, job }),
    retention: () => declarations,
  };
  return {
    database,
    orgId: org.id,
    cleanup: (dryRun = false) => runCleanup(deps, { dryRun, trigger: 'cli', orgId: org.id }),
  };
}
