import { afterAll, describe, expect, it } from 'vitest';
import { type Database, listenOn, NoWritableServerError, openDatabase } from '../../src/platform/db/index.ts';
import { freePort } from '../support/processes.ts';

/**
 * A DATABASE_URL naming several servers, as `pg_autoctl show uri` prints it for a pg_auto_failover
 * pair, on a real PostgreSQL server (test/scale runs only with DATABASE_URL): the pool and a LISTEN
 * connection reach the server that takes writes wherever it stands in the list, and with none
 * reachable the error is the one the HTTP kit answers 503 for. (test/ha moves the primary for real.)
 */
const server = new URL(process.env.DATABASE_URL!);
const live = `${server.hostname}:${server.port || 5432}`;
const opened: Database[] = [];

async function open(servers: string[]): Promise<Database> {
  const user = server.username ? `${server.username}${server.password ? `:${server.password}` : ''}@` : '';
  const url = `postgres://${user}${servers.join(',')}${server.pathname}?target_session_attrs=read-write`;
  const database = await openDatabase({ url, poolSize: 2 });
  opened.push(database);
  return database;
}

afterAll(async () => {
  for (const database of opened) await database.close();
});

describe('a DATABASE_URL with several servers', () => {
  it('reaches the writable server whether it is listed first or after one that refuses connections', async () => {
    const dead = `127.0.0.1:${await freePort()}`;
    for (const servers of [
      [live, dead],
      [dead, live],
    ]) {
      const { pool } = await open(servers);
      const { rows } = await pool.query<{ port: number }>('select inet_server_port() as port');
      expect(String(rows[0]!.port)).toBe(live.split(':')[1]);
    }
  });

  it('LISTENs through the same list: a NOTIFY sent on the pool arrives', async () => {
    const dead = `127.0.0.1:${await freePort()}`;
    const { pool } = await open([dead, live]);
    const heard: string[] = [];
    const listening = await listenOn(pool, 'server_list_test', { onNotify: (p) => heard.push(p ?? '') });
    await pool.query(`select pg_notify('server_list_test', 'over the list')`);
    await expect.poll(() => heard).toEqual(['over the list']);
    await listening.close();
  });

  it('with no server reachable, fails with NoWritableServerError naming the servers it asked', async () => {
    const servers = [`127.0.0.1:${await freePort()}`, `127.0.0.1:${await freePort()}`];
    const failure = await open(servers).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(NoWritableServerError);
    expect((failure as Error).message).toBe(`no server of ${servers.join(', ')} is read-write now`);
  });
});
