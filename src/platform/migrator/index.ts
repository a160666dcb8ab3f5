import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';

/** A folder of forward-only `*.sql` migrations owned by one area (`core`, `raffle`, ...). */
export interface MigrationSource {
  scope: string;
  dir: string;
}

export interface MigrationStep {
  scope: string;
  name: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

const LOCK_KEY = 7_424_001; // pg_advisory_lock key shared by every Opsdesk migrator

/**
 * Applies pending migrations in order (sources in the given order, files by name), each in its own
 * transaction, under an advisory lock so several processes starting at once migrate exactly once.
 * Refuses to run when an applied migration's file was edited: migrations are forward-only.
 */
export async function migrate(
  pool: pg.Pool,
  sources: MigrationSource[],
  onStep: (step: MigrationStep, index: number, total: number) => void = () => {},
): Promise<MigrationStep[]> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`create table if not exists opsdesk_migration (
      scope text not null, name text not null, checksum text not null,
      applied_at timestamptz not null default now(), primary key (scope, name))`);
    const applied = new Map(
      (
        await client.query<{ scope: string; name: string; checksum: string }>(
          'select scope, name, checksum from opsdesk_migration',
        )
      ).rows.map((r) => [`${r.scope}/${r.name}`, r.checksum]),
    );
    const files = sources.flatMap((s) => listMigrations(s));
    const pending = files.filter((f) => {
      const known = applied.get(`${f.scope}/${f.name}`);
      if (known && known !== f.checksum) {
        throw new MigrationError(
          `migration ${f.scope}/${f.name} was edited after it was applied; add a new migration instead`,
        );
      }
      return !known;
    });
    for (const [i, file] of pending.entries()) {
      onStep(file, i, pending.length);
      await client.query('begin');
      try {
        await client.query(file.sql);
        await client.query('insert into opsdesk_migration (scope, name, checksum) values ($1, $2, $3)', [
          file.scope,
          file.name,
          file.checksum,
        ]);
        await client.query('commit');
      } catch (err) {
        await client.query('rollback');
        throw new MigrationError(`migration ${file.scope}/${file.name} failed: ${(err as Error).message}`);
      }
    }
    return pending.map(({ scope, name }) => ({ scope, name }));
  } finally {
    await client.query('select pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    client.release();
  }
}

function listMigrations(source: MigrationSource) {
  if (!existsSync(source.dir)) return [];
  return readdirSync(source.dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => {
      const sql = readFileSync(join(source.dir, name), 'utf8');
      return { scope: source.scope, name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}
