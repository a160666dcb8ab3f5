import { join, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { type ColumnType, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { createEmbedded, execWire } from './embedded.ts';
import { EmbeddedConnection } from './embedded-connection.ts';
import { acquireDataDirLock } from './lock-file.ts';
import { ORG_COLUMN, OrgScopePlugin } from './org-scope.ts';
import { serverPool } from './server-pool.ts';

export type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
export { sql } from 'kysely';
export { createEmbedded } from './embedded.ts';
export { type Listening, listenOn } from './listen.ts';
export { DataDirLockedError } from './lock-file.ts';
export { canonicalLockKeys, LOCK_TIMEOUT_MS, lockKeyOf, lockKeys, tryLockKeys } from './lock-keys.ts';
export { lockRowById } from './lock-row.ts';
export { ORG_COLUMN } from './org-scope.ts';
export { outageLog } from './outage-log.ts';
export { parseServerUrl } from './server-url.ts';
export { NoWritableServerError } from './writable-server.ts';

/** `org_id` as seen by an area: read as a string; on insert the org scope fills it in. */
export type OrgIdColumn = ColumnType<string, string | undefined, never>;

/** The unscoped query builder; each area narrows it with `db.withTables<TheirTables>()`. */
export type Db = Kysely<object>;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /** The one pg pool: queries, migrations and the job queue all go through it. */
  readonly pool: pg.Pool;
  /** Unscoped builder, for the platform and cross-organization work (jobs that loop over orgs). */
  readonly db: Db;
  /** A builder that scopes every read and write to one organization. */
  forOrg(orgId: string): Db;
  /** Re-reads which tables are org-owned; called after migrations. */
  refreshOrgTables(): Promise<void>;
  /**
   * The same database through a pool of its own (`max` connections, opened as used), one per `name`:
   * work that must not queue behind the requests for a connection (the outbox's sends in a rush) gets
   * a lane of its own. The embedded database has one session: its lane is itself. Closed with it.
   */
  lane(name: string, max: number): Database;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL server URL; when absent the embedded database is used. */
  url?: string;
  /** Folder for the embedded database; ignored with a URL. */
  dataDir?: string;
  /** An already-open PGlite (tests clone a migrated template). */
  lite?: PGlite;
  poolSize?: number;
}

/** Opens PostgreSQL when a URL is given, else the embedded PGlite in `dataDir`, behind one pg pool. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.url) {
    const pool = serverPool(options.url, options.poolSize ?? 10);
    pool.on('error', () => {}); // idle client errors surface on the next query instead of crashing
    return wrap('postgres', pool, async () => {});
  }
  if (options.lite) return wrap('pglite', embeddedPool(options.lite), async () => {});
  const dataDir = resolve(options.dataDir ?? './data');
  const release = acquireDataDirLock(dataDir);
  let lite: PGlite;
  try {
    lite = await createEmbedded(join(dataDir, 'pg'));
  } catch (err) {
    release();
    throw err;
  }
  return wrap('pglite', embeddedPool(lite), async () => {
    await lite.close();
    release();
  });
}

/** One connection, as the embedded database has one session, kept open while idle (it holds no socket). */
const embeddedPool = (lite: PGlite) =>
  new pg.Pool({
    max: 1,
    idleTimeoutMillis: 0,
    connection: new EmbeddedConnection({
      ready: lite.waitReady,
      exec: (bytes) => execWire(lite, bytes),
    }),
  } as pg.PoolConfig);

/** `close` runs after the pool has ended: it closes what the pool wrapped. */
async function wrap(kind: Database['kind'], pool: pg.Pool, close: () => Promise<void>): Promise<Database> {
  const db: Db = new Kysely<object>({ dialect: new PostgresDialect({ pool }) });
  let orgTables: ReadonlySet<string> = new Set();
  // Views too: a core public view (v_payments_payment) carries org_id and must be scoped like a table.
  // Read from pg_catalog: through information_schema's views the same list took 15-20 times as long
  // on PGlite (measured 1.5-2 s against 0.1 s on a loaded machine), and a start reads it twice.
  const refreshOrgTables = async () => {
    const rows = await sql<{ table_name: string }>`
      select c.relname as table_name from pg_catalog.pg_attribute a
      join pg_catalog.pg_class c on c.oid = a.attrelid
      where c.relnamespace = current_schema()::regnamespace and a.attname = ${ORG_COLUMN}
        and not a.attisdropped and c.relkind in ('r', 'p', 'v')
    `.execute(db);
    orgTables = new Set(rows.rows.map((r) => r.table_name));
  };
  try {
    await refreshOrgTables();
  } catch (err) {
    // No server reachable (or none writable): nothing is left open behind the failed start.
    await db.destroy().catch(() => undefined);
    await close();
    throw err;
  }
  const lanes = new Map<string, Database>();
  const database: Database = {
    kind,
    pool,
    db,
    forOrg: (orgId) => db.withPlugin(new OrgScopePlugin(orgId, orgTables)),
    refreshOrgTables,
    lane(name, max) {
      if (kind === 'pglite') return database;
      let lane = lanes.get(name);
      if (!lane) {
        const own = new pg.Pool({ ...pool.options, max });
        own.on('error', () => {}); // as the main pool's: surfaces on the next query
        const laneDb: Db = new Kysely<object>({ dialect: new PostgresDialect({ pool: own }) });
        lane = {
          ...database,
          pool: own,
          db: laneDb,
          forOrg: (orgId) => laneDb.withPlugin(new OrgScopePlugin(orgId, orgTables)),
          lane: (other, size) => database.lane(other, size),
          close: () => laneDb.destroy(),
        };
        lanes.set(name, lane);
      }
      return lane;
    },
    close: async () => {
      for (const lane of lanes.values()) await lane.close();
      await db.destroy(); // ends the pool too
      await close();
    },
  };
  return database;
}

export { type BackupTarget, backupDatabase, restoreDatabase } from './backup.ts';
