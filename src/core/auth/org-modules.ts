import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/index.ts';
import type { JobHandler } from '../../platform/jobs/index.ts';

// Which modules an organization runs, read where work finds its organization outside a staff
// session (issue 40): a device's or meter's token, a portal's slug, a job's payload. A session reads
// the same column with its membership (`modulesRun`); both mean: its choice, or, when it never chose
// (null), every module the deployment enables. Only an enabled module is ever asked about.
const runs = (module: string) => sql<boolean>`(modules is null or ${module} = any(modules))`;

/**
 * The ids of the organizations that run `module`, as a subquery (`org_id in …`): for work that finds
 * its organizations in the statement that does it (a schedule's sweep, the heartbeat's one UPDATE).
 */
export const organizationsRunning = (module: string): RawBuilder<string> =>
  sql<string>`(select id from organization where ${runs(module)})`;

/** Whether the organization runs `module`. */
export async function organizationRuns(db: Db, orgId: string, module: string): Promise<boolean> {
  const { rows } = await sql<{ runs: boolean }>`
    select exists (select 1 from organization where id = ${orgId} and ${runs(module)}) as runs`.execute(db);
  return rows[0]?.runs === true;
}

/**
 * The module's jobs as the app registers them: one whose payload names an organization that does
 * not run the module is done without acting (nothing of that module happens for it). A job that
 * names none, a schedule's sweep, picks its organizations with `organizationsRunning` (through
 * `forEachOrganization` of core/jobs).
 */
export function jobsOfModule(module: string, handlers: ReadonlyArray<JobHandler>, db: Db): JobHandler[] {
  return handlers.map((handler) => ({
    job: handler.job,
    async run(data, ctx) {
      const orgId = (data as { orgId?: unknown } | null)?.orgId;
      if (typeof orgId === 'string' && !(await organizationRuns(db, orgId, module))) return;
      await handler.run(data, ctx);
    },
  }));
}
