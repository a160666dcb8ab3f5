import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { createEmbedded, type Database, openDatabase } from '../../src/platform/db/index.ts';

/**
 * For tests that run the app in child processes: an embedded data folder, or on PostgreSQL a new
 * empty database, so runs never share state.
 */
export async function freshDatabaseEnv(dataDir: string): Promise<Record<string, string>> {
  const url = process.env.DATABASE_URL;
  if (!url) return { OPSDESK_DATA_DIR: dataDir };
  const name = `opsdesk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { OPSDESK_DATA_DIR: dataDir, DATABASE_URL: u.toString() };
}

/**
 * PGlite's compiled engine and file bundle, made once per test worker: files of a worker share its
 * modules (`isolate: false`), and each PGlite otherwise compiles its 9 MB WebAssembly module again
 * (~0.1-0.4 s of CPU per file on a 2-core machine, measured).
 */
let artifacts: Promise<{ pgliteWasmModule: WebAssembly.Module; fsBundle: Blob }> | undefined;
function pgliteArtifacts() {
  artifacts ??= (async () => {
    const dist = import.meta.resolve('@electric-sql/pglite');
    return {
      pgliteWasmModule: await WebAssembly.compile(readFileSync(new URL('./pglite.wasm', dist))),
      fsBundle: new Blob([readFileSync(new URL('./pglite.data', dist))]),
    };
  })();
  return artifacts;
}

/** A fresh, fully migrated database for one test file: PGlite by default, PostgreSQL when DATABASE_URL is set. */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `opsdesk_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
    } finally {
      await admin.end();
    }
    const u = new URL(url);
    u.pathname = `/${name}`;
    return openDatabase({ url: u.toString() });
  }
  const dump = readFileSync(inject('pgliteTemplate'));
  const lite = await createEmbedded(undefined, {
    loadDataDir: new Blob([dump]),
    ...(await pgliteArtifacts()),
  });
  const database = await openDatabase({ lite });
  const close = database.close;
  return {
    ...database,
    close: async () => {
      await close();
      await lite.close();
    },
  };
}
