import type { ModuleDeps } from '../../core/modules/index.ts';

/** The prepaid module of one running app; built by `start`, never stored globally. */
export interface PrepaidRuntime {
  deps: ModuleDeps;
}

export const startPrepaid = (deps: ModuleDeps): PrepaidRuntime => ({ deps });
