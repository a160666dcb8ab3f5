import type { ModuleRuntime } from '../../core/modules/index.ts';

/**
 * The raffle module of one running app: the runtime the core builds for every module, unextended
 * (its use cases need deps, jobs and files). Handed to its routes, jobs, flow, hooks, resources and
 * seed; never stored globally.
 */
export type RaffleRuntime = ModuleRuntime;
