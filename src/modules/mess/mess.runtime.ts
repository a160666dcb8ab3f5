import type { ModuleDeps } from '../../core/modules/index.ts';
import type { Config } from '../../platform/config/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';

/** What mess use cases need beyond a `Ctx`: the job queue (notifications, Sheets) and the config. */
export interface MessDeps {
  jobs: JobQueue;
  config: Config;
}

let bound: ModuleDeps | undefined;

/**
 * Chat flows and payment hooks are declared statically in the module contract, yet the mess bot
 * notifies admins and backs rows up through the job queue. The module binds the app's deps when
 * the app builds its routes; one app runs per process (tests: one per file, each in its own module
 * graph), so the binding is unambiguous.
 */
export function bindMessDeps(deps: ModuleDeps): void {
  bound = deps;
}

/** The app's deps, for flows and payment hooks; throws if the module was not built into an app. */
export function boundMessDeps(): ModuleDeps {
  if (!bound) throw new Error('the mess module is not bound to an app (routes were never built)');
  return bound;
}
