import { spawn } from 'node:child_process';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { migrationSources } from '../src/app/modules.ts';
import { migrate } from '../src/platform/migrator/index.ts';
import { measure, printTable, request } from './lib/load.ts';
import { startBenchServer } from './lib/server.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5) * 1000;

/** Platform hot paths: the cheapest request, and one audited write, each beside its baseline. */
export async function benchPlatform(): Promise<void> {
  const server = await startBenchServer(39_100);
  const raw = spawn(process.execPath, [
    '-e',
    "require('http').createServer((q,s)=>{s.setHeader('content-type','application/json');s.end('{\"status\":\"ok\"}')}).listen(39101,'127.0.0.1')",
  ]);
  await new Promise((r) => setTimeout(r, 500));
  try {
    const rows = [];
    for (const concurrency of [8, 32]) {
      rows.push(
        await measure({
          label: 'raw node:http GET /healthz (baseline)',
          concurrency,
          durationMs: DURATION,
          fire: () => request('http://127.0.0.1:39101/healthz').then(() => {}),
        }),
      );
      rows.push(
        await measure({
          label: 'opsdesk GET /healthz',
          concurrency,
          durationMs: DURATION,
          fire: () => request(`${server.base}/healthz`).then(() => {}),
        }),
      );
    }
    printTable('GET /healthz: Opsdesk (Fastify, auth hook, metrics) vs a bare node:http server', rows);

    const headers = await server.signIn();
    const writes = [];
    const direct = await directBaseline();
    for (const concurrency of [8, 32]) {
      writes.push(
        await measure({
          label: 'same SQL sent directly (baseline)',
          concurrency,
          durationMs: DURATION,
          fire: (loop, i) => direct.update(`${loop}-${i}`),
        }),
      );
      writes.push(
        await measure({
          label: 'opsdesk PATCH /api/org (update + audit)',
          concurrency,
          durationMs: DURATION,
          fire: (loop, i) =>
            request(`${server.base}/api/org`, {
              method: 'PATCH',
              headers,
              body: JSON.stringify({ settings: { benchmark: `${loop}-${i}` } }),
            }).then(() => {}),
        }),
      );
    }
    await direct.close();
    printTable(
      `Audited update: Opsdesk API vs the same transaction through pg (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`,
      writes,
    );
  } finally {
    raw.kill();
    await server.stop();
  }
}

/** The statements PATCH /api/org runs (lock, update, audit insert in one transaction), sent through a pg pool. */
async function directBaseline() {
  const lite = process.env.DATABASE_URL ? undefined : await PGlite.create();
  const pool = lite
    ? new pg.Pool(createPgConfig(lite))
    : new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  if (lite) await migrate(pool, migrationSources([]));
  const org = (
    await pool.query<{ id: string }>(
      "insert into organization (slug, name) values ('bench-direct-' || floor(random()*1e9)::text, 'bench') returning id",
    )
  ).rows[0]!.id;
  return {
    async update(value: string) {
      const c = await pool.connect();
      try {
        await c.query('begin');
        const before = await c.query('select * from organization where id = $1 for update', [org]);
        const after = await c.query(
          "update organization set settings = settings || jsonb_build_object('benchmark', $2::text) where id = $1 returning *",
          [org, value],
        );
        await c.query(
          `insert into audit_event (org_id, actor_type, actor_id, actor_label, action, subject_type, subject_id, before, after, meta)
           values ($1, 'user', null, 'bench', 'platform.organization.updated', 'organization', $2, $3, $4, '{}')`,
          [org, org, JSON.stringify(before.rows[0]), JSON.stringify(after.rows[0])],
        );
        await c.query('commit');
      } catch (err) {
        await c.query('rollback');
        throw err;
      } finally {
        c.release();
      }
    },
    async close() {
      await pool.end();
      await lite?.close();
    },
  };
}
