import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app/build-app.ts';
import { importIntoOrganization } from '../src/app/module-imports.ts';
import { AVAILABLE_MODULES } from '../src/app/modules.ts';
import { dumpdataSource } from '../src/core/imports/index.ts';
import { createOrganization } from '../src/core/orgs/index.ts';
import { loadConfig } from '../src/platform/config/index.ts';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);

/** `mess.student` records as `python manage.py dumpdata` writes them (the fixture's fields). */
function students(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    model: 'mess.student',
    pk: i + 1,
    fields: {
      tg_user_id: 500_000_000 + i,
      name: `Student ${i + 1}`,
      roll_no: `R${String(i + 1).padStart(7, '0')}`,
      room_no: `B-${i % 400}`,
      phone: `+9198${String(i).padStart(8, '0')}`,
      status: i % 10 === 0 ? 'pending' : 'approved',
      language: i % 3 === 0 ? 'hi' : 'en',
      qr_version: 1,
      created_at: '2026-07-01T09:00:00Z',
      updated_at: '2026-07-02T10:00:00Z',
    },
  }));
}

/**
 * `opsdesk import mess` of `BENCH_IMPORT_ROWS` (default 100,000) students from a dumpdata file, on
 * PGlite (or PostgreSQL with DATABASE_URL): rows/s of the import (checked, batched multi-row inserts
 * with their origins, one transaction per 1,000), beside the same rows written by plain single-row
 * INSERTs through the same pool, in one transaction (the fastest a row-by-row importer could be).
 */
export async function benchImport(): Promise<void> {
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
    const records = students(ROWS);
    const slug = `import-${Date.now()}`;
    await createOrganization(app.database.db, {
      slug,
      name: 'Import bench',
      timeZone: 'Asia/Kolkata',
      currency: 'INR',
      languages: ['en', 'hi'],
    });
    const started = performance.now();
    const report = await importIntoOrganization(app, modules, {
      module: 'mess',
      org: slug,
      source: dumpdataSource(records, 'bench'),
      dryRun: false,
      options: { notify: false },
    });
    const importMs = performance.now() - started;
    const created = report.models.find((m) => m.model === 'mess.student')!.created;
    if (created !== ROWS)
      throw new Error(`imported ${created} of ${ROWS}: ${JSON.stringify(report.issues.slice(0, 3))}`);

    const again = performance.now();
    await importIntoOrganization(app, modules, {
      module: 'mess',
      org: slug,
      source: dumpdataSource(records, 'bench'),
      dryRun: false,
      options: { notify: false },
    });
    const againMs = performance.now() - again;

    const plainSlug = `plain-${Date.now()}`;
    const plainOrg = await createOrganization(app.database.db, {
      slug: plainSlug,
      name: 'Plain inserts',
      timeZone: 'Asia/Kolkata',
      currency: 'INR',
      languages: ['en', 'hi'],
    });
    const client = await app.database.pool.connect();
    const plainStarted = performance.now();
    try {
      await client.query('begin');
      for (const { fields: f } of records)
        await client.query(
          `insert into mess_student (org_id, name, roll_number, room, phone, language, status, telegram_id)
           values ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [plainOrg.id, f.name, f.roll_no, f.room_no, f.phone, f.language, f.status, String(f.tg_user_id)],
        );
      await client.query('commit');
    } finally {
      client.release();
    }
    const plainMs = performance.now() - plainStarted;

    const db = config.DATABASE_URL ? 'PostgreSQL' : 'PGlite';
    const rate = (ms: number) => `${Math.round((ROWS / ms) * 1000).toLocaleString('en')} rows/s`;
    console.log(`\nImport of ${ROWS.toLocaleString('en')} mess students from a dumpdata file on ${db}`);
    console.log(
      `  ${'opsdesk import mess (batches of 1,000, origins kept)'.padEnd(60)}${(importMs / 1000).toFixed(1).padStart(7)} s  ${rate(importMs)}`,
    );
    console.log(
      `  ${'the same again (every record already imported: no writes)'.padEnd(60)}${(againMs / 1000).toFixed(1).padStart(7)} s  ${rate(againMs)}`,
    );
    console.log(
      `  ${'plain INSERT per row, one transaction (baseline)'.padEnd(60)}${(plainMs / 1000).toFixed(1).padStart(7)} s  ${rate(plainMs)}`,
    );
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
