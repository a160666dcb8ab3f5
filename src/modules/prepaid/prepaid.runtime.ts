import type { ModuleRuntime } from '../../core/modules/index.ts';

/**
 * The prepaid module of one running app: the runtime the core builds for every module, unextended
 * (prepaid needs nothing beyond deps, jobs and the secret key). Handed to every factory; never stored globally.
 */
export type PrepaidRuntime = ModuleRuntime;
