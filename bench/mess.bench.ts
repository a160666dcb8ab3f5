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
      send: async (method, path, body) =>
        JSON.parse((await request(`${base}${path}`, { method, headers, body: JSON.stringify(body) })).body),
      bytes: async (path) => Buffer.from(await (await fetch(`${base}${path}`, { headers })).arrayBuffer()),
    },
    STUDENTS,
    'B',
  );
}

/** The statements a scan (or a batch of them) runs through pg: one read of the facts, one insert. */
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
    /** One scan's statements (issue 29): one read of every fact, then `size` scans in one insert. */
    async scan(size = 1) {
      const nonces = Array.from({ length: size }, () => crypto.randomUUID());
      await q(
        `select
           (select json_build_object('settings', settings -> 'mess', 'timeZone', time_zone) from organization where id = $1) as org,
           (select coalesce(json_agg(m), '[]') from (select id, name, start_time, end_time, weekdays from mess_meal where org_id = $1) m) as meals,
           (select coalesce(json_agg(c), '[]') from (select date, meal_ids from mess_closure where org_id = $1 and date >= $3) c) as closures,
           (select coalesce(json_agg(c), '[]') from (select * from mess_cycle where org_id = $1 and to_date >= $3) c) as cycles,
           (select coalesce(json_agg(s), '[]') from (
              select s.id, s.status,
                (select coalesce(json_agg(c), '[]') from mess_cut c where c.student_id = s.id and c.org_id = s.org_id) as cuts,
                (select coalesce(json_agg(p), '[]') from mess_fee_payment p where p.student_id = s.id and p.org_id = s.org_id) as payments
              from mess_student s where s.org_id = $1 and s.id = $2) s) as students,
           (select coalesce(json_agg(v), '[]') from (select version from pass_subject where org_id = $1 and subject_type = 'mess' and subject_id = $2::text) v) as versions,
           (select coalesce(json_agg(x), '[]') from (select id, window_key from mess_scan where org_id = $1 and student_id = $2 and decision = 'allowed' and scanned_at >= now() - interval '2 days') x) as served,
           (select coalesce(json_agg(x), '[]') from (select nonce from mess_scan where org_id = $1 and nonce = any($4::uuid[])) x) as stored`,
        [orgId, student!.id, today(), nonces],
      );
      await q(
        `insert into mess_scan (org_id, nonce, device_id, student_id, method, scanned_at, offline, decision, reason, synced_by, local_date)
         select $1, n, 'bench', $3, 'pass', now(), false, 'denied', 'already_served', 'bench', $4 from unnest($2::uuid[]) n
         on conflict do nothing returning id, nonce`,
        [orgId, nonces, student!.id, today()],
      );
    },
    async close() {
      await pool.end();
      await lite?.close();
    },
  };
}
