import type { FastifyBaseLogger } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Clock } from '../../platform/clock/index.ts';
import type { Config } from '../../platform/config/index.ts';
import type { Database, Db } from '../../platform/db/index.ts';
import type { JobQueue, JobSpec, ScheduleSpec } from '../../platform/jobs/index.ts';
import type { PermissionSpec } from '../auth/index.ts';
import type { Ctx } from '../context/index.ts';
import type { FlowDefinition } from '../conversations/index.ts';
import type { ResourceDefinition } from '../resources/index.ts';

/** What a module's factories receive from the composition root; pass on only what is used. */
export interface ModuleDeps {
  database: Database;
  jobs: JobQueue;
  config: Config;
  clock: Clock;
  log: FastifyBaseLogger;
}

/**
 * The one public shape of a module: everything the core needs to plug it in. Modules never import
 * each other; they reach the core through its areas' `index.ts`.
 */
export interface ModuleDefinition {
  name: string;
  /** Absolute folder of the module's forward-only SQL migrations. */
  migrations?: string;
  permissions?: PermissionSpec[];
  /** Fastify plugin with the module's routes (paths start with `/api/<name>/`). */
  routes?: (deps: ModuleDeps) => FastifyPluginAsyncZod;
  jobs?: (deps: ModuleDeps) => JobSpec<unknown>[];
  schedules?: ScheduleSpec[];
  /** Console lists the resources area generates routes for (`src/core/resources`). */
  resources?: (deps: ModuleDeps) => ResourceDefinition[];
  /** Chat flows (`defineFlow`); which one a channel runs is configuration (`WHATSAPP_FLOW`, `TELEGRAM_FLOW`). */
  flows?: FlowDefinition[];
  /**
   * Dotted paths inside `organization.settings` that hold secrets this area owns
   * (`whatsapp.accessToken`). They are sealed with OPSDESK_SECRET_KEY at rest, write-only through
   * `PATCH /api/org`, shown as `{ set, last4 }` and re-sealed by `opsdesk rotate-secret-key`.
   */
  secretSettings?: string[];
  /**
   * Re-seals, inside the given transaction, every value this area sealed itself with
   * OPSDESK_SECRET_KEY in its own tables (`opsdesk rotate-secret-key`); throws when the old key
   * cannot open one, so nothing is written. Returns what it re-sealed, for the operator.
   */
  resealSecrets?: (trx: Db, keys: { from: string; to: string }) => Promise<{ label: string; count: number }>;
  /** Demo data for `opsdesk seed-demo`; must be safe to run on an organization once. */
  seed?: (deps: ModuleDeps, ctx: Ctx) => Promise<void>;
}

const NAME = /^[a-z][a-z0-9]{1,30}$/;
const SECRET_PATH = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;

/** Every secret setting path the given areas declare (`secretSettings`), each once. */
export const secretSettingsOf = (areas: ReadonlyArray<ModuleDefinition>): string[] => [
  ...new Set(areas.flatMap((a) => a.secretSettings ?? [])),
];

/** Declares a module; checks its name and that its permissions live in its own namespace. */
export function defineModule(def: ModuleDefinition): ModuleDefinition {
  if (!NAME.test(def.name)) throw new Error(`module name ${def.name} must be lowercase letters and digits`);
  for (const path of def.secretSettings ?? []) {
    if (!SECRET_PATH.test(path) || !path.startsWith(`${def.name}.`))
      throw new Error(
        `secret setting ${path} must be a dotted path under ${def.name}. (like ${def.name}.apiKey)`,
      );
  }
  for (const p of def.permissions ?? []) {
    if (!p.key.startsWith(`${def.name}.`))
      throw new Error(`permission ${p.key} must start with ${def.name}.`);
  }
  return def;
}

/**
 * Picks the enabled modules from `OPSDESK_MODULES` (`all` or a comma list); an unknown name is a
 * configuration error that names the known ones.
 */
export function selectModules(
  available: ReadonlyArray<ModuleDefinition>,
  wanted: ReadonlyArray<string>,
): ModuleDefinition[] {
  if (wanted.length === 0 || wanted.includes('all')) return [...available];
  const byName = new Map(available.map((m) => [m.name, m]));
  const unknown = wanted.filter((w) => !byName.has(w));
  if (unknown.length) {
    throw new Error(
      `OPSDESK_MODULES names unknown modules: ${unknown.join(', ')} (known: ${available.map((m) => m.name).join(', ') || 'none'})`,
    );
  }
  return wanted.map((w) => byName.get(w)!);
}
