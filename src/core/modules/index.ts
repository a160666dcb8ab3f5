export { createEvents, type StartedArea } from './area-events.ts';
export {
  type AnyModule,
  claimedSettingsOf,
  type Declared,
  defineModule,
  type ModuleDefinition,
  type ModuleDeps,
  type ModuleHooks,
  type PaymentHook,
  secretSettingsOf,
  type Worker,
} from './module-definition.ts';
export { selectModules } from './select-modules.ts';
