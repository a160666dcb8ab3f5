import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app/build-app.ts';
import { importIntoOrganization } from '../src/app/module-imports.ts';
import { AVAILABLE_MODULES } from '../src/app/modules.ts';
import { dumpdataSource, type SourceRecord } from '../src/core/imports/index.ts';
import { createOrganization } from '../src/core/orgs/index.ts';
import { loadConfig } from '../src/platform/config/index.ts';
import { request } from './lib/load.ts';
import { startBenchServer } from './lib/server.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const CONSOLE_ROWS = Number(process.env.BENCH_IMPORT_CONSOLE_ROWS ?? 40_000);
const PORT = Number(process.env.BENCH_PORT ?? 3481);

const NAMES = ['Asha Verma', 'Rahul Nair', 'आदित्य शर्मा', 'Fathima K', 'Joseph D’Souza', 'Ananya', 'मीरा'];
const MEALS = ['BREAKFAST', 'LUNCH', 'DINNER'];
const RESULTS = ['ALLOWED', 'ALLOWED', 'ALLOWED', 'BLOCKED_NO_PAYMENT', 'BLOCKED_CUT', 'BLOCKED_STATUS'];

/**
 * The Sahara mess original's records as its `dumpdata` writes them (UUID keys, `core.student` and
 * `core.scanevent`, the fields of test/fixtures/import/mess-original/dumpdata-1.json): one student
 * for every four scans, phones as people type them.
 */
export function messRecords(n: number): SourceRecord[] {
  const students = Math.max(1, Math.round(n / 5));
  const ids = Array.from({ length: students }, () => randomUUID());
  const records: SourceRecord[] = ids.map((id, i) => ({
    model: 'core.student',
    pk: id,
    fields: {
      created_at: '2026-09-25T03:30:00Z',
      updated_at: '2026-10-04T15:30:00Z',
      tg_user_id: 700_000_000 + i,
      name: `${NAMES[i % NAMES.length]} ${i}`,
      roll_no: `CS${String(i).padStart(6, '0')}`,
      room_no: `A-${i % 400}`,
      phone: i % 3 === 0 ? `98765 ${String(i).padStart(5, '0')}` : `+91 98${String(i).padStart(8, '0')}`,
      status: i % 10 === 0 ? 'PENDING' : 'APPROVED',
      qr_version: 1 + (i % 3),
      qr_nonce: randomUUID().slice(0, 12),
    },
  }));
  for (let i = 0; records.length < n; i++) {
    const at = new Date(Date.UTC(2026, 10, 1 + (i % 25), 2 + (i % 3) * 5, i % 60)).toISOString();
    records.push({
      model: 'core.scanevent',
      pk: randomUUID(),
      fields: {
        created_at: at,
        updated_at: at,
        student: ids[i % students],
        meal: MEALS[i % 3],
        scanned_at: at,
        staff_token: null,
        result: RESULTS[i % RESULTS.length],
        device_info: 'Galaxy A12 — Samsung Internet',
      },
    });
  }
  return records;
}

/**
 * `opsdesk import mess` (issue 51 item 6), on PGlite (or PostgreSQL with DATABASE_URL):
 * 1. rows/s of `BENCH_IMPORT_ROWS` (100,000: students and their scans, the original's dumpdata
 *    shape) through the command's path, beside the same rows written by plain single-row INSERTs
 *    through the same pool in one transaction (the fastest a row-by-row importer could be);
 * 2. a console import of `BENCH_IMPORT_CONSOLE_ROWS` (40,000) on a running `opsdesk start`: the
 *    upload, then `/readyz` and the students list asked every 100 ms while the job runs, their
 *    latency percentiles and worst, and the progress the page would show (records done of total).
 */
export async function benchImport(): Promise<void> {
  await importThroughput();
  await consoleImportResponsiveness();
}

async function importThroughput(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-bench-import-'));
  const config = loadConfig(
    {
      NODE_ENV: 'test',
      OPSDESK_LOG_LEVEL: 'warn',
      OPSDESK_DATA_DIR: dataDir,
      OPSDESK_CURRENCY: 'INR',
      OPSDESK_TIMEZONE: 'Asia/Kolkata',
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    },
    { envFile: false },
  );
  const modules = AVAILABLE_MODULES.filter((m) => m.name === 'mess');
  const app = await buildApp({ config, modules });
  try {
    const records = messRecords(ROWS);
    const newOrg = async (prefix: string) =>
      createOrganization(app.database.db, {
        slug: `${prefix}-${Date.now()}`,
        name: prefix,
        timeZone: 'Asia/Kolkata',
        currency: 'INR',
        languages: ['en', 'hi'],
      });
    const org = await newOrg('import');
    const run = () =>
      importIntoOrganization(app, modules, {
        module: 'mess',
        org: org.slug,
        source: dumpdataSource(records, 'bench'),
        dryRun: false,
        options: { notify: false },
      });
    const started = performance.now();
    const report = await run();
    const importMs = performance.now() - started;
    const created = report.models.reduce((n, m) => n + m.created, 0);
    if (created !== ROWS)
      throw new Error(`imported ${created} of ${ROWS}: ${JSON.stringify(report.issues.slice(0, 3))}`);
    const again = performance.now();
    await run();
    const againMs = performance.now() - again;

    const plainOrg = await newOrg('plain');
    const client = await app.database.pool.connect();
    const plainStarted = performance.now();
    try {
      await client.query('begin');
      const studentIds = new Map<string, string>();
      for (const { pk, model, fields: f } of records) {
        if (model === 'core.student') {
          const { rows } = await client.query(
            `insert into mess_student (org_id, name, roll_number, room, phone, status, telegram_id)
             values ($1, $2, $3, $4, $5, 'approved', $6) returning id`,
            [plainOrg.id, f.name, f.roll_no, f.room_no, f.phone, String(f.tg_user_id)],
          );
          studentIds.set(pk, rows[0].id);
        } else
          await client.query(
            `insert into mess_scan (org_id, nonce, device_id, student_id, method, scanned_at, offline,
               decision, synced_by) values ($1, $2, 'original', $3, 'legacy', $4, false, 'allowed', 'import')`,
            [plainOrg.id, pk, studentIds.get(String(f.student)), f.scanned_at],
          );
      }
      await client.query('rollback');
    } finally {
      client.release();
    }
    const plainMs = performance.now() - plainStarted;

    const db = config.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
    const rate = (ms: number) => `${Math.round((ROWS / ms) * 1000).toLocaleString('en')} rows/s`;
    const line = (what: string, ms: number) =>
      console.log(`  ${what.padEnd(66)}${(ms / 1000).toFixed(1).padStart(7)} s  ${rate(ms)}`);
    console.log(
      `\nImport of ${ROWS.toLocaleString('en')} mess records (students and scans, the original's dumpdata) on ${db}`,
    );
    line('opsdesk import mess (batches of 1,000, origins and hashes kept)', importMs);
    line('the same again (every record known and unchanged: no writes)', againMs);
    line('plain INSERT per row, one transaction (baseline)', plainMs);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function consoleImportResponsiveness(): Promise<void> {
  const server = await startBenchServer(PORT, { OPSDESK_MODULES: 'mess' });
  try {
    const headers = await server.signIn();
    const content = JSON.stringify(messRecords(CONSOLE_ROWS));
    const uploadStarted = performance.now();
    const started = await request(`${server.base}/api/imports/mess/runs`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        dryRun: false,
        source: { format: 'dumpdata', file: { name: 'mess.json', content } },
      }),
    });
    const uploadMs = performance.now() - uploadStarted;
    if (started.status !== 202)
      throw new Error(`upload answered ${started.status}: ${started.body.slice(0, 300)}`);
    const runId = JSON.parse(started.body).id as string;
    const readyz: number[] = [];
    const list: number[] = [];
    const progress: string[] = [];
    const timed = async (into: number[], url: string) => {
      const t = performance.now();
      const res = await request(url, { headers });
      into.push(performance.now() - t);
      return res;
    };
    const runStarted = performance.now();
    for (;;) {
      await Promise.all([
        timed(readyz, `${server.base}/readyz`),
        timed(list, `${server.base}/api/mess/students?perPage=25&sort=name`),
      ]);
      const run = JSON.parse((await request(`${server.base}/api/imports/runs/${runId}`, { headers })).body);
      const shown = `${run.done}/${run.total}`;
      if (progress.at(-1) !== shown) progress.push(shown);
      if (run.status !== 'running') {
        if (run.status !== 'done') throw new Error(`the run ${run.status}: ${run.error}`);
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const runMs = performance.now() - runStarted;
    const pct = (xs: number[], p: number) =>
      [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))]!;
    const row = (what: string, xs: number[]) =>
      console.log(
        `  ${what.padEnd(40)} n=${String(xs.length).padStart(4)}  p50 ${pct(xs, 0.5).toFixed(0).padStart(5)} ms  p99 ${pct(xs, 0.99).toFixed(0).padStart(5)} ms  worst ${Math.max(
          ...xs,
        )
          .toFixed(0)
          .padStart(5)} ms`,
      );
    console.log(
      `\nConsole import of ${CONSOLE_ROWS.toLocaleString('en')} mess records on a running opsdesk start (embedded database)`,
    );
    console.log(
      `  upload answered in ${(uploadMs / 1000).toFixed(1)} s; the job ran ${(runMs / 1000).toFixed(1)} s`,
    );
    row('GET /readyz while it runs', readyz);
    row('GET /api/mess/students while it runs', list);
    console.log(
      `  progress the page showed (records done/total): ${progress.length} steps, ${progress.slice(0, 4).join(', ')} … ${progress.at(-1)}`,
    );
  } finally {
    await server.stop();
  }
}
