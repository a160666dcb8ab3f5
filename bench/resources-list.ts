/**
 * How the generated resource list behaves at 100,000 rows on embedded PGlite.
 *
 *   node --expose-gc --import tsx bench/resources-list.ts [rows] [runs]
 *
 * Inserts `rows` notes (default 100,000) into one organization (plus 10,000 in another, so the org
 * filter has something to skip) and times, through `app.http.inject` (routing, auth, validation,
 * SQL, serialization): the first page, a deep page, a filtered and sorted page, a search page and
 * a full CSV export over a real socket (with the peak memory it took). Each list case runs twice: with only the notes table's own index, then with the
 * indexes a module would ship for its sortable columns and its search document.
 */
import { PGlite } from '@electric-sql/pglite';
import { buildApp } from '../src/app/build-app.ts';
import { addMember } from '../src/core/auth/index.ts';
import { createOrganization, findOrganizationBySlug } from '../src/core/orgs/index.ts';
import { searchIndexSql } from '../src/core/resources/index.ts';
import { testConfig } from '../src/platform/config/index.ts';
import { openDatabase } from '../src/platform/db/index.ts';
import { notesResource } from '../test/fixtures/notes/notes.module.ts';
import { TEST_MODULES } from '../test/support/template-sources.ts';

const ROWS = Number(process.argv[2] ?? 100_000);
const RUNS = Number(process.argv[3] ?? 30);
const PASSWORD = 'correct horse battery staple';

const cases: [string, string][] = [
  ['first page (default sort, 25)', '/api/notes/records?perPage=25'],
  ['deep page (page 3000 of 25)', '/api/notes/records?page=3000&perPage=25'],
  [
    'filter words 100..200, sort title',
    '/api/notes/records?words_gte=100&words_lte=200&sort=title&order=asc',
  ],
  [
    'filter createdAt month, sort words',
    '/api/notes/records?createdAt_gte=2026-03-01&createdAt_lte=2026-03-31&sort=words&order=desc',
  ],
  ['search q=zebra (1% of rows)', '/api/notes/records?q=zebra'],
  ['search q=lor (prefix, ~50%)', '/api/notes/records?q=lor'],
];

const lite = await PGlite.create();
const database = await openDatabase({ lite });
const app = await buildApp({
  config: testConfig({ OPSDESK_RATE_LIMIT_PER_MINUTE: '1000000' }),
  modules: TEST_MODULES,
  database,
});

const orgId = (await findOrganizationBySlug(database.db, 'default'))!.id;
const other = await createOrganization(database.db, {
  slug: 'other',
  name: 'Other',
  timeZone: 'UTC',
  currency: 'USD',
  languages: ['en'],
});
await addMember(app.deps.systemCtx(orgId, 'bench'), {
  email: 'bench@example.com',
  name: 'Bench',
  password: PASSWORD,
  role: 'owner',
  assignerRole: 'system',
});

let t = performance.now();
const insert = `
  insert into notes_note (org_id, title, body, words, created_at)
  select $1,
         'Note ' || g || ' ' || (array['alpha','bravo','charlie','delta','echo','foxtrot'])[1 + g % 6],
         case when g % 2 = 0 then 'lorem ipsum dolor ' else 'sit amet ' end
           || md5(g::text) || case when g % 100 = 0 then ' zebra' else '' end,
         g % 1000,
         timestamptz '2026-01-01' + (g * interval '2 minutes')
  from generate_series(1, $2) g`;
await database.pool.query(insert, [orgId, ROWS]);
await database.pool.query(insert, [other.id, 10_000]);
await database.pool.query('analyze notes_note');
console.log(`inserted ${ROWS} + 10000 rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);

const login = await app.http.inject({
  method: 'POST',
  url: '/api/auth/login',
  payload: { email: 'bench@example.com', password: PASSWORD },
});
const cookie = `opsdesk_session=${login.cookies.find((c) => c.name === 'opsdesk_session')!.value}`;

async function time(url: string): Promise<{ ms: number; body: string }> {
  const start = performance.now();
  const res = await app.http.inject({ method: 'GET', url, headers: { cookie } });
  const ms = performance.now() - start;
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return { ms, body: res.body };
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

async function measure(label: string): Promise<void> {
  console.log(`\n${label} (${RUNS} runs each, after 3 warm-up runs)`);
  const rows: Record<string, string | number>[] = [];
  for (const [name, url] of cases) {
    for (let i = 0; i < 3; i++) await time(url);
    const samples: number[] = [];
    let total = 0;
    for (let i = 0; i < RUNS; i++) {
      const r = await time(url);
      samples.push(r.ms);
      total = JSON.parse(r.body).total;
    }
    samples.sort((a, b) => a - b);
    rows.push({
      case: name,
      total,
      'p50 ms': +pct(samples, 0.5).toFixed(1),
      'p95 ms': +pct(samples, 0.95).toFixed(1),
    });
  }
  console.table(rows);
}

await measure('only notes_note_org_idx (org_id, created_at desc)');

t = performance.now();
await database.pool.query('create index notes_note_title_idx on notes_note (org_id, title, id)');
await database.pool.query('create index notes_note_words_idx on notes_note (org_id, words, id)');
await database.pool.query(searchIndexSql(notesResource)!);
await database.pool.query('analyze notes_note');
console.log(
  `\nindexes built in ${((performance.now() - t) / 1000).toFixed(1)} s:\n  ${searchIndexSql(notesResource)}`,
);
await measure('with (org_id, title, id), (org_id, words, id) and the search GIN index');

// The export through a real socket, read as a stream: memory should stay flat whatever the row count.
await app.http.listen({ port: 0, host: '127.0.0.1' });
const address = app.http.server.address() as { port: number };
// With --expose-gc, live heap after a collection (what the download retains); else RSS, which
// also counts garbage not yet collected.
const gc = (globalThis as { gc?: () => void }).gc;
const memory = () => {
  gc?.();
  return gc ? process.memoryUsage().heapUsed : process.memoryUsage().rss;
};
const memoryBefore = memory();
let memoryPeak = memoryBefore;
const sampler = setInterval(() => {
  memoryPeak = Math.max(memoryPeak, memory());
}, 250);
t = performance.now();
const res = await fetch(
  `http://127.0.0.1:${address.port}/api/notes/records/export.csv?sort=createdAt&order=asc`,
  {
    headers: { cookie },
  },
);
let bytes = 0;
let newlines = 0;
for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
  bytes += chunk.byteLength;
  for (const b of chunk) if (b === 10) newlines++;
}
clearInterval(sampler);
console.log(
  `\nexport over HTTP: ${newlines - 1} rows, ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s; ` +
    `peak ${gc ? 'live heap' : 'RSS'} +${((memoryPeak - memoryBefore) / 1e6).toFixed(0)} MB over the start of the download`,
);

await app.close();
await database.close();
await lite.close();
