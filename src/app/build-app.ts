import { readFileSync } from 'node:fs';
import {
  type AuthRouteOptions,
  authRoutes,
  installAuth,
  type PermissionSpec,
  validateCatalog,
} from '../core/auth/index.ts';
import { registerModuleFlows } from '../core/conversations/index.ts';
import type { ModuleDefinition, ModuleDeps } from '../core/modules/index.ts';
import { createOrganization, listOrganizations } from '../core/orgs/index.ts';
import { resourcesRoutes } from '../core/resources/index.ts';
import { type Clock, systemClock } from '../platform/clock/index.ts';
import type { Config } from '../platform/config/index.ts';
import { type Database, openDatabase } from '../platform/db/index.ts';
import { createHttpServer, type HttpServer } from '../platform/http/index.ts';
import { createJobQueue, type JobQueue } from '../platform/jobs/index.ts';
import { migrate } from '../platform/migrator/index.ts';
import { CORE_AREAS } from './core-areas.ts';
import { migrationSources } from './modules.ts';
import { registerQueueMetrics } from './queue-metrics.ts';
import { webAppStatic } from './web-app-static.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface App {
  config: Config;
  database: Database;
  jobs: JobQueue;
  http: HttpServer;
  modules: ModuleDefinition[];
  catalog: PermissionSpec[];
  deps: ModuleDeps;
  /** Starts pulling background jobs in this process. */
  startWorker(): Promise<void>;
  /** Stops accepting requests, lets running jobs finish, closes the database. */
  close(): Promise<void>;
}

export interface BuildAppOptions {
  config: Config;
  modules: ModuleDefinition[];
  /** An open database (tests); otherwise opened from the config. */
  database?: Database;
  clock?: Clock;
  /** Apply pending migrations first (default true). */
  migrate?: boolean;
  /** Seconds between job polls when idle. */
  jobPollingSeconds?: number;
  /** Seconds between checks for jobs whose process died: supervise and per-queue monitor intervals. */
  jobSuperviseSeconds?: number;
}

/**
 * The composition root: opens the database, migrates, makes sure an organization exists, and
 * assembles the HTTP server and the job queue from the core areas and the enabled modules.
 */
export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { config, modules } = options;
  const clock = options.clock ?? systemClock;
  const database =
    options.database ??
    (await openDatabase({
      url: config.DATABASE_URL,
      dataDir: config.OPSDESK_DATA_DIR,
      poolSize: config.DATABASE_POOL_SIZE,
    }));
  try {
    if (options.migrate !== false) await migrate(database.pool, migrationSources(modules));
    await database.refreshOrgTables();
    await ensureDefaultOrganization(database, config);

    const areas = [...CORE_AREAS, ...modules];
    const catalog = areas.flatMap((m) => m.permissions ?? []);
    validateCatalog(catalog);

    const http = await createHttpServer({
      logLevel: config.OPSDESK_LOG_LEVEL,
      corsOrigins: config.OPSDESK_CORS_ORIGINS,
      rateLimitPerMinute: config.OPSDESK_RATE_LIMIT_PER_MINUTE,
      trustProxy: config.OPSDESK_TRUST_PROXY,
      version: VERSION,
      ready: async () => {
        await database.pool.query('select 1');
      },
    });
    const jobs = await createJobQueue({
      pool: database.pool,
      embedded: database.kind === 'pglite',
      pollingIntervalSeconds: options.jobPollingSeconds,
      superviseIntervalSeconds: options.jobSuperviseSeconds,
      onError: (err) => http.log.error({ err }, 'job queue error'),
    });
    registerQueueMetrics(http.metrics.registry, database);

    const deps: ModuleDeps = { database, jobs, config, clock, log: http.log };
    const authDeps: AuthRouteOptions = {
      database,
      clock,
      catalog: () => catalog,
      settings: {
        maxFailures: config.OPSDESK_LOGIN_MAX_FAILURES,
        lockMinutes: config.OPSDESK_LOGIN_LOCK_MINUTES,
        sessionHours: config.OPSDESK_SESSION_HOURS,
      },
      secureCookies:
        config.NODE_ENV === 'production' || (config.OPSDESK_PUBLIC_URL?.startsWith('https:') ?? false),
      loginRateLimitPerMinute: config.OPSDESK_LOGIN_RATE_LIMIT_PER_MINUTE,
    };
    installAuth(http, authDeps);
    await http.register(authRoutes, authDeps);
    for (const module of areas) {
      await jobs.register(module.jobs?.(deps) ?? [], module.schedules ?? []);
      if (module.routes) await http.register(module.routes(deps));
    }
    // Chat flows come from every enabled area; channels run the one their configuration names.
    registerModuleFlows(deps, areas);
    // Console resources: generated list/export/import/action routes for what every area declares,
    // so this one registration needs the full list of areas (src/core/resources).
    await http.register(resourcesRoutes({ areas, deps }));
    // The staff console (built SPA) at /console/; `/` redirects there.
    await http.register(webAppStatic, { app: 'console' });
    await http.register(webAppStatic, { app: 'scanner' }); // the mess counter's offline scanner
    http.get('/', { schema: { hide: true } }, (_req, reply) => reply.redirect('/console/'));
    await http.ready();

    let closed = false;
    return {
      config,
      database,
      jobs,
      http,
      modules,
      catalog,
      deps,
      startWorker: () => jobs.work(),
      async close() {
        if (closed) return;
        closed = true;
        await http.close();
        await jobs.stop({ graceful: true, timeoutMs: 30_000 });
        if (!options.database) await database.close();
      },
    };
  } catch (err) {
    if (!options.database) await database.close();
    throw err;
  }
}

/** A fresh install gets one organization from the environment's defaults. */
async function ensureDefaultOrganization(database: Database, config: Config): Promise<void> {
  if ((await listOrganizations(database.db)).length > 0) return;
  await createOrganization(database.db, {
    slug: 'default',
    name: config.OPSDESK_ORG_NAME,
    timeZone: config.OPSDESK_TIMEZONE,
    currency: config.OPSDESK_CURRENCY,
    languages: config.OPSDESK_LANGUAGES,
  }).catch((err) => {
    // Two processes starting at once both try; the second loses the unique slug race harmlessly.
    if ((err as { code?: string }).code !== 'conflict') throw err;
  });
}
