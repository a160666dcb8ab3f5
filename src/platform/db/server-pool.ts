import pg from 'pg';
import { parseServerUrl } from './server-url.ts';
import { writableServerClient } from './writable-server.ts';

/**
 * The pool of a server URL. A URL with several servers or a `target_session_attrs` (what
 * `pg_autoctl show uri` gives for a pg_auto_failover pair) gets clients that find the server to use
 * as libpq would, and find it again after a failover; a plain URL is node-postgres's own business.
 */
export function serverPool(url: string, max: number): pg.Pool {
  const parsed = parseServerUrl(url);
  if (parsed.servers.length === 1 && parsed.target === 'any')
    return new pg.Pool({ connectionString: url, max });
  return new pg.Pool({ max, Client: writableServerClient(parsed) } as pg.PoolConfig);
}

/** A client of the pool's own kind, with its settings: a connection of its own beside the pool's. */
export function clientOf(pool: pg.Pool): pg.Client {
  const options = pool.options as pg.PoolConfig & { Client?: typeof pg.Client };
  return new (options.Client ?? pg.Client)(options);
}
