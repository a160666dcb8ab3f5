import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AuthRouteOptions,
  authRoutes,
  installAuth,
  jobsOfModule,
  type PermissionSpec,
  routesOfModule,
  sessionSettingsOf,
  validateCatalog,
} from '../core/auth/index.ts';
import { createFileStore } from '../core/files/index.ts';
import {
  type AnyArea,
  type AreaDeps,
  claimedSettingsOf,
  guardedSettingsOf,
  secretSettingsOf,
  webAppsOf,
} from '../core/modules/index.ts';
import {
  type ClaimedSetting,
  describeDispute,
  ensureDefaultOrganization,
  type OrgSecrets,
  orgRoutes,
  reconcileChannelClaims,
  sealPlaintextOrgSecrets,
} from '../core/orgs/index.ts';
import { DEMO_PAYER_TIMING } from '../core/payments/index.ts';
import { type Clock, systemClock } from '../platform/clock/index.ts';
import type { Config } from '../platform/config/index.ts';
import { type Database, openDatabase, outageLog } from '../platform/db/index.ts';
import { createHttpServer, type HttpServer } from '../platform/http/index.ts';
import { createJobQueue, type JobQueue } from '../platform/jobs/index.ts';
import {
  createLiveChannel,
  type LiveChannel,
  type LiveRouteOptions,
  liveRoutes,
} from '../platform/live/index.ts';
import { migrate } from '../platform/migrator/index.ts';
import { closeRenderWorkers } from '../platform/render/index.ts';
import { ALWAYS_ENABLED } from './core-areas.ts';
import { migrationSources } from './modules.ts';
import { registerQueueMetrics } from './queue-metrics.ts';
import { type SandboxRuntime, sandboxArea, sandboxServicesRoute } from './sandbox/sandbox.area.ts';
import { loopbackUrlOf, type Sandbox, startSandbox } from './sandbox/start-sandbox.ts';
import { startAreas } from './start-areas.ts';
import { webAppStatic } from './web-app-static.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface App {
  config: Config;
  database: Database;
  jobs: JobQueue;
  http: HttpServer;
  modules: AnyArea[];
  catalog: PermissionSpec[];
  /** Secret organization settings every area declares, and the key sealing them. */
  secrets: OrgSecrets;
  /** Settings naming a chat identity one organization of the deployment holds, as every area declares them. */
  claimed: ReadonlyArray<ClaimedSetting>;
  deps: AreaDeps;
  /** The runtime an enabled area's `start` built for this app (tests and the CLI reach modules through it). */
  runtimeOf(name: string): unknown;
  /** Starts pulling background jobs in this process, and firing the schedules unless `cron` is false. */
  startWorker(options?: { cron?: boolean }): Promise<void>;
  /** Starts the areas' long-running workers (bot pollers); `close` stops them. */
  startWorkers(): Promise<void>;
  /** Stops accepting requests, lets running jobs finish, closes the database. */
  close(): Promise<void>;
}

export interface BuildAppOptions {
  config: Config;
  modules: AnyArea[];
  /** An open database (tests); otherwise opened from the config. */
  database?: Database;
  clock?: Clock;
  /** Apply pending migrations first (default true). */
  migrate?: boolean;
  /** Seconds between job polls when idle. */
  jobPollingSeconds?: number;
  /**
   * Seconds between checks for jobs whose process died: supervise and per-queue monitor intervals
   * (default `OPSDESK_JOBS_SUPERVISE_SECONDS`).
   */
  jobSuperviseSeconds?: number;
}

/**
 * The composition root: opens the database, migrates, makes sure an organization exists, and
 * assembles the HTTP server and the job queue from the core areas and the enabled modules.
 */
export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { modules } = options;
  const clock = options.clock ?? systemClock;
  let config = options.config;
  // The database opens while the sandbox and the HTTP server are built (neither needs it; PGlite
  // compiles its WebAssembly off this thread meanwhile).
  const opening =
    options.database !== undefined
      ? Promise.resolve(options.database)
      : openDatabase({
          url: config.DATABASE_URL,
          dataDir: config.OPSDESK_DATA_DIR,
          poolSize: config.DATABASE_POOL_SIZE,
        });
  opening.catch(() => {}); // awaited below; a failure meanwhile is not an unhandled rejection
  let sandbox: Sandbox | undefined;
  try {
    // The sandbox plays each unconfigured outside service; its settings point the channels at it.
    if (config.OPSDESK_SANDBOX) {
      sandbox = await startAppSandbox(config, clock);
      config = { ...config, ...sandbox.config, env: { ...config.env, ...sandbox.env, ...sandbox.config } };
    }
    const http = await createAppHttpServer(config, opening);

    const database = await opening;
    await prepareDatabase(database, config, options.migrate === false ? undefined : modules);
    const areas = [...ALWAYS_ENABLED, ...(sandbox ? [sandboxArea(sandbox)] : []), ...modules];
    const { secrets, claimed } = await settleOrganizationSecrets(database, areas, config, http.log);
    const jobs = await createAppJobQueue(database, config, options, http);
    registerQueueMetrics(http.metrics.registry, database);
    const live = createLiveChannel({
      pool: database.pool,
      embedded: database.kind === 'pglite',
      onError: outageLog(http.log, 'live channel error'),
    });

    const { deps, started, catalog } = startAreas(areas, {
      database,
      jobs,
      config,
      clock,
      log: http.log,
      files: createFileStore(config),
      live,
      metrics: http.metrics.registry,
    });
    validateCatalog(catalog);
    // Each organization gets its own sandbox number and bot before anything is sent.
    await (
      started.find((s) => s.area.name === 'sandbox')?.rt as SandboxRuntime | undefined
    )?.chats.provisionAll();

    const moduleNames = modules.map((m) => m.name);
    const authDeps = authOptionsOf(config, { database, moduleNames, clock, events: deps.events, catalog });
    installAuth(http, authDeps);
    await http.register(authRoutes, authDeps);
    await http.register(orgRoutes, {
      secrets,
      claimed,
      guarded: guardedSettingsOf(areas),
      enabledModules: moduleNames,
    });
    await http.register(liveRoutes, { live, caller: liveCallerOf(moduleNames) });
    await registerAreas(http, jobs, database, started, moduleNames);
    if (!sandbox) await http.register(sandboxServicesRoute, { services: [] });
    await registerWebApps(http, modules);
    await http.ready();
    sandbox?.callBackTo(() => loopbackUrlOf(http.server.address()));

    return assembledApp(
      { config, database, jobs, http, modules, catalog, secrets, claimed, deps },
      { started, live, sandbox, ownsDatabase: !options.database },
    );
  } catch (err) {
    await sandbox?.close();
    if (!options.database) await (await opening.catch(() => undefined))?.close();
    throw err;
  }
}

/** The sandbox of a demo: the payer approves by itself after the configured delay (0: only when answered). */
function startAppSandbox(config: Config, clock: Clock): Promise<Sandbox> {
  const approveMs = config.OPSDESK_SANDBOX_AUTO_APPROVE_SECONDS * 1000;
  return startSandbox({
    env: config.env,
    clock,
    secretKey: config.OPSDESK_SECRET_KEY,
    // The played Telegram's numbers outlive a restart on the same data, as Telegram's own do (issue 66).
    stateDir: join(config.OPSDESK_DATA_DIR, 'sandbox'),
    timing: { ...DEMO_PAYER_TIMING, autoApproveAfterMs: approveMs > 0 ? approveMs : null },
  });
}

/**
 * The organization settings the areas declare secret or claimed: each area declares the secrets it
 * keeps there (nothing process-wide holds them); rows written before secrets were sealed are sealed
 * now (the key is not available to SQL migrations); and one organization holds each WhatsApp number
 * and Telegram bot: settings written before claims existed become claims, or disputes when several
 * organizations name one (logged, never resolved here).
 */
async function settleOrganizationSecrets(
  database: Database,
  areas: AnyArea[],
  config: Config,
  log: HttpServer['log'],
): Promise<{ secrets: OrgSecrets; claimed: ReadonlyArray<ClaimedSetting> }> {
  const secrets: OrgSecrets = { paths: secretSettingsOf(areas), key: config.OPSDESK_SECRET_KEY };
  const sealedAtStart = await sealPlaintextOrgSecrets(database.db, secrets);
  const claimed = claimedSettingsOf(areas);
  const disputes = await reconcileChannelClaims(database.db, { claimed, secrets, config });
  if (sealedAtStart)
    log.info({ sealed: sealedAtStart }, 'sealed plaintext secret settings found in the database');
  for (const d of disputes)
    log.error(
      { setting: d.kind, identity: d.identity, holder: d.holder ?? null, disputedBy: d.without },
      describeDispute(d),
    );
  return { secrets, claimed };
}

/** The app's job queue on its database: chat steps run here when this process works jobs inline. */
function createAppJobQueue(
  database: Database,
  config: Config,
  options: BuildAppOptions,
  http: HttpServer,
): Promise<JobQueue> {
  return createJobQueue({
    pool: database.pool,
    embedded: database.kind === 'pglite',
    pollingIntervalSeconds: options.jobPollingSeconds,
    superviseIntervalSeconds: options.jobSuperviseSeconds ?? config.OPSDESK_JOBS_SUPERVISE_SECONDS,
    runHere: config.OPSDESK_JOBS && config.OPSDESK_INLINE_JOBS,
    keepFinishedDays: config.OPSDESK_JOBS_KEEP_DAYS,
    onError: outageLog(http.log, 'job queue error'),
  });
}

/** The HTTP server, ready only once the database (still opening) answers. */
function createAppHttpServer(config: Config, opening: Promise<Database>): Promise<HttpServer> {
  return createHttpServer({
    logLevel: config.OPSDESK_LOG_LEVEL,
    corsOrigins: config.OPSDESK_CORS_ORIGINS,
    rateLimitPerMinute: config.OPSDESK_RATE_LIMIT_PER_MINUTE,
    trustProxy: config.OPSDESK_TRUST_PROXY,
    version: VERSION,
    metricsToken: config.OPSDESK_METRICS_TOKEN,
    describeOperation: (route) =>
      route.permission
        ? {
            fields: { 'x-permission': route.permission },
            answers: { 403: `Needs the permission ${route.permission}` },
          }
        : {},
    ready: async () => {
      await (await opening).pool.query('select 1');
    },
  });
}

/**
 * Migrates for these modules (none: the caller migrated), reads the org-scoped tables and makes sure
 * the default organization exists.
 */
async function prepareDatabase(
  database: Database,
  config: Config,
  migrateFor: AnyArea[] | undefined,
): Promise<void> {
  if (migrateFor) await migrate(database.pool, migrationSources(migrateFor));
  await database.refreshOrgTables();
  await ensureDefaultOrganization(database.db, {
    name: config.OPSDESK_ORG_NAME,
    timeZone: config.OPSDESK_TIMEZONE,
    currency: config.OPSDESK_CURRENCY,
    languages: config.OPSDESK_LANGUAGES,
  });
}

/** The sign-in and session settings of the auth hook and routes, from the app's config. */
function authOptionsOf(
  config: Config,
  parts: {
    database: Database;
    moduleNames: string[];
    clock: Clock;
    events: AreaDeps['events'];
    catalog: PermissionSpec[];
  },
): AuthRouteOptions {
  return {
    secretKey: config.OPSDESK_SECRET_KEY,
    database: parts.database,
    modules: parts.moduleNames,
    clock: parts.clock,
    events: parts.events,
    catalog: () => parts.catalog,
    settings: sessionSettingsOf(config),
    secureCookies:
      config.NODE_ENV === 'production' || (config.OPSDESK_PUBLIC_URL?.startsWith('https:') ?? false),
    loginRateLimitPerMinute: config.OPSDESK_LOGIN_RATE_LIMIT_PER_MINUTE,
    authFailuresPerMinute: config.OPSDESK_AUTH_FAILURES_PER_MINUTE,
  };
}

/** Who asks for live topics: a topic of a module the caller's organization does not run is not there for it. */
function liveCallerOf(moduleNames: ReadonlyArray<string>): LiveRouteOptions['caller'] {
  return (req) => ({
    orgId: req.ctx.orgId,
    has: (p: string) => req.auth?.permissions.has(p) ?? false,
    // A topic is `<area>.<name>`.
    offers: (topic: string) => {
      const area = topic.split('.')[0]!;
      return !moduleNames.includes(area) || (req.auth?.modules.includes(area) ?? false);
    },
  });
}

/** Every started area's jobs and routes; a module's do nothing for, and answer 404 to, an organization that does not run it. */
async function registerAreas(
  http: HttpServer,
  jobs: JobQueue,
  database: Database,
  started: StartedAreas,
  moduleNames: ReadonlyArray<string>,
): Promise<void> {
  for (const { area, rt } of started) {
    const isModule = moduleNames.includes(area.name);
    const handlers = area.jobs?.(rt) ?? [];
    await jobs.register(
      isModule ? jobsOfModule(area.name, handlers, database.db) : handlers,
      area.schedules ?? [],
      area.loops?.(rt) ?? [],
    );
    const routes = area.routes?.(rt);
    if (routes) await http.register(isModule ? routesOfModule(area.name, routes) : routes);
  }
}

/** The staff console (built SPA) at /console/ (`/` redirects there) and the browser apps the enabled modules ship, each once. */
async function registerWebApps(http: HttpServer, modules: AnyArea[]): Promise<void> {
  await http.register(webAppStatic, { app: 'console' });
  for (const web of webAppsOf(modules)) await http.register(webAppStatic, { app: web });
  http.get('/', { schema: { hide: true }, config: { public: true } }, (_req, reply) =>
    reply.redirect('/console/'),
  );
}

type StartedAreas = ReturnType<typeof startAreas>['started'];

/** The app as its callers hold it: the built parts, its areas' workers, and the order it closes in. */
function assembledApp(
  parts: Pick<
    App,
    'config' | 'database' | 'jobs' | 'http' | 'modules' | 'catalog' | 'secrets' | 'claimed' | 'deps'
  >,
  owned: { started: StartedAreas; live: LiveChannel; sandbox: Sandbox | undefined; ownsDatabase: boolean },
): App {
  const { database, jobs, http, deps } = parts;
  const { started, live, sandbox } = owned;
  let closed = false;
  const stopWorkers: Array<() => Promise<void>> = [];
  return {
    ...parts,
    runtimeOf: (name) => started.find((s) => s.area.name === name)?.rt,
    startWorker: (options) => jobs.work(options),
    async startWorkers() {
      for (const { area, rt } of started) {
        for (const worker of area.workers?.(rt) ?? []) {
          try {
            stopWorkers.push(await worker.start());
            http.log.info({ worker: worker.name }, 'worker started');
          } catch (err) {
            http.log.error({ err, worker: worker.name }, 'worker could not start; the rest keeps running');
          }
        }
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const stop of stopWorkers.splice(0)) await stop().catch(() => {});
      await http.close();
      await jobs.stop({ graceful: true, timeoutMs: 30_000 });
      // The chat writes still waiting for their batch's window go now, before the database closes.
      await deps.conversations.groupCommit.close();
      await deps.outbox.close(); // its heartbeat, in a process that ran no dispatcher too
      await closeRenderWorkers(); // after the jobs that render; renders under way finish first
      await live.close();
      await sandbox?.close();
      if (owned.ownsDatabase) await database.close();
    },
  };
}
