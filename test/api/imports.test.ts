import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport, ImportRunJson } from '../../src/core/imports/index.ts';
import { TZ_ENV } from '../../src/modules/mess/__tests__/mess-fixture.ts';
import { sql } from '../../src/platform/db/index.ts';
import { eventually } from '../support/eventually.ts';
import { reportCounts } from '../support/import-kit.ts';
import { TEST_MODULES } from '../support/template-sources.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

// Issue 42 item 1: the import from the console's API: which modules have one, a dry run of an
// upload (a job with its progress), the run of the same files, a second run that changes nothing,
// and a bad upload refused with a problem naming the field.

const AREAS = TEST_MODULES.filter((m) => m.name === 'mess');
// What the Sahara mess original wrote itself (test/fixtures/import/mess-original/README.md).
const FIXTURE = readFileSync(
  new URL('../fixtures/import/mess-original/dumpdata-1.json', import.meta.url),
  'utf8',
);
const CSV_FOLDER = new URL('../fixtures/import/mess-original/csv-1/', import.meta.url);
/** The QR_SECRET the original ran with when it wrote them. */
const QR_SECRET = 'sahara-qr-secret-2025-abcdefghijklmnop';

let app: TestApp;
let owner: ApiClient;

beforeAll(async () => {
  app = await startTestApp({ modules: AREAS, env: TZ_ENV });
  await app.startWorker();
  await app.createStaff({ email: 'owner@imports.example', role: 'owner' });
  await app.createStaff({ email: 'ops@imports.example', role: 'ops' });
  owner = await app.signIn('owner@imports.example');
}, 180_000);
afterAll(async () => {
  await app?.close();
});

const upload = { format: 'dumpdata', file: { name: 'sahara.json', content: FIXTURE } };

type Run = Omit<ImportRunJson, 'report'> & {
  report: ImportReport | null;
};

/** Waits for the run's job to finish, then answers the run as the console reads it. */
const finished = (id: string) =>
  eventually(
    async () => {
      const run = (await owner.get(`/api/imports/runs/${id}`)).json() as Run;
      return run.status !== 'running' && run;
    },
    { what: `import run ${id} to finish` },
  );

const counts = (run: Run) => reportCounts(run.report!);

/** The file-store ids of a run's upload. */
async function uploadFilesOf(runId: string): Promise<string[]> {
  const { rows } = await sql<{ source: { files: Array<{ fileId: string }> } }>`
    select source from import_run where id = ${runId}`.execute(app.database.db);
  return rows[0]!.source.files.map((f) => f.fileId);
}

async function holdings() {
  const { rows } = await sql<Record<string, string>>`
    select (select count(*) from mess_student) as students, (select count(*) from mess_cycle) as cycles,
      (select count(*) from payment) as payments, (select count(*) from mess_scan) as scans,
      (select count(*) from import_origin) as origins`.execute(app.database.db);
  return Object.fromEntries(Object.entries(rows[0]!).map(([k, v]) => [k, Number(v)]));
}

const FULL = {
  'core.student': [14, 14, 0, 0, 0],
  'core.payment': [23, 22, 0, 1, 0],
  'core.messcut': [6, 6, 0, 0, 0],
  'core.messclosure': [3, 3, 0, 0, 0],
  'core.scanevent': [218, 218, 0, 0, 0],
};

describe('the import API', () => {
  it('lists the modules of the organization that have an import, with their models', async () => {
    const res = await owner.get('/api/imports');
    expect(res.statusCode).toBe(200);
    const [mess, ...others] = res.json().modules;
    expect(others).toEqual([]);
    expect(mess.module).toBe('mess');
    expect(mess.models.map((m: { model: string }) => m.model)).toEqual(Object.keys(FULL));
  });

  it('refuses a bad upload with a problem naming the field', async () => {
    const notJson = await owner.post('/api/imports/mess/runs', {
      dryRun: true,
      source: { format: 'dumpdata', file: { name: 'mess.json', content: '{"model": ' } },
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.headers['content-type']).toContain('application/problem+json');
    expect(notJson.json().errors[0]).toMatchObject({ field: 'source.file.content', code: 'invalid_value' });

    const otherSystem = await owner.post('/api/imports/mess/runs', {
      source: {
        format: 'dumpdata',
        file: { name: 'raffle.json', content: '[{"model": "raffle.ticket", "pk": 1, "fields": {}}]' },
      },
    });
    expect(otherSystem.statusCode).toBe(400);
    expect(otherSystem.json().errors[0].field).toBe('source.file.content');
    expect(otherSystem.json().errors[0].expected).toContain('core.student');
    // It names what it found, so the operator sees which system the file came from.
    expect(otherSystem.json().errors[0].message).toContain('it holds raffle.ticket');

    const csvOfNothing = await owner.post('/api/imports/mess/runs', {
      source: { format: 'csv', files: [{ name: 'tickets.csv', content: 'id,number\n1,7\n' }] },
    });
    expect(csvOfNothing.statusCode).toBe(400);
    expect(csvOfNothing.json().errors[0].field).toBe('source.files.0.model');

    // A control character in a file name is dropped, never a 500 (issue 55 item 6).
    const nulName = await owner.post('/api/imports/mess/runs', {
      source: { format: 'dumpdata', file: { name: 'mess\u0000.json', content: '{"model": ' } },
    });
    expect(nulName.statusCode).toBe(400);
    expect(nulName.json().errors[0].field).toBe('source.file.content');

    const neither = await owner.post('/api/imports/mess/runs', { dryRun: true });
    expect(neither.statusCode).toBe(400);
    expect(neither.json().errors[0].field).toBe('source');

    const noSuchModule = await owner.post('/api/imports/raffle/runs', { source: upload });
    expect(noSuchModule.statusCode).toBe(404);
    expect(noSuchModule.json().code).toBe('imports.module_not_importable');
    expect(await holdings()).toMatchObject({ students: 0, origins: 0 });
  });

  it('is for owners and admins: ops and viewers may neither import nor read an import or its upload', async () => {
    await app.createStaff({ email: 'viewer@imports.example', role: 'viewer' });
    const dry = await finished((await owner.post('/api/imports/mess/runs', { source: upload })).json().id);
    for (const email of ['ops@imports.example', 'viewer@imports.example']) {
      const other = await app.signIn(email);
      expect((await other.post('/api/imports/mess/runs', { source: upload })).statusCode).toBe(403);
      expect((await other.get('/api/imports')).statusCode).toBe(403);
      expect((await other.get(`/api/imports/runs/${dry.id}`)).statusCode).toBe(403);
      expect((await other.get(`/api/imports/runs/${dry.id}/issues.csv`)).statusCode).toBe(403);
    }
    // Not even its owner reads the dump through the generic file routes (or attaches it as a proof).
    const [fileId] = await uploadFilesOf(dry.id);
    expect((await owner.get(`/api/files/${fileId}/content`)).statusCode).toBe(404);
    expect((await owner.get(`/api/files/${fileId}`)).statusCode).toBe(404);
  });

  it('dry-runs the upload, runs the same files, and a second run changes nothing', async () => {
    // The dry run: a job; a retry with the same Idempotency-Key is the same run.
    // The original's QR secret is asked once, with the dry run; the run after it reuses it, sealed.
    const started = await owner.post(
      '/api/imports/mess/runs',
      { dryRun: true, source: upload, answers: { qrSecret: QR_SECRET } },
      { 'idempotency-key': 'mess-import-dry-1' },
    );
    expect(started.statusCode).toBe(202);
    const again = await owner.post(
      '/api/imports/mess/runs',
      { dryRun: true, source: upload, answers: { qrSecret: QR_SECRET } },
      { 'idempotency-key': 'mess-import-dry-1' },
    );
    expect(again.json().id).toBe(started.json().id);
    const dry = await finished(started.json().id);
    expect(dry).toMatchObject({ status: 'done', total: 264, done: 264 });
    expect(dry.report!.dryRun).toBe(true);
    expect(counts(dry)).toEqual(FULL);
    expect(dry.report!.messages).toEqual({ wouldSend: 12, queued: 0 });
    const { rows: kept } = await sql<{ answers: string | null }>`
      select answers from import_run where id = ${dry.id}`.execute(app.database.db);
    expect(kept[0]!.answers).not.toContain(QR_SECRET);
    expect(await holdings()).toEqual({ students: 0, cycles: 0, payments: 0, scans: 0, origins: 0 });

    // The run imports the files the dry run checked, without uploading them again.
    const run = await owner.post('/api/imports/mess/runs', { dryRun: false, sameSourceAs: dry.id });
    expect(run.statusCode).toBe(202);
    const done = await finished(run.json().id);
    expect(done).toMatchObject({ status: 'done', total: 264, done: 264 });
    expect(done.report!.issues.filter((i) => i.kind === 'refused')).toEqual([]);
    expect(counts(done)).toEqual(FULL);
    expect(done.report!.messages).toEqual({ wouldSend: 12, queued: 0 });
    const after = await holdings();
    expect(after).toMatchObject({ students: 14, payments: 22, scans: 218, origins: 263 });
    // The answer went with the run: nothing of it is kept once the run is done.
    const { rows: forgotten } = await sql<{ answers: string | null }>`
      select answers from import_run where id = ${run.json().id}`.execute(app.database.db);
    expect(forgotten[0]!.answers).toBeNull();
    // The run read the dump: its bytes are gone from the file store, the row says when.
    const [fileId] = await uploadFilesOf(dry.id);
    const { rows: purged } = await sql<{ purged: boolean }>`
      select purged_at is not null as purged from file_object where id = ${fileId}`.execute(app.database.db);
    expect(purged[0]!.purged).toBe(true);

    // Its files are gone: a later run (until switch day) uploads the original's data again.
    const reused = await owner.post('/api/imports/mess/runs', { dryRun: false, sameSourceAs: dry.id });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().errors[0]).toMatchObject({ field: 'sameSourceAs' });
    const second = await finished(
      (await owner.post('/api/imports/mess/runs', { dryRun: false, source: upload })).json().id,
    );
    expect(second.report!.models.every((m) => m.created === 0 && m.updated === 0 && m.refused === 0)).toBe(
      true,
    );
    expect(counts(second)['core.student']).toEqual([14, 0, 14, 0, 0]);
    expect(await holdings()).toEqual(after);

    // Audited as the command line's import: who started it, and what it brought.
    const { rows } = await sql<{ action: string; actor_label: string }>`
      select action, actor_label from audit_event where action like 'imports.run.%' order by at`.execute(
      app.database.db,
    );
    expect(rows.map((r) => r.action)).toEqual([
      'imports.run.started',
      'imports.run.started',
      'imports.run.started',
      'imports.run.completed',
      'imports.run.started',
      'imports.run.completed',
    ]);
  });

  it('reads CSV files with their headers mapped, the model named by the file name', async () => {
    const csv = (name: string) => readFileSync(new URL(name, CSV_FOLDER), 'utf8');
    const res = await owner.post('/api/imports/mess/runs', {
      dryRun: true,
      source: {
        format: 'csv',
        // named as psql exports its table, with a header renamed by the operator
        files: [{ name: 'students.csv', content: csv('students.csv').replace(',id,', ',Student ID,') }],
        mapping: { 'core.student': { 'Student ID': 'id' } },
      },
    });
    expect(res.statusCode).toBe(202);
    const dry = await finished(res.json().id);
    expect(dry.status).toBe('done');
    // Already brought over by the dumpdata runs above: the same pks.
    expect(counts(dry)['core.student']).toEqual([14, 0, 14, 0, 0]);
  });

  it('ends a run whose job is gone (the process stopped) when the next one starts, instead of refusing it', async () => {
    const { rows } = await sql<{ id: string }>`
      insert into import_run (org_id, module, dry_run, source, source_label, started_by)
      select id, 'mess', true, '{"format": "dumpdata", "files": []}', 'dumpdata lost.json', 'someone'
      from organization where slug = 'default' returning id`.execute(app.database.db);
    const next = await owner.post('/api/imports/mess/runs', { dryRun: true, source: upload });
    expect(next.statusCode).toBe(202);
    const stale = (await owner.get(`/api/imports/runs/${rows[0]!.id}`)).json();
    expect(stale).toMatchObject({ status: 'failed', error: expect.stringContaining('process stopped') });
    expect((await finished(next.json().id)).status).toBe('done');
  });
});
