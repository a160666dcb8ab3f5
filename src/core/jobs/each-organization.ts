import type { Compilable, SelectQueryBuilder } from 'kysely';
import { organizationsRunning } from '../auth/index.ts';
import type { Ctx } from '../context/index.ts';

/** A sweep over every organization that has work of its kind (a schedule's job, which names none). */
export interface OrganizationSweep {
  /**
   * The organizations with work: a query over the area's own table that selects `org_id`, with the
   * sweep's conditions (`pending_payment` orders past their hold, meters that reported).
   */
  withWork: Compilable<{ org_id: string }>;
  /** The module whose sweep it is: an organization that does not run it is left alone (issue 40). */
  module?: string;
  /** The organization the payload names, when it names one: only that one. */
  orgId?: string | undefined;
  /** The job, whose name the system context carries as its actor. */
  job: { name: string };
  systemCtx: (orgId: string, job: string) => Ctx;
}

type OrgRows = SelectQueryBuilder<{ found: { org_id: string } }, 'found', { org_id: string }>;

/**
 * A sweep's fan-out: runs `work` for each organization it finds, one after another, each in a system
 * context of that organization named after the job. One organization's failure stops the sweep (the
 * job is retried, and each area's work is safe to run twice).
 */
export async function forEachOrganization(
  sweep: OrganizationSweep,
  work: (ctx: Ctx) => Promise<unknown>,
): Promise<void> {
  // At run time `withWork` is the area's select query; only its tables' type is forgotten here.
  let found = (sweep.withWork as OrgRows).distinct();
  if (sweep.module) found = found.where('org_id', 'in', organizationsRunning(sweep.module));
  if (sweep.orgId) found = found.where('org_id', '=', sweep.orgId);
  for (const { org_id } of await found.execute()) await work(sweep.systemCtx(org_id, sweep.job.name));
}
