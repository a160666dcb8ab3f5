import { forEachOrganization } from '../../core/jobs/index.ts';
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
  const watch = watchFleetJob.handle((p) =>
    forEachOrganization(
      {
        withWork: rt.deps.database.db.withTables<CoffeeTables>().selectFrom('coffee_device').select('org_id'),
        module: rt.name,
        orgId: p.orgId,
        job: watchFleetJob,
        systemCtx: rt.systemCtx,
      },
      async (ctx) => {
        await raiseOfflineAlarms(ctx, rt);
        await sweepCommands(ctx, rt);
        await settleIdleBatches(ctx, rt);
        await advanceRollouts(ctx, rt);
      },
    ),
  );
  return [watch];
}
