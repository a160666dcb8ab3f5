import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, orgCtx } from '../../../test/factories/org.ts';
import { changeCounts } from '../../../test/support/import-kit.ts';
import { TEST_MODULES } from '../../../test/support/template-sources.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { sql } from '../../platform/db/index.ts';
import type { Ctx } from '../context/index.ts';
import { dumpdataSource } from './dumpdata-source.ts';
import { textField } from './field-values.rules.ts';
import { targetOf } from './import-mapping.ts';
import type { ImportModel, ModuleImport, SourceRecord } from './imports.types.ts';
import { runImport } from './run-import.ts';

// Issue 51: the runner every module's import shares. An original's records are brought over whole,
// what a person typed is kept and flagged instead of refused, a refused parent takes its children with
// it in words, the dry run counts what the run does (the database's constraints included), and an
// import repeated while the original keeps running brings exactly the changes.

const AREAS = TEST_MODULES.filter((m) => m.name === 'notes');

let app: TestApp;
let ctx: Ctx;

beforeAll(async () => {
  app = await startTestApp({ modules: AREAS });
  ctx = await orgCtx(app);
  // A title is unique in an organization, as a roll number is: the database's own refusal.
  await sql`create unique index notes_note_title_unique on notes_note (org_id, title)`.execute(
    app.database.db,
  );
  await notes(ctx).insertInto('notes_note').values({ title: 'Taken in Opsdesk' }).execute();
}, 120_000);
afterAll(async () => {
  await app?.close();
});

type NotesTable = { notes_note: { id?: string; org_id?: string; title: string; body?: string } };
const notes = (c: Ctx) => c.db.withTables<NotesTable>();

/** Notebooks and their pages, both written as notes: a page's body names its notebook's note. */
const notebooks: ImportModel<{ title: string; body: string }> = {
  model: 'diary.notebook',
  label: 'notebooks',
  async begin() {
    return {
      parse(record) {
        const title = textField(record.fields, 'title', { required: true });
        const owner = textField(record.fields, 'owner') ?? '';
        const typed = /^\+?[\d ]+$/.test(owner) ? [] : [{ field: 'owner', reason: 'kept as typed' }];
        return {
          row: { title, body: owner },
          flags: owner ? typed : [],
          notes: record.fields.archived ? ['archived in the original: comes over as a note'] : [],
        };
      },
      async write(tx, rows) {
        const ids = await notes(tx)
          .insertInto('notes_note')
          .values([...rows])
          .returning('id')
          .execute();
        return ids.map((r) => r.id!);
      },
      async update(tx, rows) {
        for (const { id, row } of rows)
          await notes(tx).updateTable('notes_note').set(row).where('id', '=', id).execute();
      },
      uniqueKeys: (row) => [`title:${row.title.toLowerCase()}`],
      refusalOf: (err) =>
        (err as { constraint?: string }).constraint === 'notes_note_title_unique'
          ? 'title: a note with this title is already in Opsdesk'
          : undefined,
    };
  },
};

const pages: ImportModel<{ title: string; body: string }> = {
  model: 'diary.page',
  label: 'pages',
  foreignKeys: ['notebook'],
  async begin(_ctx, refs) {
    return {
      parse(record) {
        const notebook = targetOf(refs, record, 'notebook', 'diary.notebook', 'notebook', { required: true });
        return { row: { title: `page ${record.pk}`, body: `${notebook}: ${record.fields.text}` } };
      },
      async write(tx, rows) {
        const ids = await notes(tx)
          .insertInto('notes_note')
          .values([...rows])
          .returning('id')
          .execute();
        return ids.map((r) => r.id!);
      },
    };
  },
};

const mapping: ModuleImport = { original: 'A diary (Django)', models: [notebooks, pages] };

const book = (pk: number, fields: Record<string, unknown>): SourceRecord => ({
  model: 'diary.notebook',
  pk: String(pk),
  fields,
});
const page = (pk: number, notebook: number, text: string): SourceRecord => ({
  model: 'diary.page',
  pk: String(pk),
  fields: { notebook, text },
});

const FIRST = [
  book(1, { title: 'Kitchen', owner: '+971 50 123 4567' }),
  book(2, { title: 'Garden', owner: 'ask Ravi (दूसरी मंज़िल)' }),
  book(3, { title: 'Taken in Opsdesk', owner: '' }),
  book(4, { title: 'kitchen', owner: '', archived: true }),
  book(5, { title: 'Cellar', owner: '', archived: true }),
  page(10, 1, 'rice'),
  page(11, 3, 'lost with its notebook'),
  page(12, 4, 'lost too'),
  page(13, 5, 'wine'),
];

const run = (org: Ctx, records: SourceRecord[], dryRun: boolean) =>
  runImport(org, {
    module: 'notes',
    mapping,
    source: dumpdataSource(records, 'diary.json'),
    dryRun,
    options: { notify: false },
    batchSize: 2,
  });

const heldTitles = async () =>
  (await notes(ctx).selectFrom('notes_note').select('title').orderBy('title').execute()).map((r) => r.title);

describe('runImport', () => {
  it('dry-runs exactly what the run then does: the database refuses the same rows, nothing is written', async () => {
    const before = await heldTitles();
    const dry = await run(ctx, FIRST, true);
    expect(await heldTitles()).toEqual(before);
    const real = await run(ctx, FIRST, false);
    expect(changeCounts(dry)).toEqual(changeCounts(real));
    expect(dry.issues).toEqual(real.issues);
    expect(changeCounts(real)).toEqual({
      'diary.notebook': { created: 3, updated: 0, unchanged: 0, refused: 2, flagged: 1 },
      'diary.page': { created: 2, updated: 0, unchanged: 0, refused: 2, flagged: 0 },
    });
  });

  it('says why each record stayed behind, and why its children did, and what it flagged', async () => {
    const first = await run(await freshOrg('diary-words'), FIRST, false);
    // Record 4 is refused as it is read (its key), record 3 when its batch is written (the database).
    expect(first.issues).toEqual([
      { kind: 'flagged', model: 'diary.notebook', pk: '2', field: 'owner', reason: 'kept as typed' },
      {
        kind: 'refused',
        model: 'diary.notebook',
        pk: '4',
        field: null,
        reason: 'title:kitchen is already held by diary.notebook record 1 of this import',
      },
      {
        kind: 'refused',
        model: 'diary.notebook',
        pk: '3',
        field: null,
        reason: 'title: a note with this title is already in Opsdesk',
      },
      {
        kind: 'refused',
        model: 'diary.page',
        pk: '11',
        field: 'notebook',
        reason: 'its notebook 3 was refused (title: a note with this title is already in Opsdesk)',
      },
      {
        kind: 'refused',
        model: 'diary.page',
        pk: '12',
        field: 'notebook',
        reason:
          'its notebook 4 was refused (title:kitchen is already held by diary.notebook record 1 of this import)',
      },
    ]);
    expect(first.models[0]!.notes).toEqual({ 'archived in the original: comes over as a note': 1 });
    expect(first.found).toEqual(['diary.notebook', 'diary.page']);
  });

  it('brings what changed in the original since the last run, and nothing else; a third run changes nothing', async () => {
    const org = await freshOrg('diary-sync');
    await run(org, FIRST, false);
    const later = [
      ...FIRST.filter((r) => r.pk !== '1'),
      book(1, { title: 'Kitchen (2nd floor)', owner: '+971 50 123 4567' }),
      book(6, { title: 'Attic', owner: '' }),
      page(14, 6, 'boxes'),
    ];
    const dry = await run(org, later, true);
    const second = await run(org, later, false);
    expect(changeCounts(dry)).toEqual(changeCounts(second));
    // Notebook 4 ("kitchen") held a title notebook 1 no longer has: it comes over now, with its page.
    expect(changeCounts(second)).toEqual({
      'diary.notebook': { created: 2, updated: 1, unchanged: 2, refused: 1, flagged: 0 },
      'diary.page': { created: 2, updated: 0, unchanged: 2, refused: 1, flagged: 0 },
    });
    const titles = (await notes(org).selectFrom('notes_note').select('title').execute()).map((r) => r.title);
    expect(titles.sort()).toEqual([
      'Attic',
      'Cellar',
      'Garden',
      'Kitchen (2nd floor)',
      'Taken in Opsdesk',
      'kitchen',
      'page 10',
      'page 12',
      'page 13',
      'page 14',
    ]);
    const third = await run(org, later, false);
    expect(third.models.map((m) => [m.created, m.updated])).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('lets other requests through between its batches', async () => {
    const org = await freshOrg('diary-yield');
    const many = Array.from({ length: 400 }, (_, i) => book(100 + i, { title: `Book ${i}` }));
    let progress = 0;
    const going = runImport(org, {
      module: 'notes',
      mapping,
      source: dumpdataSource(many, 'many.json'),
      dryRun: false,
      options: { notify: false },
      batchSize: 20,
      onProgress: (p) => {
        progress = p.done;
      },
    });
    // A read of the organization's notes asked while the run goes is answered before it ends.
    await new Promise((resolve) => setImmediate(resolve));
    await notes(org).selectFrom('notes_note').select('id').limit(1).execute();
    const seenMidway = progress;
    const report = await going;
    expect(report.models[0]!.created).toBe(400);
    expect(seenMidway).toBeLessThan(400);
  });
});

/** An organization of its own, holding a note titled as one of the original's notebooks. */
async function freshOrg(slug: string): Promise<Ctx> {
  await createOrg(app, { slug });
  const org = await orgCtx(app, slug);
  await notes(org).insertInto('notes_note').values({ title: 'Taken in Opsdesk' }).execute();
  return org;
}
