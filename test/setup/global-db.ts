import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createEmbedded, openDatabase } from '../../src/platform/db/index.ts';
import { createJobQueue } from '../../src/platform/jobs/index.ts';
import { migrate } from '../../src/platform/migrator/index.ts';
import { templateSources } from '../support/template-sources.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

/** The run's template, shared by every project that lists this setup (see `setup`). */
interface SharedTemplate {
  ready: Promise<{ pgliteTemplate: string; postgresTemplate: string; teardown: () => Promise<void> }>;
  users: number;
}
const SHARED = Symbol.for('opsdesk.test-template');
const shared = globalThis as typeof globalThis & { [SHARED]?: SharedTemplate };

/**
 * Migrates one template database for the whole run (all migrations plus the job queue schema);
 * each test file then clones it: PGlite from a dumped data folder, PostgreSQL with CREATE DATABASE ... TEMPLATE.
 * The integration and browser projects both list this file and Vitest runs it once per project, each
 * through its own module loader: the template is kept on `globalThis` (one process), so the second
 * project reuses it instead of migrating again, and the last teardown removes it.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  shared[SHARED] ??= { ready: prepareTemplate(), users: 0 };
  const template = shared[SHARED];
  template.users++;
  const { pgliteTemplate, postgresTemplate, teardown } = await template.ready;
  project.provide('pgliteTemplate', pgliteTemplate);
  project.provide('postgresTemplate', postgresTemplate);
  return async () => {
    if (--template.users > 0) return;
    shared[SHARED] = undefined;
    await teardown();
  };
}

async function prepareTemplate(): Promise<Awaited<SharedTemplate['ready']>> {
  const url = process.env.DATABASE_URL;
  if (url) return setupPostgres(url);
  const lite = await createEmbedded();
  const database = await openDatabase({ lite });
  await prepare(database);
  await database.close();
  const dump = await lite.dumpDataDir('none');
  const file = join(tmpdir(), `opsdesk-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await lite.close();
  // 45 MB per run: left behind, they filled /tmp.
  return { pgliteTemplate: file, postgresTemplate: '', teardown: async () => rmSync(file, { force: true }) };
}

async function setupPostgres(url: string): Promise<Awaited<SharedTemplate['ready']>> {
  const name = `opsdesk_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  const database = await openDatabase({ url: withDatabase(url, name) });
  await prepare(database);
  await database.close();
  const teardown = async () => {
    const { rows } = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like 'opsdesk_test_%' or datname = $1`,
      [name],
    );
    for (const r of rows) await admin.query(`drop database if exists ${r.datname} with (force)`);
    await admin.end();
  };
  return { pgliteTemplate: '', postgresTemplate: name, teardown };
}

async function prepare(database: Awaited<ReturnType<typeof openDatabase>>): Promise<void> {
  await migrate(database.pool, templateSources());
  const jobs = await createJobQueue({ pool: database.pool, embedded: database.kind === 'pglite' });
  await jobs.stop({ graceful: false, timeoutMs: 1000 });
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
