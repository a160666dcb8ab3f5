import { randomUUID } from 'node:crypto';
import { type Compilable, CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALWAYS_ENABLED } from '../../src/app/core-areas.ts';
import type { Ctx } from '../../src/core/context/index.ts';
import { findOrganizationBySlug } from '../../src/core/orgs/index.ts';
import {
  columnOptions,
  type ResourceColumn,
  type ResourceDefinition,
} from '../../src/core/resources/index.ts';
import { keysetQuery, offsetPageQuery } from '../../src/core/resources/list-pages.ts';
import { filterParamsOf, parseListParams } from '../../src/core/resources/list-params.rules.ts';
import { type KeysOf, whereOf } from '../../src/core/resources/list-where.ts';
import { filteredQuery } from '../../src/core/resources/resource-rows.ts';
import { scopeOf, trigramDocsOf } from '../../src/core/resources/resource-sql.ts';
import { sql } from '../../src/platform/db/index.ts';
import { LARGE_TABLE_SEEDERS } from '../support/seed-large.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Every declared sort, filter and search of every resource (core areas and every module) runs
 * through EXPLAIN on tables seeded large enough for the planner to prefer an index; a sequential
 * scan of a table the resource declares large (`largeTables`) fails: a sortable or filterable
 * column without a supporting index is caught here, not by an operator at a million rows.
 * Checked: the first page by offset, a deep page by cursor, and the capped count.
 */
const ROWS = 30_000;
/** GIN trigram scans carry a fixed cost the planner outweighs only past ~100,000 rows. */
const ROWS_OF: Record<string, number> = { contact: 100_000 };
/** Past this many estimated matches a list shows the planner's estimate and never runs the count. */
const COUNTED_SHARE = 0.01;

let app: TestApp;
let ctx: Ctx;
let resources: ResourceDefinition[];

beforeAll(async () => {
  app = await startTestApp();
  const orgId = (await findOrganizationBySlug(app.database.db, 'default'))!.id;
  ctx = app.deps.systemCtx(orgId, 'list-plans');
  resources = [...ALWAYS_ENABLED, ...app.modules].flatMap(
    (area) => area.resources?.(app.runtimeOf(area.name) as never) ?? [],
  );
  const large = new Set(resources.flatMap((r) => r.largeTables ?? []));
  for (const table of large) {
    const seed = LARGE_TABLE_SEEDERS[table];
    if (!seed) throw new Error(`large table ${table} has no seeder in test/support/seed-large.ts`);
    await seed(app.database.pool, orgId, ROWS_OF[table] ?? ROWS);
  }
}, 120_000);

afterAll(async () => {
  await app?.close();
});

/** A value the list accepts for a filter, rare in the seeded rows (the case an index must serve). */
function rareValue(column: ResourceColumn, op: string): string {
  switch (column.type) {
    case 'number':
    case 'money':
      return op === 'lte' ? '-1' : '999999999';
    case 'date':
      return '2031-01-01';
    case 'datetime':
      return op === 'lte' ? '2001-01-01T00:00:00Z' : '2031-01-01T00:00:00Z';
    case 'boolean':
      return 'true';
    case 'enum':
      return columnOptions(column).at(-1)!;
    case 'id':
      return randomUUID();
    default:
      return 'zz-rare-value';
  }
}

/** A keyset position in the middle of the seeded values, as the cursor would carry it. */
function midKey(column: ResourceColumn): string {
  switch (column.type) {
    case 'number':
    case 'money':
      return '15000';
    case 'date':
      return '2026-03-01';
    case 'datetime':
      return '2026-01-03T00:00:00Z';
    case 'boolean':
      return 'false';
    case 'enum':
      return columnOptions(column)[0]!;
    default:
      return 'M';
  }
}

interface Case {
  label: string;
  query: Compilable;
  /** For a count: the filtered rows, whose estimate decides whether the list counts at all. */
  count?: Compilable;
}

function casesOf(resource: ResourceDefinition): Case[] {
  const scope = scopeOf(ctx.clock);
  const cases: Case[] = [];
  const add = (
    label: string,
    raw: Record<string, string>,
    opts: { keyset?: boolean; count?: boolean; keysOf?: KeysOf },
  ) => {
    const params = parseListParams(resource, raw);
    const where = whereOf(resource, params, scope, 'near', opts.keysOf);
    cases.push({
      label: `${label}: first page`,
      query: offsetPageQuery(ctx, resource, params, where, scope),
    });
    if (opts.keyset) {
      const column = resource.columns.find((c) => c.name === params.sort)!;
      const key = { value: midKey(column), id: randomUUID() };
      cases.push({
        label: `${label}: deep page by cursor`,
        query: keysetQuery(ctx, resource, params, where, scope, 'values', key, params.perPage),
      });
    }
    if (opts.count) {
      const probe = filteredQuery(ctx, resource, where).select(sql<number>`1`.as('one'));
      cases.push({
        label: `${label}: capped count`,
        count: probe,
        query: ctx.db
          .selectFrom(probe.limit(10_001).as('capped') as never)
          .select(sql<string>`count(*)`.as('n')) as Compilable,
      });
    }
  };
  for (const column of resource.columns.filter((c) => c.sortable)) {
    for (const order of ['asc', 'desc'])
      add(`sort ${column.name} ${order}`, { sort: column.name, order }, { keyset: true });
  }
  for (const [param, { column, op }] of filterParamsOf(resource)) {
    if (op === 'contains') continue; // a substring filter is served by search (q), see below
    add(`filter ${param}`, { [param]: rareValue(column, op) }, { count: true });
  }
  if (trigramDocsOf(resource).length) {
    // Words many records of a joined or searched table contain are tested on each listed record;
    // words few contain arrive as those records' keys (searchKeysOf).
    add('search (dense elsewhere)', { q: 'zqxwv' }, { count: true });
    add(
      'search (few elsewhere)',
      { q: 'zqxwv' },
      { count: true, keysOf: () => [randomUUID(), randomUUID()] },
    );
  }
  return cases;
}

type PlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'Plan Rows': number;
  Plans?: PlanNode[];
};

function seqScans(node: PlanNode): string[] {
  const own = node['Node Type'] === 'Seq Scan' && node['Relation Name'] ? [node['Relation Name']] : [];
  return [...own, ...(node.Plans ?? []).flatMap(seqScans)];
}

async function planOf(query: Compilable): Promise<PlanNode> {
  const compiled = query.compile();
  const res = await ctx.db.executeQuery<{ 'QUERY PLAN': unknown }>(
    CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]),
  );
  const plan = res.rows[0]!['QUERY PLAN'];
  return (typeof plan === 'string' ? JSON.parse(plan) : plan)[0].Plan;
}

describe('list plans', () => {
  it('declares the large tables of the lists that reach millions of rows', () => {
    const declared = Object.fromEntries(resources.map((r) => [r.name, r.largeTables ?? []]));
    expect(declared).toMatchObject({
      'contacts.contacts': ['contact', 'contact_identity'],
      'mess.scans': ['mess_scan'],
      'raffle.tickets': ['raffle_ticket'],
    });
  });

  it("looks up a searched relation's rows by the record's key through an index", async () => {
    // A word many related rows contain is tested on each listed record by its key (an `exists`):
    // without an index that starts with the key, every record of the page probes the whole table.
    const missing: string[] = [];
    for (const related of resources.flatMap((r) => r.searchRelated ?? [])) {
      const column = related.on[0].split('.')[1]!;
      const { rows } = await app.database.pool.query<{ def: string }>(
        'select indexdef as def from pg_indexes where tablename = $1 and schemaname = current_schema()',
        [related.table],
      );
      if (!rows.some((r) => new RegExp(`\\(${column}[,)]`).test(r.def))) missing.push(related.on[0]);
    }
    expect(missing).toEqual([]);
    expect(resources.some((r) => r.searchRelated?.length)).toBe(true);
  });

  it('never scans a large table sequentially for a declared sort, filter or search', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const resource of resources) {
      for (const c of casesOf(resource)) {
        // At a million rows a list counts only what the planner expects to be few (EXACT_COUNT_LIMIT
        // of a million is 1%); a count it would estimate instead needs no index.
        const rows = Math.max(...(resource.largeTables ?? []).map((t) => ROWS_OF[t] ?? ROWS), ROWS);
        if (c.count && (await planOf(c.count))['Plan Rows'] > rows * COUNTED_SHARE) continue;
        const plan = await planOf(c.query);
        checked++;
        const large = new Set(resource.largeTables ?? []);
        const bad = seqScans(plan).filter((t) => large.has(t));
        if (bad.length) failures.push(`${resource.name} ${c.label}: Seq Scan on ${bad.join(', ')}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });
});
