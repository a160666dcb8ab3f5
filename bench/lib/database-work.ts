import pg from 'pg';
import type { LoadResult } from './load.ts';

/** What a bench database has done so far: commits, and statements when pg_stat_statements is loaded. */
export interface Work {
  statements?: number;
  commits: number;
}

/** Statements and commits per measured request (warm-up requests are few: counted in, said so). */
export function workPer(before: Work, after: Work, row: LoadResult): Record<string, number> {
  const n = Math.max(1, row.requests + row.errors);
  return {
    ...(before.statements !== undefined && after.statements !== undefined
      ? { statements: (after.statements - before.statements) / n }
      : {}),
    commits: (after.commits - before.commits) / n,
  };
}

/**
 * A fresh database named `opsdesk_<bench>_bench_<time>` on the server of `url`, with its commits
 * (pg_stat_database) and, when the server preloads pg_stat_statements, its statements so far.
 */
export async function freshDatabase(url: string, bench: string) {
  const name = `opsdesk_${bench}_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  // counts statements when the server preloads it (shared_preload_libraries=pg_stat_statements)
  await admin.query('create extension if not exists pg_stat_statements').catch(() => undefined);
  const backendPid = (await admin.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    backendPid,
    /** Commits (pg_stat_database) and statements (pg_stat_statements) of the bench database so far. */
    async work(): Promise<Work> {
      await new Promise((r) => setTimeout(r, 1500)); // backends report within a second of going idle
      return databaseWork(admin, name);
    },
    async drop() {
      await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await admin.end();
    },
  };
}

/** Commits (pg_stat_database) and statements (pg_stat_statements, when preloaded) of database `name`. */
export async function databaseWork(admin: pg.Client, name: string): Promise<Work> {
  const { rows } = await admin.query<{ n: number }>(
    'select xact_commit::float8 as n from pg_stat_database where datname = $1',
    [name],
  );
  const statements = await admin
    .query<{ n: number }>(
      `select coalesce(sum(calls), 0)::float8 as n from pg_stat_statements s
       join pg_database d on d.oid = s.dbid
       where d.datname = $1 and s.query !~* '^\\s*(begin|commit|rollback)\\y'`,
      [name],
    )
    .then((r) => r.rows[0]!.n)
    .catch(() => undefined); // not preloaded: commits only
  return { commits: rows[0]!.n, ...(statements === undefined ? {} : { statements }) };
}
