import { createFileStore, type FileStore } from '../../core/files/index.ts';
import type { ModuleDeps } from '../../core/modules/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';

/**
 * What the bot flow and the payment hooks need besides a `Ctx`: flows and payment hooks are
 * registered statically, so the module binds its deps here when the app builds it (jobs factory).
 */
export interface RaffleDeps {
  jobs: JobQueue;
  files: FileStore;
}

let bound: RaffleDeps | undefined;

export function bindRaffleDeps(deps: ModuleDeps): void {
  bound = { jobs: deps.jobs, files: createFileStore(deps.config) };
}

export function raffleDeps(): RaffleDeps {
  if (!bound) throw new Error('the raffle module is not part of a running app');
  return bound;
}
