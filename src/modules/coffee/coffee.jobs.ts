import { organizationsRunning } from '../../core/auth/index.ts';
import type { JobHandler } from '../../platform/jobs/index.ts';
import { raiseOfflineAlarms } from './alarms.ts';
import { settleIdleBatches } from './batches.ts';
import { watchFleetJob } from './coffee.queue.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import type { CoffeeTables } from './coffee.tables.ts';
import { sweepCommands } from './commands.ts';
import { advanceRollouts } from './rollouts.ts';

/** The fleet watch: per organization with devices that runs coffee, offline alarms then stale commands. */
export function coffeeJobs(rt: CoffeeRuntime): JobHandler[] {
  const { deps } = rt;
  const watch = watchFleetJob.handle(async (p) => {
    let orgs = deps.database.db
      .withTables<CoffeeTables>()
      .selectFrom('coffee_device')
      .select('org_id')
      .distinct()
      .where('org_id', 'in', organizationsRunning(rt.name));
    if (p.orgId) orgs = orgs.where('org_id', '=', p.orgId);
    for (const { org_id } of await orgs.execute()) {
      const ctx = deps.systemCtx(org_id, watchFleetJob.name);
      await raiseOfflineAlarms(rt, ctx);
      await sweepCommands(rt, ctx);
      await settleIdleBatches(rt, ctx);
      await advanceRollouts(rt, ctx);
    }
  });
  return [watch];
}
