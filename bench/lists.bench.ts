import pg from 'pg';
import { buildApp } from '../src/app/build-app.ts';
import { AVAILABLE_MODULES } from '../src/app/modules.ts';
import { addMember } from '../src/core/auth/index.ts';
import { findOrganizationBySlug } from '../src/core/orgs/index.ts';
import { listResource, parseListParams, type ResourceDefinition } from '../src/core/resources/index.ts';
import { testConfig } from '../src/platform/config/index.ts';
import { createEmbedded, openDatabase } from '../src/platform/db/index.ts';
import { LARGE_TABLE_SEEDERS } from '../test/support/seed-large.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const PASSWORD = 'bench-password-123';

interface ListKind {
  resource: string;
  path: string;
  /** Seeded in this order, each with its indexes rebuilt after the load. */
  tables: string[];
  cases: { label: string; query: string; deep?: true }[];
}

/** The lists of the issue: contacts, mess scans, raffle tickets, each at ROWS rows. */
const KINDS: ListKind[] = [
  {
    resource: 'contacts.contacts',
    path: '/api/contacts/records',
    tables: ['contact', 'contact_identity'],
    cases: [
      { label: 'first page, default sort', query: '' },
      { label: 'page 400 by offset', query: 'page=400' },
      { label: 'page 400 by cursor', query: '', deep: true },
      { label: 'sorted by name', query: 'sort=displayName&order=asc' },
      { label: 'search "Marta" (1 in 8)', query: 'q=Marta' },
      { label: 'search "arta gomez" (parts)', query: 'q=arta%20gomez' },
      { label: 'search "gomes" (typo)', query: 'q=gomes' },
      { label: 'search "424242" (rare)', query: 'q=424242' },
      { label: 'search phone "0700 004 242"', query: 'q=0700%20004%20242' },
      { label: 'search phone part "0700" (all)', query: 'q=0700' },
      { label: 'search e-mail "person4244@"', query: 'q=person4244%40' },
      { label: 'search e-mail part "person42" (bunched)', query: 'q=person42' },
      { label: 'search e-mail typo "person4242@"', query: 'q=person4242%40' },
      { label: 'filter language = hi', query: 'language=hi' },
      { label: 'filter marketing opt-in', query: 'marketingOptIn=true' },
    ],
  },
  {
    resource: 'mess.scans',
    path: '/api/mess/scan-log',
    tables: ['mess_scan'],
    cases: [
      { label: 'first page, default sort', query: '' },
      { label: 'page 400 by cursor', query: '', deep: true },
      { label: 'filter decision = denied', query: 'decision=denied' },
      { label: 'filter one day', query: 'scannedAt_gte=2026-03-01&scannedAt_lte=2026-03-01' },
      { label: 'filter device', query: 'deviceId=device-2' },
      { label: 'sorted by decision', query: 'sort=decision&order=asc' },
      { label: 'search student "Ravi Student 7"', query: 'q=ravi%20student%207' },
    ],
  },
  {
    resource: 'raffle.tickets',
    path: '/api/raffle/console/tickets',
    tables: ['raffle_ticket'],
    cases: [
      { label: 'first page, default sort', query: '' },
      { label: 'page 400 by cursor', query: '', deep: true },
      { label: 'sorted by number desc', query: 'sort=number&order=desc' },
      { label: 'filter number 1000..1100', query: 'number_gte=1000&number_lte=1100' },
      { label: 'filter status = sold (none)', query: 'status=sold' },
      { label: 'filter status = available', query: 'status=available' },
    ],
  },
];

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

/**
 * `npm run bench lists`: ROWS (default 1,000,000) contacts, mess scans and raffle tickets, then
 * each list kind's first page, deep page (offset and cursor), sorts, filters and searches: p50/p95
 * of RUNS sequential requests through the app (routing, session, validation, SQL, JSON), beside
 * the same SQL statements (recorded from the list's own run) sent directly through pg. Ends with
 * the CSV export of a filtered list over a real socket and the heap it took.
 */
export async function benchLists(): Promise<void> {
  const { database, dropDatabase } = await openBenchDatabase();
  const app = await buildApp({
    config: testConfig({ OPSDESK_RATE_LIMIT_PER_MINUTE: '10000000' }),
    modules: AVAILABLE_MODULES,
    database,
  });
  const recorder = recordStatements(database.pool);
  try {
    const org = (await findOrganizationBySlug(database.db, 'default'))!;
    const ctx = app.deps.systemCtx(org.id, 'bench');
    await addMember(ctx, {
      email: 'bench@example.com',
      name: 'Bench',
      password: PASSWORD,
      role: 'owner',
      assignerRole: 'system',
    });
    for (const table of KINDS.flatMap((k) => k.tables)) {
      const t = performance.now();
      await withIndexesRebuilt(database.pool, table, () =>
        LARGE_TABLE_SEEDERS[table]!(database.pool, org.id, ROWS),
      );
      const { rows } = await database.pool.query<{ n: string }>(`select count(*) as n from ${table}`);
      console.log(
        `seeded ${Number(rows[0]!.n).toLocaleString('en')} rows of ${table} in ${((performance.now() - t) / 1000).toFixed(0)} s (${database.kind})`,
      );
    }
    const login = await app.http.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'bench@example.com', password: PASSWORD },
    });
    const cookie = `opsdesk_session=${login.cookies.find((c) => c.name === 'opsdesk_session')!.value}`;
    const get = async (url: string) => {
      const res = await app.http.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
      return res.json() as { total: number; totalExact: boolean; nextCursor: string | null };
    };
    const resources = [...app.modules].flatMap(
      (m) => m.resources?.(app.runtimeOf(m.name) as never) ?? [],
    ) as ResourceDefinition[];
    const { contactsResource } = await import('../src/core/contacts/contacts.resource.ts');
    resources.push(contactsResource);

    const table: Record<string, string | number>[] = [];
    for (const kind of KINDS) {
      const resource = resources.find((r) => r.name === kind.resource)!;
      for (const c of kind.cases) {
        let query = c.query;
        if (c.deep) {
          // The cursor a person reaches after 399 pages: the 'next page' link of page 399.
          const page399 = await get(`${kind.path}?page=399`);
          if (!page399.nextCursor)
            throw new Error(`${kind.path} has no page 400: BENCH_ROWS=${ROWS} is too few`);
          query = `page=400&cursor=${page399.nextCursor}`;
        }
        const url = `${kind.path}${query ? `?${query}` : ''}`;
        const raw = Object.fromEntries(new URLSearchParams(query));
        // The list's own statements, recorded once, then sent directly as the baseline.
        recorder.start();
        await listResource(ctx, resource, parseListParams(resource, raw));
        const statements = recorder.stop();
        for (let i = 0; i < 3; i++) await get(url);
        const viaApp: number[] = [];
        const direct: number[] = [];
        let last = { total: 0, totalExact: true };
        for (let i = 0; i < RUNS; i++) {
          let start = performance.now();
          last = await get(url);
          viaApp.push(performance.now() - start);
          start = performance.now();
          for (const s of statements) await database.pool.query(s.text, s.values);
          direct.push(performance.now() - start);
        }
        viaApp.sort((a, b) => a - b);
        direct.sort((a, b) => a - b);
        table.push({
          list: kind.resource,
          case: c.label,
          total: `${last.totalExact ? '' : '~'}${last.total}`,
          'p50 ms': +pct(viaApp, 0.5).toFixed(1),
          'p95 ms': +pct(viaApp, 0.95).toFixed(1),
          'direct p50': +pct(direct, 0.5).toFixed(1),
          'direct p95': +pct(direct, 0.95).toFixed(1),
          stmts: statements.length,
        });
      }
    }
    console.log(
      `\n${database.kind}, ${ROWS.toLocaleString('en')} rows per table, ${RUNS} sequential requests per case ` +
        `(app: app.http.inject through the whole stack; direct: the same SQL through pg; ~ = estimated total)`,
    );
    console.table(table);
    await benchExport(app, cookie);
  } finally {
    recorder.restore();
    await app.close();
    await dropDatabase();
  }
}

/** The CSV export of a filtered list (a third of the contacts) over a real socket, read as a stream. */
async function benchExport(app: Awaited<ReturnType<typeof buildApp>>, cookie: string): Promise<void> {
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const address = app.http.server.address() as { port: number };
  const gc = (globalThis as { gc?: () => void }).gc;
  const memory = () => {
    gc?.();
    return gc ? process.memoryUsage().heapUsed : process.memoryUsage().rss;
  };
  const before = memory();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, memory());
  }, 250);
  const t = performance.now();
  const res = await fetch(`http://127.0.0.1:${address.port}/api/contacts/records/export.csv?language=hi`, {
    headers: { cookie },
  });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    for (const b of chunk) if (b === 10) lines++;
  }
  clearInterval(sampler);
  const seconds = (performance.now() - t) / 1000;
  console.log(
    `\nexport language=hi over HTTP: ${(lines - 1).toLocaleString('en')} rows, ${(bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s ` +
      `(${Math.round((lines - 1) / seconds).toLocaleString('en')} rows/s); peak ${gc ? 'live heap' : 'RSS'} ` +
      `+${((peak - before) / 1e6).toFixed(0)} MB over the start${gc ? '' : ' (run node with --expose-gc for the live heap)'}`,
  );
}

/** A database of its own: embedded, or a fresh one on the DATABASE_URL server (dropped at the end). */
async function openBenchDatabase() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const lite = await createEmbedded();
    const database = await openDatabase({ lite });
    return { database, dropDatabase: () => lite.close() };
  }
  const name = `opsdesk_bench_lists_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ url: u.toString() });
  return {
    database,
    dropDatabase: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Bulk loads build indexes faster after the rows are in: drop the table's plain indexes, load, recreate. */
async function withIndexesRebuilt(pool: pg.Pool, table: string, load: () => Promise<void>): Promise<void> {
  const { rows } = await pool.query<{ name: string; def: string }>(
    `select i.indexname as name, i.indexdef as def from pg_indexes i
     where i.tablename = $1 and i.schemaname = current_schema()
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [table],
  );
  for (const r of rows) await pool.query(`drop index ${r.name}`);
  await load();
  for (const r of rows) await pool.query(r.def);
  await pool.query(`analyze ${table}`);
}

/** Records the statements sent through the pool's clients while started (the list's own SQL). */
function recordStatements(pool: pg.Pool) {
  let recording: { text: string; values: unknown[] }[] | null = null;
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  const patched = new WeakSet<object>();
  const patch = (client: pg.PoolClient) => {
    if (patched.has(client)) return client;
    patched.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const [text, values] = args;
      if (recording && typeof text === 'string')
        recording.push({ text, values: Array.isArray(values) ? values : [] });
      return query(...args);
    };
    return client;
  };
  // Kysely acquires with a promise; pool.query passes a callback (and is the baseline: not recorded).
  (pool as unknown as { connect: (...args: unknown[]) => unknown }).connect = (...args: unknown[]) => {
    if (args.length) return connect(...args);
    return (connect() as Promise<pg.PoolClient>).then(patch);
  };
  return {
    start: () => {
      recording = [];
    },
    stop: () => {
      const out = recording ?? [];
      recording = null;
      return out;
    },
    restore: () => {
      (pool as unknown as { connect: typeof connect }).connect = connect;
    },
  };
}
