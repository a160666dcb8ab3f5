import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import pg from 'pg';
import { migrationSources } from '../src/app/modules.ts';
import { messModule } from '../src/modules/mess/index.ts';
import { migrate } from '../src/platform/migrator/index.ts';
import { paidStudentsWithPasses } from '../test/support/mess-passes.ts';
import { measure, printTable, request } from './lib/load.ts';
import { startBenchServer } from './lib/server.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const STUDENTS = 40;

/**
 * Scan validation through `POST /api/mess/scans` (signature, rules, log write; one scan per request,
 * as an online scanner sends them) at 8 and 32 concurrent scanners, beside the same SQL sent directly.
 * After each student's first scan in the window the rest are logged as `already_served`: same work.
 */
export async function benchMess(): Promise<void> {
  const server = await startBenchServer(39_300);
  try {
    const headers = await server.signIn();
    const codes = await setUp(server.base, headers);
    const direct = await directBaseline();
    const rows = [];
    for (const concurrency of [8, 32]) {
      rows.push(
        await measure({
          label: 'same SQL sent directly (baseline)',
          concurrency,
          durationMs: DURATION,
          fire: () => direct.scan(),
        }),
      );
      rows.push(
        await measure({
          label: 'opsdesk POST /api/mess/scans (1 scan)',
          concurrency,
          durationMs: DURATION,
          fire: (loop, i) =>
            request(`${server.base}/api/mess/scans`, {
              method: 'POST',
              headers,
              body: JSON.stringify({
                deviceId: `bench-${loop}`,
                scans: [
                  {
                    nonce: crypto.randomUUID(),
                    code: codes[(loop * 7 + i) % codes.length],
                    scannedAt: new Date().toISOString(),
                    offline: false,
                  },
                ],
              }),
            }).then(() => {}),
        }),
      );
    }
    await direct.close();
    printTable(
      `Scan validation: Opsdesk API vs the same statements through pg (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`,
      rows,
    );
  } finally {
    await server.stop();
  }
}

type Headers = Record<string, string>;
const today = () => new Date().toISOString().slice(0, 10);

/** An all-day meal, a cycle around today, and paid, approved students; answers their pass strings. */
export async function setUp(base: string, headers: Headers): Promise<string[]> {
  return paidStudentsWithPasses(
    {
      post: async (path, body) =>
        JSON.parse(
          (await request(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })).body,
        ),
      bytes: async (path) => Buffer.from(await (await fetch(`${base}${path}`, { headers })).arrayBuffer()),
    },
    STUDENTS,
    'B',
  );
}

/** The statements one scan runs (settings, facts, nonce, keys, version, student, served, insert) through pg. */
export async function directBaseline(url: string | null | undefined = process.env.DATABASE_URL) {
  const lite = url ? undefined : await PGlite.create();
  const pool = lite
    ? new pg.Pool(createPgConfig(lite))
    : new pg.Pool({ connectionString: url ?? undefined, max: 10 });
  if (lite) await migrate(pool, migrationSources([messModule]));
  const q = async <T extends object>(text: string, values: unknown[] = []) =>
    (await pool.query<T>(text, values)).rows;
  const [org] = await q<{ id: string }>(
    "insert into organization (slug, name) values ('bench-mess-' || floor(random()*1e9)::text, 'bench') returning id",
  );
  const orgId = org!.id;
  const [student] = await q<{ id: string }>(
    "insert into mess_student (org_id, name, roll_number, status) values ($1, 'B', 'B' || floor(random()*1e9)::text, 'approved') returning id",
    [orgId],
  );
  await q(
    "insert into mess_meal (org_id, name, start_time, end_time) values ($1, 'All day', '00:00', '23:59')",
    [orgId],
  );
  await q(
    "insert into pass_key (org_id, key_id, public_key, retired_at) values ($1, 'b3c4d5e6', decode(repeat('00', 32), 'hex'), now())",
    [orgId],
  );
  return {
    async scan() {
      await q('select settings, time_zone from organization where id = $1', [orgId]);
      await q('select id, name, start_time, end_time, weekdays from mess_meal where org_id = $1', [orgId]);
      await q('select date, meal_ids from mess_closure where org_id = $1 and date >= $2', [orgId, today()]);
      await q('select * from mess_cycle where org_id = $1 and to_date >= $2', [orgId, today()]);
      const nonce = crypto.randomUUID();
      await q('select decision from mess_scan where org_id = $1 and nonce = $2', [orgId, nonce]);
      await q('select key_id, public_key from pass_key where org_id = $1', [orgId]);
      await q(
        "select version from pass_subject where org_id = $1 and subject_type = 'mess' and subject_id = $2",
        [orgId, student!.id],
      );
      await q(
        `select s.id, s.status, (select coalesce(json_agg(c), '[]') from mess_cut c where c.student_id = s.id and c.org_id = s.org_id) as cuts,
           (select coalesce(json_agg(p), '[]') from mess_fee_payment p where p.student_id = s.id and p.org_id = s.org_id) as payments
         from mess_student s where s.org_id = $1 and s.id = $2`,
        [orgId, student!.id],
      );
      await q(
        "select id from mess_scan where org_id = $1 and student_id = $2 and window_key = $3 and decision = 'allowed'",
        [orgId, student!.id, `${today()}:x`],
      );
      const c = await pool.connect();
      try {
        await c.query('begin');
        await c.query(
          `insert into mess_scan (org_id, nonce, device_id, student_id, method, scanned_at, offline, decision, reason, synced_by, local_date)
           values ($1, $2, 'bench', $3, 'pass', now(), false, 'denied', 'already_served', 'bench', $4) on conflict do nothing returning id`,
          [orgId, nonce, student!.id, today()],
        );
        await c.query('commit');
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
