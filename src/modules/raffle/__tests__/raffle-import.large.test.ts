import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg } from '../../../../test/factories/org.ts';
import { changeCounts, moduleImport } from '../../../../test/support/import-kit.ts';
import { TEST_MODULES } from '../../../../test/support/template-sources.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { type ImportReport, openPostgresSource } from '../../../core/imports/index.ts';
import { sql } from '../../../platform/db/index.ts';

/**
 * The measure of issue 51 on a large database the original raffle backoffice's own code wrote
 * (test/fixtures/import/raffle-original/make_data.py `--scale large`, not committed):
 * `RAFFLE_IMPORT_LARGE=postgres://…/first,postgres://…/second` (the second: the same database a week
 * of sales and the multi-tenant upgrade later). At most 1 record in 1,000 refused; every number the
 * original sold, sold here to the order the original names and that order's buyer; the paid money
 * per currency as the original counted it; the second snapshot brings its changes, a third run none.
 * Run by `npm run test:large` (not by `npm test`: the databases are not committed); it fails without
 * the URLs.
 */
const URLS = process.env.RAFFLE_IMPORT_LARGE?.split(',') ?? [];
const AREAS = TEST_MODULES.filter((m) => m.name === 'raffle');
let app: TestApp;
let now = 0;

async function original<T>(url: string, query: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(query)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Each SOLD ticket with the order it names (else the last order the join gives it) and that order's contact. */
const SOLD = `select r.title || ' #' || t.number as sale,
    coalesce(t.reserved_by_order_id, (select max(j.order_id) from raffles_orderticket j where j.ticket_id = t.id))::text as "order",
    (select o.contact_id from raffles_order o where o.id = coalesce(t.reserved_by_order_id,
       (select max(j.order_id) from raffles_orderticket j where j.ticket_id = t.id)))::text as contact
  from raffles_ticketnumber t join raffles_raffle r on r.id = t.raffle_id where t.status = 'SOLD' order by 1`;
/** PAID totals per currency in the money module's minor units (USD, EUR cents; PYG, COP whole, rounded). */
const PAID = `select r.currency, sum(case when r.currency in ('USD', 'EUR') then o.total_amount * 100
    else round(o.total_amount) end)::bigint::text as minor, sum(o.total_amount)::text as original
  from raffles_order o join raffles_raffle r on r.id = o.raffle_id where o.status = 'PAID' group by 1 order by 1`;
const ROWS = `select (select count(*) from whatsapp_whatsappcontact) + (select count(*) from raffles_raffle)
    + (select count(*) from raffles_ticketnumber) + (select count(*) from raffles_orderticket)
    + (select count(*) from raffles_order) as n, (select max(updated_at) from raffles_order) as last`;

async function opsdeskSales() {
  const { rows } = await sql<{ sale: string; order: string; contact: string }>`
    select r.title || ' #' || t.number as sale, substring(o.source_key from 'import:raffles.order:(.*)') as "order",
           (select min(i.source_pk::int)::text from import_origin i where i.org_id = o.org_id and i.module = 'raffle'
              and i.source_model = 'whatsapp.whatsappcontact' and i.target_id = o.buyer_id::text) as contact
    from raffle_ticket t join raffle_order o on o.id = t.order_id join raffle_raffle r on r.id = t.raffle_id
    join organization g on g.id = t.org_id where g.slug = 'large' and t.status = 'sold' order by 1`.execute(
    app.database.db,
  );
  return rows;
}

async function opsdeskPaid() {
  const { rows } = await sql<{ currency: string; minor: string }>`
    select btrim(x.currency) as currency, sum(x.amount_minor)::text as minor from raffle_order x
    join organization g on g.id = x.org_id where g.slug = 'large' and x.status = 'paid' group by 1 order by 1`.execute(
    app.database.db,
  );
  return rows;
}

const summary = (r: ImportReport) => ({
  read: r.models.reduce((n, m) => n + m.read, 0),
  refused: r.models.reduce((n, m) => n + m.refused, 0),
  flagged: r.models.reduce((n, m) => n + m.flagged, 0),
  seconds: r.seconds,
  notes: Object.fromEntries(r.models.map((m) => [m.model, m.notes])),
  refusals: r.issues.filter((i) => i.kind === 'refused').slice(0, 20),
  flags: r.issues
    .filter((i) => i.kind === 'flagged')
    .reduce<{ [what: string]: number }>((n, i) => {
      const what = `${i.model} ${i.field}: ${i.reason.replace(/\d[\d.,]*/g, 'N').slice(0, 90)}`;
      n[what] = (n[what] ?? 0) + 1;
      return n;
    }, {}),
});

describe('opsdesk import raffle on a large database the original wrote', () => {
  beforeAll(async () => {
    if (URLS.length !== 2)
      throw new Error(`RAFFLE_IMPORT_LARGE must name two databases: postgres://…/first,postgres://…/second`);
    app = await startTestApp({ modules: AREAS, clock: { now: () => new Date(now) } });
    await createOrg(app, { slug: 'large', currency: 'PYG', timeZone: 'America/Asuncion' });
  }, 120_000);
  afterAll(() => app?.close());
  const run = moduleImport(() => app, AREAS, 'raffle');
  const measure = async (url: string) => {
    const { n, last } = (await original<{ n: string; last: Date }>(url, ROWS))[0]!;
    now = last.getTime() + 60_000;
    const source = await openPostgresSource(url);
    try {
      const report = await run('large', source);
      return { report, rows: Number(n) };
    } finally {
      await source.close();
    }
  };

  it('brings the first snapshot: ≤ 1 in 1,000 refused, every sold number to its order and buyer, the money', async () => {
    const { report, rows } = await measure(URLS[0]!);
    const s = summary(report);
    console.log('first', { rows, ...s, changes: changeCounts(report) });
    expect(rows).toBeGreaterThanOrEqual(10_000);
    expect(s.refused / rows).toBeLessThanOrEqual(0.001);
    expect(await opsdeskSales()).toEqual(await original(URLS[0]!, SOLD));
    const paid = await original<{ currency: string; minor: string; original: string }>(URLS[0]!, PAID);
    console.log('paid', paid, await opsdeskPaid());
    expect(await opsdeskPaid()).toEqual(paid.map(({ currency, minor }) => ({ currency, minor })));
  }, 1_800_000);

  it('brings the second snapshot’s changes, then nothing', async () => {
    const { report, rows } = await measure(URLS[1]!);
    const s = summary(report);
    console.log('second', { rows, ...s, changes: changeCounts(report) });
    expect(s.refused / rows).toBeLessThanOrEqual(0.001);
    expect(await opsdeskSales()).toEqual(await original(URLS[1]!, SOLD));
    const paid = await original<{ currency: string; minor: string }>(URLS[1]!, PAID);
    expect(await opsdeskPaid()).toEqual(paid.map(({ currency, minor }) => ({ currency, minor })));
    const third = await measure(URLS[1]!);
    console.log('third', { seconds: third.report.seconds, changes: changeCounts(third.report) });
    for (const m of third.report.models) expect([m.model, m.created + m.updated]).toEqual([m.model, 0]);
  }, 1_800_000);
});
