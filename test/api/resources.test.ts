import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganizationBySlug } from '../../src/core/orgs/index.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

let app: TestApp;
let owner: ApiClient;
let viewer: ApiClient;
let ops: ApiClient;
let defaultOrg: string;
let otherOrg: string;
const ids = new Map<string, string>();

/** Inserts notes straight into the table so created_at and words are under the test's control. */
async function insertNotes(
  orgId: string,
  notes: { title: string; body?: string; words?: number | null; createdAt: string }[],
): Promise<void> {
  for (const n of notes) {
    const res = await app.database.pool.query<{ id: string }>(
      'insert into notes_note (org_id, title, body, words, created_at) values ($1, $2, $3, $4, $5) returning id',
      [orgId, n.title, n.body ?? '', n.words ?? null, n.createdAt],
    );
    ids.set(n.title, res.rows[0]!.id);
  }
}

const day = (d: number, h = 12) =>
  `2026-11-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`;

beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  await app.createStaff({ email: 'viewer@example.com', role: 'viewer' });
  await app.createStaff({ email: 'ops@example.com', role: 'ops' });
  await app.createStaff({ email: 'scanner@example.com', role: 'scanner' });
  await app.createStaff({ email: 'leaver@example.com', role: 'admin' });
  defaultOrg = (await findOrganizationBySlug(app.database.db, 'default'))!.id;
  otherOrg = await app.createOrg('other', 'other-owner@example.com');
  await app.createStaff({ email: 'other-ops@example.com', role: 'ops', org: 'other' });
  // 20 numbered notes, one per day of November, plus a few with words to search and a formula.
  await insertNotes(
    defaultOrg,
    Array.from({ length: 20 }, (_, i) => ({
      title: `Note ${String(i + 1).padStart(2, '0')}`,
      body: i % 2 ? 'odd body' : '',
      words: i,
      createdAt: day(i + 1),
    })),
  );
  await insertNotes(defaultOrg, [
    { title: 'Shopping list', body: 'bananas apples and bread', words: 4, createdAt: day(21) },
    { title: 'Banana bread recipe', body: 'flour sugar', words: 2, createdAt: day(22) },
    { title: '=HYPERLINK("http://evil.example")', body: 'formula', words: 1, createdAt: day(23) },
  ]);
  await insertNotes(otherOrg, [
    { title: 'Other org secret banana', body: 'not yours', words: 99, createdAt: day(10) },
  ]);
  owner = await app.signIn('owner@example.com');
  viewer = await app.signIn('viewer@example.com');
  ops = await app.signIn('ops@example.com');
});
afterAll(() => app.close());

describe('resource declarations', () => {
  it('lists the resources the caller may read, with what the caller may do', async () => {
    const all = (await owner.get('/api/resources')).json();
    const notes = all.find((r: { name: string }) => r.name === 'notes.notes');
    expect(all.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['platform.members', 'notes.notes']),
    );
    expect(notes).toMatchObject({
      label: 'notes.menu.notes',
      path: '/api/notes/records',
      search: true,
      exportable: true,
      idField: 'id',
      importable: {
        columns: [
          { name: 'title', required: true },
          { name: 'body', required: false },
        ],
      },
    });
    expect(notes.columns.find((c: { name: string }) => c.name === 'words')).toEqual({
      name: 'words',
      type: 'number',
      label: 'notes.fields.words',
      sortable: true,
      filter: 'range',
      options: null,
      defaultVisible: true,
      currency: null,
    });

    const seenByViewer = (await viewer.get('/api/resources')).json();
    const viewerNotes = seenByViewer.find((r: { name: string }) => r.name === 'notes.notes');
    expect(viewerNotes.importable).toBeNull();
    expect(viewerNotes.actions.map((a: { allowed: boolean }) => a.allowed)).toEqual([false, false]);

    const scanner = await app.signIn('scanner@example.com');
    expect((await scanner.get('/api/resources')).json()).toEqual([]);
    expect((await scanner.get('/api/notes/records')).statusCode).toBe(403);
  });
});

describe('lists', () => {
  it('pages through the organization’s records, newest first by default', async () => {
    const page = (await viewer.get('/api/notes/records?page=2&perPage=10')).json();
    expect(page).toMatchObject({ total: 23, page: 2, perPage: 10 });
    expect(page.items.map((n: { title: string }) => n.title)).toEqual(
      Array.from({ length: 10 }, (_, i) => `Note ${String(13 - i).padStart(2, '0')}`),
    );
    expect(page.items[0]).toEqual({
      id: ids.get('Note 13'),
      title: 'Note 13',
      body: '',
      words: 12,
      createdAt: '2026-11-13T12:00:00.000Z',
    });
    const last = (await viewer.get('/api/notes/records?page=3&perPage=10')).json();
    expect(last.items).toHaveLength(3);
    expect(last.total).toBe(23);
  });

  it('sorts by a declared column in either direction', async () => {
    const asc = (await viewer.get('/api/notes/records?sort=words&order=asc&perPage=3')).json();
    expect(asc.items.map((n: { words: number }) => n.words)).toEqual([0, 1, 1]);
    const desc = (await viewer.get('/api/notes/records?sort=title&order=desc&perPage=2')).json();
    expect(desc.items.map((n: { title: string }) => n.title)).toEqual(['Shopping list', 'Note 20']);
  });

  it('refuses a sort column that is not sortable, naming the allowed ones', async () => {
    const res = await viewer.get('/api/notes/records?sort=body');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'validation_failed',
      details: { param: 'sort', allowed: ['title', 'words', 'createdAt'] },
      errors: [{ field: 'query.sort', expected: 'title | words | createdAt' }],
    });
  });

  it('refuses unknown parameters and perPage above 200', async () => {
    const unknown = await viewer.get('/api/notes/records?org_id=x');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().details.allowed).toEqual(
      expect.arrayContaining(['title', 'words_gte', 'createdAt_lte']),
    );
    expect((await viewer.get('/api/notes/records?perPage=201')).json().details.param).toBe('perPage');
  });

  it('filters by number range, contained text and a date range', async () => {
    const range = (
      await viewer.get('/api/notes/records?words_gte=5&words_lte=7&sort=words&order=asc')
    ).json();
    expect(range.items.map((n: { title: string }) => n.title)).toEqual(['Note 06', 'Note 07', 'Note 08']);
    const contains = (await viewer.get('/api/notes/records?title=BREAD')).json();
    expect(contains.items.map((n: { title: string }) => n.title)).toEqual(['Banana bread recipe']);
    const dates = (
      await viewer.get(
        '/api/notes/records?createdAt_gte=2026-11-03&createdAt_lte=2026-11-05&sort=createdAt&order=asc',
      )
    ).json();
    expect(dates.items.map((n: { title: string }) => n.title)).toEqual(['Note 03', 'Note 04', 'Note 05']);
    expect(dates.total).toBe(3);
  });

  it('treats LIKE wildcards in a contains filter as plain characters', async () => {
    expect((await viewer.get('/api/notes/records?title=%25')).json().total).toBe(0);
  });

  it('searches words by prefix across the searchable columns, never another organization’s', async () => {
    const found = (await viewer.get('/api/notes/records?q=banan&sort=title&order=asc')).json();
    expect(found.items.map((n: { title: string }) => n.title)).toEqual([
      'Banana bread recipe',
      'Shopping list',
    ]);
    const both = (await viewer.get('/api/notes/records?q=bread%20appl')).json();
    expect(both.items.map((n: { title: string }) => n.title)).toEqual(['Shopping list']);
  });

  it('shows one record, and treats another organization’s id as absent', async () => {
    const one = await viewer.get(`/api/notes/records/${ids.get('Shopping list')}`);
    expect(one.json()).toMatchObject({ title: 'Shopping list', words: 4 });
    const foreign = await viewer.get(`/api/notes/records/${ids.get('Other org secret banana')}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().code).toBe('not_found');
    expect((await viewer.get('/api/notes/records/not-a-uuid')).statusCode).toBe(404);
  });
});

describe('CSV export', () => {
  it('streams the filtered, sorted set with names as headers and formulas neutralized', async () => {
    const res = await viewer.get('/api/notes/records/export.csv?words_lte=2&sort=createdAt&order=asc');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="notes\.notes-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('id,title,body,words,createdAt');
    expect(lines.slice(1).map((l) => l.split(',').slice(1, 4).join(','))).toEqual([
      'Note 01,,0',
      'Note 02,odd body,1',
      'Note 03,,2',
      'Banana bread recipe,flour sugar,2',
      '"\'=HYPERLINK(""http://evil.example"")",formula,1',
    ]);
    expect(res.body).not.toContain('Other org');
  });

  it('exports only the columns asked for, in that order', async () => {
    const res = await viewer.get('/api/notes/records/export.csv?columns=words,title&title=shopping');
    expect(
      res.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n'),
    ).toEqual(['words,title', '4,Shopping list']);
  });

  it('records who exported what', async () => {
    await viewer.get('/api/notes/records/export.csv?title=note');
    const audit = (await owner.get('/api/audit?action=resources.export.downloaded')).json();
    expect(audit.items[0]).toMatchObject({
      actor: { label: 'viewer@example.com' },
      subject: { type: 'resource', id: 'notes.notes' },
    });
  });

  it('exports thousands of rows with equal sort keys in keyset batches, each exactly once', async () => {
    const orgId = await app.createOrg('bulk', 'bulk-owner@example.com');
    await app.database.pool.query(
      `insert into notes_note (org_id, title, words, created_at)
       select $1, 'bulk ' || g, g % 3, timestamptz '2026-11-01T00:00:00.123456Z' + (g / 500) * interval '1 microsecond'
       from generate_series(1, 2345) g`,
      [orgId],
    );
    const bulk = await app.signIn('bulk-owner@example.com');
    const res = await bulk.get('/api/notes/records/export.csv?columns=id,title&sort=createdAt&order=asc');
    const rows = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
      .slice(1);
    expect(rows).toHaveLength(2345);
    expect(new Set(rows).size).toBe(2345);
    const desc = await bulk.get('/api/notes/records/export.csv?columns=id&sort=words&order=desc&words_gte=1');
    const descRows = desc.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
      .slice(1);
    expect(new Set(descRows).size).toBe(descRows.length);
    expect(descRows).toHaveLength(1564);
  });

  it('exports records without a sort value last ascending and first descending, as the list orders them', async () => {
    const orgId = (await findOrganizationBySlug(app.database.db, 'bulk'))!.id;
    await app.database.pool.query(
      `insert into notes_note (org_id, title, words) select $1, 'blank ' || g, null from generate_series(1, 1200) g`,
      [orgId],
    );
    const bulk = await app.signIn('bulk-owner@example.com');
    const csvRows = async (order: string) =>
      (await bulk.get(`/api/notes/records/export.csv?columns=id,words&sort=words&order=${order}`)).body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\n')
        .slice(1);
    const asc = await csvRows('asc');
    expect(asc).toHaveLength(2345 + 1200);
    expect(new Set(asc).size).toBe(asc.length);
    expect(asc.slice(-1200).every((r) => r.endsWith(','))).toBe(true);
    expect(asc.slice(0, -1200).some((r) => r.endsWith(','))).toBe(false);
    const desc = await csvRows('desc');
    expect(desc.slice(0, 1200).every((r) => r.endsWith(','))).toBe(true);
    expect(desc[1200]!.endsWith(',2')).toBe(true);
    const page = (await bulk.get('/api/notes/records?sort=words&order=desc&perPage=1&page=1201')).json();
    expect(page.items[0].words).toBe(2);
  });
});

describe('bulk actions', () => {
  it('runs per record, reporting refusals and other organizations’ ids as failures', async () => {
    const res = await ops.post('/api/notes/records/actions/count-words', {
      ids: [ids.get('Shopping list'), ids.get('Note 01'), ids.get('Other org secret banana'), 'garbage'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      done: [ids.get('Shopping list')],
      failed: [
        { id: ids.get('Note 01'), code: 'notes.note_empty', message: 'The note has no words to count' },
        { id: ids.get('Other org secret banana'), code: 'not_found', message: 'Not found' },
        { id: 'garbage', code: 'not_found', message: 'Not found' },
      ],
    });
    const untouched = await app.database.pool.query('select words from notes_note where org_id = $1', [
      otherOrg,
    ]);
    expect(untouched.rows[0].words).toBe(99);
  });

  it('shows the action in the record’s audit trail', async () => {
    const trail = (await viewer.get(`/api/notes/records/${ids.get('Shopping list')}/audit`)).json();
    expect(trail.items[0]).toMatchObject({
      action: 'notes.note.words_counted',
      actor: { label: 'ops@example.com' },
      subject: { type: 'note', id: ids.get('Shopping list') },
    });
  });

  it('checks the action’s own permission, its input and whether it takes several ids', async () => {
    const denied = await viewer.post('/api/notes/records/actions/count-words', { ids: [ids.get('Note 02')] });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().details).toEqual({ permission: 'notes.note.update' });
    const two = await ops.post('/api/notes/records/actions/rename', {
      ids: [ids.get('Note 02'), ids.get('Note 03')],
      input: { title: 'x' },
    });
    expect(two.statusCode).toBe(400);
    const bad = await ops.post('/api/notes/records/actions/rename', {
      ids: [ids.get('Note 02')],
      input: { title: '' },
    });
    expect(bad.json().errors[0].field).toBe('body.input.title');
    const ok = await ops.post('/api/notes/records/actions/rename', {
      ids: [ids.get('Note 02')],
      input: { title: 'Renamed' },
    });
    expect(ok.json().done).toEqual([ids.get('Note 02')]);
    expect(
      (await ops.post('/api/notes/records/actions/explode', { ids: [ids.get('Note 02')] })).statusCode,
    ).toBe(404);
    expect((await ops.post('/api/notes/records/actions/count-words', { ids: [] })).statusCode).toBe(400);
  });
});

describe('staff members resource', () => {
  it('lists only this organization’s members, filterable by role and searchable', async () => {
    const all = (await viewer.get('/api/platform/members?perPage=50')).json();
    const emails = all.items.map((m: { email: string }) => m.email);
    expect(emails).toEqual(expect.arrayContaining(['owner@example.com', 'viewer@example.com']));
    expect(emails).not.toContain('other-owner@example.com');
    const viewers = (await viewer.get('/api/platform/members?role_in=viewer,scanner&sort=email')).json();
    expect(viewers.items.map((m: { email: string }) => m.email)).toEqual([
      'scanner@example.com',
      'viewer@example.com',
    ]);
    expect(viewers.items[0]).toMatchObject({ role: 'scanner', disabled: false });
    const found = (await viewer.get('/api/platform/members?q=scann')).json();
    expect(found.total).toBe(1);
  });

  it('disables members in bulk, but not oneself and not someone of another organization', async () => {
    const members = (await owner.get('/api/platform/members?perPage=50')).json().items as {
      id: string;
      email: string;
    }[];
    const idOf = (email: string) => members.find((m) => m.email === email)!.id;
    const otherOps = await app.signIn('other-ops@example.com', undefined, 'other');
    const otherId = (await otherOps.get('/api/auth/session')).json().user.id;
    const res = await owner.post('/api/platform/members/actions/disable', {
      ids: [idOf('leaver@example.com'), idOf('owner@example.com'), otherId],
    });
    expect(res.json()).toEqual({
      done: [idOf('leaver@example.com')],
      failed: [
        {
          id: idOf('owner@example.com'),
          code: 'resources.cannot_disable_self',
          message: 'You cannot disable your own account',
        },
        { id: otherId, code: 'not_found', message: 'Not found' },
      ],
    });
    const disabled = (await owner.get('/api/platform/members?disabled=true')).json();
    expect(disabled.items.map((m: { email: string }) => m.email)).toEqual(['leaver@example.com']);
    expect((await otherOps.get('/api/auth/session')).statusCode).toBe(200);
    expect((await viewer.post('/api/platform/members/actions/disable', { ids: [otherId] })).statusCode).toBe(
      403,
    );
  });
});

describe('CSV import', () => {
  const csv = [
    'Title;Text',
    'Imported one;first body',
    ';missing title',
    `"${'x'.repeat(101)}";too long`,
    'Imported two;',
  ].join('\r\n');
  const mapping = { Title: 'title', Text: 'body' };

  it('validates in a dry run without writing anything', async () => {
    const before = (await ops.get('/api/notes/records')).json().total;
    const res = await ops.post('/api/notes/records/import?dryRun=true', { csv, mapping });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: 4, valid: 2, invalid: 2, created: 0 });
    expect(res.json().errors).toEqual([
      { row: 3, field: 'title', message: 'is required' },
      { row: 4, field: 'title', message: expect.stringContaining('100') },
    ]);
    expect((await ops.get('/api/notes/records')).json().total).toBe(before);
  });

  it('creates the valid rows and returns the failed ones as a file to fix', async () => {
    const res = await ops.post('/api/notes/records/import?dryRun=false', { csv, mapping });
    const report = res.json();
    expect(report).toMatchObject({ rows: 4, valid: 2, invalid: 2, created: 2 });
    const failed = report.failedRowsCsv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(failed[0]).toBe('Title,Text,error');
    expect(failed[1]).toBe(',missing title,title: is required');
    expect(failed).toHaveLength(3);
    const imported = (await ops.get('/api/notes/records?q=imported&sort=title&order=asc')).json();
    expect(imported.items.map((n: { title: string; body: string }) => [n.title, n.body])).toEqual([
      ['Imported one', 'first body'],
      ['Imported two', ''],
    ]);
  });

  it('accepts a file larger than the usual 2 MB body limit in a dry run', async () => {
    const big = [
      'Title,Text',
      ...Array.from({ length: 9000 }, (_, i) => `Big ${i},${'lorem ipsum '.repeat(25)}`),
    ].join('\n');
    expect(big.length).toBeGreaterThan(2.5 * 1024 * 1024);
    const res = await ops.post('/api/notes/records/import?dryRun=true', { csv: big, mapping });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      rows: 9000,
      valid: 9000,
      invalid: 0,
      created: 0,
      failedRowsCsv: null,
    });
  });

  it('refuses a mapping without the required columns, and callers without the import permission', async () => {
    const res = await ops.post('/api/notes/records/import', { csv, mapping: { Text: 'body' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ field: 'body.mapping', expected: 'title' });
    expect((await viewer.post('/api/notes/records/import', { csv, mapping })).statusCode).toBe(403);
    expect((await owner.post('/api/platform/members/import', { csv, mapping })).statusCode).toBe(404);
  });
});

describe('saved views', () => {
  const params = {
    filters: { words_gte: '5' },
    sort: 'words',
    order: 'desc',
    columns: ['title', 'words'],
    perPage: 50,
  };

  it('keeps each person’s views to themselves and replaces a view saved under the same name', async () => {
    const saved = await owner.post('/api/views', { resource: 'notes.notes', name: 'Wordy', params });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ resource: 'notes.notes', name: 'Wordy', params });
    const again = await owner.post('/api/views', {
      resource: 'notes.notes',
      name: 'Wordy',
      params: { ...params, perPage: 25 },
    });
    expect(again.json().id).toBe(saved.json().id);
    expect((await owner.get('/api/views?resource=notes.notes')).json()).toEqual([
      expect.objectContaining({ name: 'Wordy', params: { ...params, perPage: 25 } }),
    ]);
    expect((await viewer.get('/api/views?resource=notes.notes')).json()).toEqual([]);
    expect((await viewer.delete(`/api/views/${saved.json().id}`)).statusCode).toBe(404);
    expect((await owner.delete(`/api/views/${saved.json().id}`)).statusCode).toBe(204);
    expect((await owner.get('/api/views?resource=notes.notes')).json()).toEqual([]);
  });

  it('refuses a view with a filter or resource the list would refuse', async () => {
    const bad = await owner.post('/api/views', {
      resource: 'notes.notes',
      name: 'Bad',
      params: { filters: { password: 'x' } },
    });
    expect(bad.statusCode).toBe(400);
    const unknown = await owner.post('/api/views', {
      resource: 'nope.nope',
      name: 'x',
      params: { filters: {} },
    });
    expect(unknown.json().errors[0].field).toBe('body.resource');
    const scanner = await app.signIn('scanner@example.com');
    expect((await scanner.get('/api/views?resource=notes.notes')).statusCode).toBe(403);
  });
});
