import type { FileStore } from '../../core/files/index.ts';
import type { ModuleDeps } from '../../core/modules/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';

/**
 * The raffle module of one running app: what its use cases need besides a `Ctx`. Built by the
 * module's `start` and handed to its routes, jobs, flow, hooks and seed; never stored globally.
 */
export interface RaffleRuntime {
  deps: ModuleDeps;
  jobs: JobQueue;
  files: FileStore;
}

export function startRaffle(deps: ModuleDeps): RaffleRuntime {
  return { deps, jobs: deps.jobs, files: deps.files };
}
