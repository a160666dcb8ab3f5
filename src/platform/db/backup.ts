import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createEmbedded } from './embedded.ts';
import { acquireDataDirLock } from './lock-file.ts';

export interface BackupTarget {
  /** PostgreSQL server URL; embedded when absent. */
  url?: string;
  dataDir: string;
}

/**
 * Writes one backup file: for the embedded database a gzipped PGlite data-folder dump (taken under
 * the folder lock, so never while a server runs on it); for PostgreSQL `pg_dump --format=custom`.
 */
export async function backupDatabase(target: BackupTarget, file: string): Promise<{ bytes: number }> {
  if (target.url) {
    await run('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, target.url]);
  } else {
    const release = acquireDataDirLock(resolve(target.dataDir));
    try {
      const lite = await createEmbedded(join(resolve(target.dataDir), 'pg'));
      try {
        const dump = await lite.dumpDataDir('gzip');
        writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
      } finally {
        await lite.close();
      }
    } finally {
      release();
    }
  }
  return { bytes: readFileSync(file).length };
}

/**
 * Restores a backup file. Embedded: the current data folder is kept aside as `pg.before-restore-<time>`
 * and replaced by the dump. PostgreSQL: `pg_restore --clean --if-exists` into the configured database.
 */
export async function restoreDatabase(target: BackupTarget, file: string): Promise<{ keptAside?: string }> {
  if (!existsSync(file)) throw new Error(`No backup file at ${file}`);
  if (target.url) {
    await run('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${target.url}`, file]);
    return {};
  }
  const dataDir = resolve(target.dataDir);
  const release = acquireDataDirLock(dataDir);
  try {
    const pgDir = join(dataDir, 'pg');
    let keptAside: string | undefined;
    if (existsSync(pgDir) && readdirSync(pgDir).length > 0) {
      keptAside = join(dataDir, `pg.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
      renameSync(pgDir, keptAside);
    }
    const lite = await createEmbedded(pgDir, { loadDataDir: new Blob([readFileSync(file)]) });
    await lite.query('select 1');
    await lite.close();
    return { keptAside };
  } finally {
    release();
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += String(d);
    });
    child.on('error', (err) =>
      reject(new Error(`${command} could not start (${err.message}); install the PostgreSQL client tools`)),
    );
    child.on('close', (code) =>
      code === 0 ? resolvePromise() : reject(new Error(`${command} failed: ${stderr.trim()}`)),
    );
  });
}
