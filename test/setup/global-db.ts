import { writeFileSync } from 'node:fs';
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

/**
 * Migrates one template database for the whole run (all migrations plus the job queue schema);
 * each test file then clones it: PGlite from a dumped data folder, PostgreSQL with CREATE DATABASE ... TEMPLATE.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL;
  if (url) return setupPostgres(project, url);
  const lite = await createEmbedded();
  const database = await openDatabase({ lite });
  await prepare(database);
  await database.close();
  const dump = await lite.dumpDataDir('none');
  const file = join(tmpdir(), `opsdesk-template-${process.pid}.tar`);
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await lite.close();
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', '');
  return async () => {};
}

async function setupPostgres(project: TestProject, url: string) {
  const name = `opsdesk_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  const database = await openDatabase({ url: withDatabase(url, name) });
  await prepare(database);
  await database.close();
  project.provide('pgliteTemplate', '');
  project.provide('postgresTemplate', name);
  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like 'opsdesk_test_%' or datname = $1`,
      [name],
    );
    for (const r of rows) await admin.query(`drop database if exists ${r.datname} with (force)`);
    await admin.end();
  };
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
