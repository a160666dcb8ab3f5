import type { ModuleDeps } from '../../core/modules/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';

/**
 * The exhibition module of one running app: what its use cases need besides a `Ctx`. Built by
 * the module's `start` and handed to its routes, resources and seed; never stored globally.
 */
export interface ExhibitionRuntime {
  deps: ModuleDeps;
  jobs: JobQueue;
  /** Seals pass signing keys (OPSDESK_SECRET_KEY). */
  secretKey: string;
}

export function startExhibition(deps: ModuleDeps): ExhibitionRuntime {
  return { deps, jobs: deps.jobs, secretKey: deps.config.OPSDESK_SECRET_KEY };
}
