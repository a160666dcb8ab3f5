import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrganizationBySlug } from '../../src/core/orgs/index.ts';
import { EXACT_COUNT_LIMIT } from '../../src/core/resources/index.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Console lists at scale (issue 20): keyset pages walk the same records as offsets in every sort
 * and order (NULLs included), counts turn into marked estimates past EXACT_COUNT_LIMIT, search
 * finds parts of words and near misses with pg_trgm and falls back to word prefixes without it,
 * and the CSV export of a filtered list walks all of it.
 */
let app: TestApp;
let owner: ApiClient;
let orgId: string;

type Page = {
  items: { id: string; title: string }[];
  total: number;
  totalExact: boolean;
  nextCursor: string | null;
};

const get = async (url: string): Promise<Page> => {
  const res = await owner.get(url);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  owner = await app.signIn('owner@example.com');
  orgId = (await findOrganizationBySlug(app.database.db, 'default'))!.id;
  // 60 notes: titles repeat (ties broken by id), every third has no word count (NULLs sort apart),
  // several share one created_at.
  await app.database.pool.query(
    `insert into notes_note (org_id, title, body, words, created_at)
     select $1, 'Walk ' || (g % 9), 'walk', case when g % 3 = 0 then null else g % 7 end,
            timestamptz '2026-11-01' + (g / 4) * interval '1 hour'
     from generate_series(1, 60) g`,
    [orgId],
  );
}, 60_000);

afterAll(async () => {
  await app?.close();
});

/**
 * Drops pg_trgm and the indexes made with it while the app's workers run. DROP EXTENSION ... CASCADE
 * locks each trigram index before its table (DROP INDEX locks the table first): a query or an
 * autovacuum ANALYZE that holds the table and reaches for the index then closes a deadlock (CI saw
 * it after the 12,000 contacts above). Locking the tables first, in one statement, as DROP INDEX
 * does, leaves nothing to close the circle: whoever holds a table is waited for, not waited on.
 */
async function dropTrigrams() {
  const client = await app.database.pool.connect();
  try {
    await client.query('begin');
    const { rows } = await client.query<{ tables: string }>(
      `select string_agg(distinct i.indrelid::regclass::text, ', ') as tables
       from pg_index i join pg_opclass oc on oc.oid = any(i.indclass::oid[])
       where oc.opcname like '%trgm%'`,
    );
    if (rows[0]!.tables) await client.query(`lock table ${rows[0]!.tables} in access exclusive mode`);
    await client.query('drop extension pg_trgm cascade');
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
}

describe('keyset pages', () => {
  it.each([
    ['title', 'asc'],
    ['title', 'desc'],
    ['words', 'asc'],
    ['words', 'desc'],
    ['createdAt', 'asc'],
    ['createdAt', 'desc'],
  ])('walk the same records as offset pages, sorted by %s %s', async (sort, order) => {
    const base = `/api/notes/records?q=walk&sort=${sort}&order=${order}`;
    const all = (await get(`${base}&perPage=200`)).items.map((n) => n.id);
    expect(all).toHaveLength(60);
    const walked: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await get(`${base}&perPage=7${cursor ? `&cursor=${cursor}` : ''}`);
      walked.push(...page.items.map((n) => n.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(walked).toEqual(all);
    expect(pages).toBe(9);
  });

  it('refuses a cursor made for another sort instead of skipping records', async () => {
    const first = await get('/api/notes/records?q=walk&sort=title&order=asc&perPage=5');
    const res = await owner.get(`/api/notes/records?q=walk&sort=words&order=asc&cursor=${first.nextCursor}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ errors: [{ field: 'query.cursor' }] });
  });
});

describe('counts', () => {
  it('counts exactly while cheap, then gives the planner estimate and says so', async () => {
    const small = await get('/api/notes/records?q=walk&perPage=5');
    expect(small).toMatchObject({ total: 60, totalExact: true });

    const rows = EXACT_COUNT_LIMIT + 5_000;
    await app.database.pool.query(
      `insert into notes_note (org_id, title, body, words, created_at)
       select $1, 'Bulk ' || g, case when g % 500 = 0 then 'rare' else 'common' end, g % 1000,
              timestamptz '2026-01-01' + g * interval '1 minute'
       from generate_series(1, $2::int) g`,
      [orgId, rows],
    );
    await app.database.pool.query('analyze notes_note');
    const big = await get('/api/notes/records?perPage=5');
    expect(big.totalExact).toBe(false);
    // An estimate from the table's statistics: close to the truth, never below the exact limit.
    expect(big.total).toBeGreaterThan(EXACT_COUNT_LIMIT);
    expect(Math.abs(big.total - (rows + 60)) / (rows + 60)).toBeLessThan(0.2);
    // A filter the planner expects few rows for is counted exactly.
    const few = await get('/api/notes/records?words=7&perPage=5');
    const exact = await app.database.pool.query<{ n: string }>(
      'select count(*) as n from notes_note where org_id = $1 and words = 7',
      [orgId],
    );
    expect(few).toMatchObject({ total: Number(exact.rows[0]!.n), totalExact: true });
  });

  it('exports a filtered large list whole, in the list order', async () => {
    const res = await owner.get('/api/notes/records/export.csv?words_gte=900&sort=words&order=asc');
    expect(res.statusCode).toBe(200);
    const lines = res.body.trim().split('\n');
    const expected = await app.database.pool.query<{ n: string }>(
      'select count(*) as n from notes_note where org_id = $1 and words >= 900',
      [orgId],
    );
    expect(lines.length - 1).toBe(Number(expected.rows[0]!.n));
    expect(lines.length - 1).toBeGreaterThan(1000); // more than one keyset batch
    const words = lines.slice(1).map((l) => Number(l.split(',')[3]));
    expect(words).toEqual([...words].sort((a, b) => a - b));
  });
});

describe('search', () => {
  beforeAll(async () => {
    await app.database.pool.query(
      `insert into notes_note (org_id, title, body) values
         ($1, 'Marta Gomez', 'call back +919876543210'),
         ($1, 'Ravi Sharma', 'paid cash')`,
      [orgId],
    );
  });
  const titles = async (q: string) =>
    (await get(`/api/notes/records?q=${encodeURIComponent(q)}`)).items.map((n) => n.title);

  it('finds parts of words and phone numbers, and near misses, with pg_trgm', async () => {
    const trgm = await app.database.pool.query("select 1 from pg_extension where extname = 'pg_trgm'");
    expect(trgm.rowCount).toBe(1);
    expect(await titles('arta')).toEqual(['Marta Gomez']);
    expect(await titles('gomes')).toEqual(['Marta Gomez']); // a typo
    expect(await titles('8765432')).toEqual(['Marta Gomez']); // inside a phone number
    expect(await titles('sharma cash')).toEqual(['Ravi Sharma']); // every word, any column
    expect(await titles('marta cash')).toEqual([]);
  });

  describe('of contacts, by their phones and e-mails', () => {
    // 12,000 contacts whose phones share +2507881 (more than KEY_LIST_LIMIT: tested on each listed
    // contact), one with a phone and an e-mail of its own (few: looked up as keys).
    beforeAll(async () => {
      await app.database.pool.query(
        `with c as (
           insert into contact (org_id, display_name)
           select $1, 'Caller ' || g from generate_series(1, 12000) g returning id, display_name)
         insert into contact_identity (org_id, contact_id, channel, external_id)
         select $1, id, 'phone', '+2507881' || lpad(split_part(display_name, ' ', 2), 5, '0') from c`,
        [orgId],
      );
      const marta = await app.database.pool.query<{ id: string }>(
        `insert into contact (org_id, display_name) values ($1, 'Marta Uwase') returning id`,
        [orgId],
      );
      await app.database.pool.query(
        `insert into contact_identity (org_id, contact_id, channel, external_id)
         values ($1, $2, 'phone', '+250722555123'), ($1, $2, 'email', 'marta.u@example.org')`,
        [orgId, marta.rows[0]!.id],
      );
    });
    const names = async (q: string) => {
      const page = await owner.get(`/api/contacts/records?perPage=100&q=${encodeURIComponent(q)}`);
      expect(page.statusCode, page.body).toBe(200);
      const body = page.json() as { items: { displayName: string }[]; total: number };
      return { names: body.items.map((c) => c.displayName), total: body.total };
    };

    it('finds a contact by the phone number typed as people say it, or by e-mail', async () => {
      expect((await names('0722 555 123')).names).toEqual(['Marta Uwase']); // local, in groups
      expect((await names('+250 722-555-123')).names).toEqual(['Marta Uwase']);
      expect((await names('555123')).names).toEqual(['Marta Uwase']);
      expect((await names('marta.u@example')).names).toEqual(['Marta Uwase']);
      expect((await names('uwase 0722555123')).names).toEqual(['Marta Uwase']); // name and phone
      expect((await names('uwase 0788120001')).names).toEqual([]);
    });

    it('lists the contacts of a phone part many share', async () => {
      const found = await names('07881');
      expect(found.names).toHaveLength(100);
      expect(new Set(found.names).size).toBe(100);
      expect(found.names.every((n) => n.startsWith('Caller '))).toBe(true);
      expect(found.total).toBeGreaterThan(100);
      expect((await names('Caller 11999 078811')).names).toEqual(['Caller 11999']);
    });
  });

  it('falls back to word prefixes where pg_trgm is missing', async () => {
    await dropTrigrams();
    expect(await titles('marta')).toEqual(['Marta Gomez']);
    expect(await titles('gom')).toEqual(['Marta Gomez']);
    expect(await titles('arta')).toEqual([]);
    expect(await titles('gomes')).toEqual([]);
    // Phones and e-mails by the start of their words: the number with its country code.
    const contacts = await owner.get(`/api/contacts/records?q=${encodeURIComponent('250722555')}`);
    expect(contacts.json().items.map((c: { displayName: string }) => c.displayName)).toEqual(['Marta Uwase']);
  });
});
