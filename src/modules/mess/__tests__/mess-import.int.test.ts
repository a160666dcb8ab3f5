import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg } from '../../../../test/factories/org.ts';
import { createStudent } from '../../../../test/factories/student.ts';
import { holdingsOf, moduleImport, reportCounts } from '../../../../test/support/import-kit.ts';
import { TEST_MODULES } from '../../../../test/support/template-sources.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { setTelegramWebhook } from '../../../channels/telegram/index.ts';
import {
  startTelegramStandin,
  type TelegramStandin,
} from '../../../channels/telegram/sandbox/telegram-bot-api.ts';
import {
  dumpdataSource,
  openCsvSource,
  postgresSource,
  type SourceConnection,
} from '../../../core/imports/index.ts';
import { createEmbedded, openDatabase, sql } from '../../../platform/db/index.ts';
import { TZ_ENV } from './mess-fixture.ts';

/** The mess alone (with the core): the import needs nothing else. */
const AREAS = TEST_MODULES.filter((m) => m.name === 'mess');

// Issue 42, items 1-4: the mess original's records come over from a dumpdata file, its database or
// CSV files, the same way; a second run changes nothing; the bot knows an imported student; a bad
// row is reported with its reason and nothing of it is written.

const FIXTURES = new URL('../../../../test/fixtures/import/', import.meta.url);
const DUMPDATA = JSON.parse(readFileSync(new URL('mess-dumpdata.json', FIXTURES), 'utf8')) as Array<{
  model: string;
  pk: number;
  fields: Record<string, unknown>;
}>;
const SECRET = 'mess-import-webhook-secret';
const NOW = '2026-11-16T13:00:00+05:30';
const startedAt = Date.now();

let tg: TelegramStandin;
let app: TestApp;

beforeAll(async () => {
  tg = await startTelegramStandin();
  app = await startTestApp({
    modules: AREAS,
    clock: { now: () => new Date(Date.parse(NOW) + (Date.now() - startedAt)) },
    env: {
      ...TZ_ENV,
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.url,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
    },
  });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  await app.startWorker();
  await setTelegramWebhook(app.deps, `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`);
});
afterAll(async () => {
  await app?.close();
  await tg?.close();
});

const run = moduleImport(() => app, AREAS, 'mess');
const fixture = () => dumpdataSource(DUMPDATA, 'dumpdata mess-dumpdata.json');

/** What an organization holds of the mess and its payments: everything an import could write. */
const holdings = (org: string) =>
  holdingsOf(app.database.db, org, {
    students: 'mess_student',
    cycles: 'mess_cycle',
    payments: 'payment',
    files: 'file_object',
    fees: 'mess_fee_payment',
    cuts: 'mess_cut',
    closures: 'mess_closure',
    scans: 'mess_scan',
    notifications: 'notification',
    origins: 'import_origin',
  });

const FULL = {
  'mess.student': [4, 4, 0, 0, 0],
  'mess.cycle': [2, 2, 0, 0, 0],
  'mess.payment': [5, 4, 0, 1, 0],
  'mess.messcut': [2, 2, 0, 0, 0],
  'mess.messclosure': [2, 2, 0, 0, 0],
  'mess.scanevent': [3, 3, 0, 0, 0],
};
const HOLDINGS = {
  students: 4,
  cycles: 2,
  payments: 4,
  files: 3,
  fees: 2,
  cuts: 2,
  closures: 4,
  scans: 3,
  notifications: 0,
  origins: 17,
};

describe('opsdesk import mess', () => {
  it('brings the dumpdata fixture over in full, statuses, chat ids and proofs kept, sending nothing', async () => {
    const report = await run('default', fixture());
    expect(report.issues).toEqual([]);
    expect(reportCounts(report)).toEqual(FULL);
    expect(report.messages).toEqual({ wouldSend: 2, queued: 0 });
    expect(await holdings('default')).toEqual(HOLDINGS);

    const db = app.database.db;
    const { rows: students } = await sql<Record<string, string>>`
      select roll_number, telegram_id, status, language, name from mess_student order by roll_number`.execute(
      db,
    );
    expect(students).toEqual([
      { roll_number: 'CS101', telegram_id: '7101', status: 'approved', language: 'en', name: 'Asha Verma' },
      { roll_number: 'CS102', telegram_id: '7102', status: 'approved', language: 'hi', name: 'Ravi Singh' },
      { roll_number: 'CS103', telegram_id: '7103', status: 'pending', language: 'en', name: 'Meena Das' },
      { roll_number: 'CS104', telegram_id: null, status: 'denied', language: 'en', name: 'Karan Mehta' },
    ]);
    const { rows: payments } = await sql<Record<string, string>>`
      select p.method, p.status, p.amount_minor, f.original_name, p.note
      from payment p left join file_object f on f.id = p.proof_file_id order by p.created_at`.execute(db);
    expect(payments).toEqual([
      expect.objectContaining({
        method: 'proof',
        status: 'verified',
        amount_minor: '300000',
        original_name: 'asha-aug.jpg',
      }),
      expect.objectContaining({
        method: 'proof',
        status: 'submitted',
        amount_minor: '300000',
        original_name: 'ravi-aug.png',
      }),
      expect.objectContaining({
        method: 'manual',
        status: 'recorded',
        amount_minor: '300000',
        original_name: null,
      }),
      expect.objectContaining({ method: 'proof', status: 'denied', amount_minor: '150000' }),
    ]);
    expect(payments[0]!.note).toBe(
      'Proof before the import: https://res.cloudinary.com/sahara/image/upload/v1/payments/asha-aug.jpg',
    );
    const { rows: closures } = await sql<{
      date: string;
    }>`select date from mess_closure order by date`.execute(db);
    expect(closures.map((c) => c.date)).toEqual(['2026-08-15', '2026-10-20', '2026-10-21', '2026-10-22']);
  });

  it('changes nothing when the same import runs again', async () => {
    const before = await holdings('default');
    const again = await run('default', fixture());
    expect(again.issues).toEqual([]);
    expect(again.models.every((m) => m.created === 0 && m.refused === 0)).toBe(true);
    expect(reportCounts(again)['mess.student']).toEqual([4, 0, 4, 0, 0]);
    expect(await holdings('default')).toEqual(before);
  });

  it('recognises an imported student who writes to the bot: the menu, not a registration', async () => {
    tg.userSendsText(7101, '/start');
    const reply = await tg
      .waitForMessage(7101, () => tg.sentMessages(7101).length >= 1, 10_000)
      .then(() => tg.sentMessages(7101)[0]!);
    expect(reply.text).toContain('Hello Asha Verma! What would you like to do?');
    expect(
      tg
        .sentMessages(7101)
        .map((m) => m.text)
        .join('\n'),
    ).not.toMatch(/already registered|full name/);
  });

  it('reads the same records from CSV files and from the original database', async () => {
    await createOrg(app, { slug: 'from-csv', currency: 'INR', timeZone: 'Asia/Kolkata' });
    const csv = await run('from-csv', openCsvSource(new URL('mess-csv', FIXTURES).pathname));
    expect(csv.issues).toEqual([]);
    expect(reportCounts(csv)).toEqual(FULL);
    expect(await holdings('from-csv')).toEqual(HOLDINGS);

    // The original's PostgreSQL, with Django's tables, read in a read-only transaction.
    const lite = await createEmbedded();
    const original = await openDatabase({ lite });
    try {
      await original.pool.query(readFileSync(new URL('mess-django-schema.sql', FIXTURES), 'utf8'));
      for (const r of DUMPDATA) {
        const table = r.model.replace('.', '_');
        const columns = Object.keys(r.fields).map((f) => (['student', 'cycle'].includes(f) ? `${f}_id` : f));
        const values = Object.values(r.fields);
        await original.pool.query(
          `insert into ${table} (id, ${columns.join(', ')}) values (${[r.pk, ...values].map((_, i) => `$${i + 1}`).join(', ')})`,
          [r.pk, ...values],
        );
      }
      await createOrg(app, { slug: 'from-db', currency: 'INR', timeZone: 'Asia/Kolkata' });
      const client = await original.pool.connect();
      const source = await postgresSource(client as unknown as SourceConnection, 'postgres original', () =>
        client.release(),
      );
      const fromDb = await run('from-db', source);
      await source.close();
      expect(fromDb.issues).toEqual([]);
      expect(reportCounts(fromDb)).toEqual(FULL);
      expect(await holdings('from-db')).toEqual(HOLDINGS);
    } finally {
      await original.close();
      await lite.close();
    }
  }, 180_000);

  it('writes nothing in a dry run, and says how many passes --notify would send', async () => {
    await createOrg(app, { slug: 'dry', currency: 'INR', timeZone: 'Asia/Kolkata' });
    const dry = await run('dry', fixture(), { dryRun: true });
    expect(reportCounts(dry)).toEqual(FULL);
    expect(dry.messages).toEqual({ wouldSend: 2, queued: 0 });
    expect(await holdings('dry')).toMatchObject({ students: 0, payments: 0, origins: 0, notifications: 0 });

    const sent = await run('dry', fixture(), { notify: true });
    expect(sent.messages).toEqual({ wouldSend: 2, queued: 2 });
    expect(await holdings('dry')).toMatchObject({ students: 4, notifications: 2 });
  });

  it('reports a record that cannot come over with its reason, and writes none of it', async () => {
    await createOrg(app, { slug: 'bad-rows', currency: 'INR', timeZone: 'Asia/Kolkata' });
    // Registered in Opsdesk before the import: the original's CS102 cannot take the roll number.
    await createStudent(app, { org: 'bad-rows', rollNumber: 'CS102', name: 'Native Student' });
    const broken = DUMPDATA.map((r) =>
      r.model === 'mess.student' && r.pk === 3 ? { ...r, fields: { ...r.fields, status: 'maybe' } } : r,
    ).concat([
      { model: 'mess.payment', pk: 6, fields: { ...DUMPDATA[6]!.fields, student: 99 } },
      {
        model: 'mess.cycle',
        pk: 3,
        fields: { ...DUMPDATA[4]!.fields, name: 'Broken', start_date: '2026-13-01' },
      },
    ]);
    const report = await run('bad-rows', dumpdataSource(broken, 'dumpdata broken'));
    expect(report.issues).toEqual([
      {
        model: 'mess.student',
        pk: '3',
        field: 'status',
        reason: 'expected one of pending, approved, denied, got maybe',
      },
      {
        model: 'mess.student',
        pk: '2',
        field: null,
        reason: 'roll_no: this roll number is already registered in Opsdesk',
      },
      {
        model: 'mess.cycle',
        pk: '3',
        field: 'start_date',
        reason: 'expected a date YYYY-MM-DD, got 2026-13-01',
      },
      expect.objectContaining({
        model: 'mess.payment',
        pk: '2',
        field: 'student',
        reason: 'student 2 did not come over',
      }),
      expect.objectContaining({ model: 'mess.payment', pk: '4', field: 'student' }),
      expect.objectContaining({
        model: 'mess.payment',
        pk: '6',
        field: 'student',
        reason: 'student 99 did not come over',
      }),
      expect.objectContaining({ model: 'mess.messcut', pk: '2', field: 'student' }),
      expect.objectContaining({ model: 'mess.scanevent', pk: '2', field: 'student' }),
    ]);
    // The batch that met the taken roll number was written again row by row: the others are whole.
    const { rows } = await sql<{ roll_number: string; name: string }>`
      select s.roll_number, s.name from mess_student s join organization o on o.id = s.org_id
      where o.slug = 'bad-rows' order by s.roll_number`.execute(app.database.db);
    expect(rows).toEqual([
      { roll_number: 'CS101', name: 'Asha Verma' },
      { roll_number: 'CS102', name: 'Native Student' },
      { roll_number: 'CS104', name: 'Karan Mehta' },
    ]);
    expect(await holdings('bad-rows')).toMatchObject({
      students: 3,
      payments: 2,
      files: 1,
      fees: 2,
      origins: 2 + 2 + 2 + 1 + 2 + 2,
    });
  });
});
