export type { AreaDeps, Declared } from './area-deps.ts';
export { createEvents, type StartedArea } from './area-events.ts';
export type { CommandInput, CommandOption, ModuleCommand } from './module-command.ts';
export {
  type AnyArea,
  type AreaDefinition,
  claimedSettingsOf,
  defineArea,
  defineModule,
  demoOrganizationsOf,
  guardedSettingsOf,
  type ModuleDefinition,
  type ModuleDemo,
  type ModuleHooks,
  type PaymentHook,
  secretSettingsOf,
  type WebAppDeclaration,
  type WebAppPage,
  type Worker,
  webAppsOf,
} from './module-definition.ts';
export { createModuleRuntime, type ModuleRuntime } from './module-runtime.ts';
export { type SeedCatalog, type SeedWords, seedWordsIn, seedWordsOf } from './seed-words.ts';
export { selectModules } from './select-modules.ts';
