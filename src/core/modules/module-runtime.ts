import type { FastifyBaseLogger } from 'fastify';
import type { JobQueue } from '../../platform/jobs/index.ts';
import type { LiveEvent } from '../../platform/live/index.ts';
import type { Ctx } from '../context/index.ts';
import type { FileStore } from '../files/index.ts';
import type { AreaDeps } from './area-deps.ts';

/**
 * What the core builds for every module of one running app, and what each of the module's
 * factories (routes, jobs, flows, hooks, resources, retention, seed, workers, commands) receives.
 * A module that needs more extends it in its `start` (`{ ...core, extra }`); it never rebuilds
 * what is here. Built per app, so two apps in one process share nothing.
 */
export interface ModuleRuntime<C = unknown> {
  /** The module's name: its tables, permissions, jobs and live topics start with it. */
  name: string;
  /** Everything the app gives every area (database, clock, conversations, declarations, …). */
  deps: AreaDeps;
  /** The module's own settings, parsed from the environment by its `config` schema (the app's are `deps.config`). */
  config: C;
  /** The app's job queue: use cases send the module's jobs (`<m>.queue.ts`) through it. */
  jobs: JobQueue;
  /** The app's file store (local folder or S3). */
  files: FileStore;
  log: FastifyBaseLogger;
  /** A context for work the system does on its own (a job named `job`) in one organization. */
  systemCtx(orgId: string, job: string): Ctx;
  /** OPSDESK_SECRET_KEY: seals what the module keeps secret in its own tables (meter keys, pass keys). */
  secretKey: string;
  /**
   * Announces a change on the live channel (`GET /api/live`) in the caller's transaction: delivered
   * at commit, never for a rollback. `topic` is one the module declared with `deps.live.declareTopic`.
   */
  publish(tx: Ctx, topic: string, id?: string): Promise<void>;
}

/** The runtime the core gives module `name` in one app, with its parsed `config`. */
export function createModuleRuntime<C>(name: string, deps: AreaDeps, config: C): ModuleRuntime<C> {
  return {
    name,
    deps,
    config,
    jobs: deps.jobs,
    files: deps.files,
    log: deps.log,
    systemCtx: deps.systemCtx,
    secretKey: deps.config.OPSDESK_SECRET_KEY,
    publish: (tx, topic, id) => {
      if (!topic.startsWith(`${name}.`))
        throw new Error(`module ${name} cannot publish on topic ${topic} (not under ${name}.)`);
      const event: LiveEvent = { orgId: tx.orgId, topic, ...(id ? { id } : {}) };
      return deps.live.publish(tx.db.isTransaction ? tx.db : undefined, event);
    },
  };
}
