import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg } from '../../../../test/factories/org.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import {
  changeCounts,
  holdingsOf,
  moduleImport,
  originalPostgres,
} from '../../../../test/support/import-kit.ts';
import { TEST_MODULES } from '../../../../test/support/template-sources.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { type ImportReport, type ImportSource, openCsvSource } from '../../../core/imports/index.ts';
import { sql } from '../../../platform/db/index.ts';
import { coffeeImport } from '../import/coffee.import.ts';
import { MATERIAL_NOTES } from '../import/materials.import.ts';

/** The coffee module alone (with the core): the import needs nothing else. */
const AREAS = TEST_MODULES.filter((m) => m.name === 'coffee');

// Issue 51 for coffee, on data the original (github.com/yulaomao/coffeeNew, main) wrote itself:
// test/fixtures/import/coffee-original/make_data.py ran its `manage.py init-db`, `seed-demo` and
// `create-user`, machines registered and reported through its device API, and its models wrote the
// rest; snapshot-1.sql is its PostgreSQL then (pg_dump), snapshot-2.sql after a day more (new
// machines, reboots, statuses, bins, orders, refunds, a recipe switched off, seed-demo again);
// sqlite-csv/ its default SQLite database's tables as CSV files.

const ORIGINAL = new URL('../../../../test/fixtures/import/coffee-original/', import.meta.url);

/** The original's database at one snapshot, on an embedded PostgreSQL, as pg_dump wrote it. */
async function originalAt(snapshot: 1 | 2) {
  const original = await originalPostgres();
  await original.load(readFileSync(new URL(`snapshot-${snapshot}.sql`, ORIGINAL), 'utf8'));
  return original;
}
type Original = Awaited<ReturnType<typeof originalAt>>;

/** Records of the source by model and pk, their fields as JSON: what changed between two snapshots. */
async function recordsOf(s: ImportSource): Promise<Map<string, Map<string, string>>> {
  const out = new Map<string, Map<string, string>>();
  for (const model of coffeeImport().models) {
    const byPk = new Map<string, string>();
    for await (const batch of s.records(model, 1000))
      for (const r of batch) byPk.set(r.pk, JSON.stringify(r.fields));
    out.set(model.model, byPk);
  }
  await s.close();
  return out;
}

let app: TestApp;
let first: Original;
let second: Original;

beforeAll(async () => {
  app = await startTestApp({ modules: AREAS });
  await createOrg(app, { slug: 'cafe', currency: 'CNY', timeZone: 'Asia/Shanghai' });
  first = await originalAt(1);
  second = await originalAt(2);
}, 180_000);
afterAll(async () => {
  await app?.close();
  await first?.close();
  await second?.close();
});

const importInto = moduleImport(() => app, AREAS, 'coffee');
async function run(org: string, from: Original | ImportSource, dryRun = false): Promise<ImportReport> {
  const s = 'db' in from ? await from.source('postgres coffee') : from;
  try {
    return await importInto(org, s, { dryRun });
  } finally {
    await s.close();
  }
}

const holdings = (org: string) =>
  holdingsOf(app.database.db, org, {
    merchants: 'coffee_merchant',
    locations: 'coffee_location',
    devices: 'coffee_device',
    materials: 'coffee_material',
    bins: 'coffee_bin',
    orders: 'coffee_order',
    lines: 'select coalesce(sum(jsonb_array_length(t.items)), 0) from coffee_order t where t.org_id = o.id',
    packages: 'coffee_recipe_package',
    drafts: 'coffee_recipe_draft',
    cents: 'select coalesce(sum(t.total_minor), 0) from coffee_order t where t.org_id = o.id',
    origins: 'import_origin',
  });

/** What the original holds, counted in its own tables. */
async function originalCounts(original: Original) {
  const { rows } = await original.db.pool.query(`select
    (select count(*) from merchants)::int as merchants, (select count(*) from locations)::int as locations,
    (select count(*) from devices)::int as devices, (select count(*) from material_dictionaries)::int as materials,
    (select count(*) from device_bins where material_code is not null)::int as bins,
    (select count(*) from orders)::int as orders, (select count(*) from order_items)::int as lines,
    (select count(*) from recipes)::int as recipes,
    -- each order's float total to the cent, half up, as the original shows it
    (select sum(round(total_price::numeric, 2)) * 100 from orders)::bigint as cents`);
  return rows[0] as Record<string, number | string>;
}

const byOrg = (org: string) => sql`(select id from organization where slug = ${org})`;

describe('opsdesk import coffee, from the data the original wrote', () => {
  it('brings every machine, bin, order and recipe over, none refused, the money to the cent', async () => {
    const report = await run('cafe', first);
    expect(report.issues.filter((i) => i.kind === 'refused')).toEqual([]);
    const o = await originalCounts(first);
    const h = await holdings('cafe');
    expect(h).toMatchObject({
      merchants: o.merchants,
      locations: o.locations,
      devices: o.devices,
      materials: o.materials,
      bins: o.bins,
      orders: o.orders,
      lines: o.lines,
      cents: Number(o.cents),
    });
    // every recipe: those machines run as packages, the others as drafts
    expect(h.packages! + h.drafts!).toBe(o.recipes);
    // make_data.py totals: 7097.38 (Python's Decimal of each float, half up)
    expect(h.cents).toBe(709_738);
    const models = changeCounts(report);
    expect(models['coffee.device']).toMatchObject({ created: 33, refused: 0 });
  });

  it('keeps machines by the serial they registered with and their tags whole: any script, `:`, objects', async () => {
    const { rows } = await sql<{ serial: string; model: string; tags: string[]; status: string }>`
      select serial, model, tags, status from coffee_device where org_id = ${byOrg('cafe')}
      and serial in ('BJ-朝阳-01', 'CM 2002', 'CM1002', 'CM1003', 'CM1004', 'CM1005', 'CM1006', 'CM1009',
        'CM1010', 'CM1011', 'CM1012') order by serial`.execute(app.database.db);
    expect(rows).toEqual([
      { serial: 'BJ-朝阳-01', model: '', tags: ['location:indoor', 'priority:high'], status: 'offline' },
      { serial: 'CM 2002', model: 'CM-2000', tags: ['区域:北京', '楼层:3'], status: 'online' },
      { serial: 'CM1002', model: 'CM-3000 Pro', tags: ['vip', '24h', 'mall:west'], status: 'offline' },
      { serial: 'CM1003', model: 'CM-2000', tags: ['旗舰店', 'नई-दिल्ली', 'الحمرا'], status: 'online' },
      { serial: 'CM1004', model: '', tags: ['airport', 't2'], status: 'registered' },
      { serial: 'CM1005', model: 'CM-2000', tags: ['note', 'outdoor', 'paid:false'], status: 'online' },
      { serial: 'CM1006', model: 'CM-2000', tags: ['geo.city:上海', 'geo.district:静安'], status: 'online' },
      { serial: 'CM1009', model: 'CM-3000 Pro', tags: [], status: 'registered' },
      { serial: 'CM1010', model: 'CM-3000 Pro', tags: ['floor-2', 'near-exit'], status: 'online' },
      { serial: 'CM1011', model: 'CM-2000', tags: ['env:prod', 'ver:2.1'], status: 'online' },
      {
        serial: 'CM1012',
        model: 'CM-1000',
        tags: ['a-very-long-tag-that-someone-typed-into-the-register-payload-without-thinking'],
        status: 'online',
      },
    ]);
  });

  it('flags what it kept as typed with a sentence, and refuses nothing the original accepted', async () => {
    await createOrg(app, { slug: 'cafe-dry', currency: 'CNY' });
    const dry = await run('cafe-dry', first, true);
    const flagged = dry.issues.filter((i) => i.kind === 'flagged');
    expect(dry.issues.filter((i) => i.kind === 'refused')).toEqual([]);
    expect(flagged).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          model: 'coffee.location',
          field: 'lat',
          reason: expect.stringMatching(/^121\.4737 is not a latitude/),
        }),
        expect.objectContaining({
          model: 'coffee.device',
          field: 'tags',
          reason: expect.stringMatching(/longer than 64/),
        }),
        expect.objectContaining({
          model: 'coffee.recipe',
          field: 'schema',
          reason: expect.stringMatching(/step 1 \("shake"\) is an action Opsdesk machines do not know/),
        }),
      ]),
    );
    // no raw validation message reaches a person
    for (const f of flagged) expect(f.reason).not.toMatch(/invalid_|Expected|received/);
    // the dry run wrote nothing
    expect((await holdings('cafe-dry')).devices).toBe(0);
  });

  it("runs the original's recipes in each of its shapes, and keeps the others as drafts saying why", async () => {
    const { rows: packages } = await sql<{ recipes: Array<Record<string, unknown>> }>`
      select recipes from coffee_recipe_package where org_id = ${byOrg('cafe')} order by version`.execute(
      app.database.db,
    );
    const byName = new Map(packages.map((p) => [p.recipes[0]!.name as string, p.recipes[0]!]));
    // main's seed-demo: actions and material codes, bins from the machines that hold them
    expect(byName.get('Classic Latte')).toMatchObject({
      version: '1.0',
      steps: [
        { key: '1', type: 'grind', materials: ['COFFEE_BEAN_A'] },
        { key: '2', type: 'brew', temperature: 85, durationSeconds: 25 },
        { key: '3', type: 'froth', name: 'steam', materials: ['MILK_POWDER'] },
        { key: '4', type: 'mix', params: { ratio: '1:3' } },
      ],
      materials: [
        { materialCode: 'COFFEE_BEAN_A', binIndex: 1, amount: 20, unit: 'g' },
        { materialCode: 'MILK_POWDER', binIndex: 2, amount: 10, unit: 'g' },
      ],
    });
    // the admin backend's schema, bins as it named them
    expect(byName.get('Americano')).toMatchObject({
      prepTimeSeconds: 40,
      steps: [
        { key: 's1', type: 'grind', params: { fineness: 3 } },
        { key: 's2', temperature: 93 },
      ],
      materials: [
        { materialCode: 'COFFEE_BEAN_A', binIndex: 1 },
        { materialCode: 'WATER', binIndex: 4 },
      ],
    });
    // the device agent's manifest: water in ml, milliseconds
    expect(byName.get('美式咖啡')).toMatchObject({
      steps: [
        { type: 'grind', durationSeconds: 4 },
        { type: 'brew', params: {}, durationSeconds: 30 },
      ],
      materials: [
        { materialCode: 'COFFEE_BEAN_A', amount: 15, unit: 'g' },
        { materialCode: 'WATER', amount: 200, unit: 'ml' },
      ],
    });
    // litres in ml, a material coded in Chinese script
    expect(byName.get('抹茶拿铁')).toMatchObject({
      materials: expect.arrayContaining([
        expect.objectContaining({ materialCode: 'WATER', amount: 50, unit: 'ml' }),
      ]),
    });
    const { rows: drafts } = await sql<{ name: string; reason: string; original: unknown }>`
      select name, reason, original from coffee_recipe_draft where org_id = ${byOrg('cafe')} order by name`.execute(
      app.database.db,
    );
    expect(drafts.map((d) => [d.name, d.reason])).toEqual([
      ['Ideas for winter', 'Opsdesk machines cannot run it as it is: it has no steps to run'],
      ['Old Mocha', 'switched off in the original: kept as a draft, in no package'],
      ['Rose Latte', "Opsdesk machines cannot run it as it is: ROSE_SYRUP is in no machine's bin"],
      [
        'Shaken Espresso',
        'Opsdesk machines cannot run it as it is: step 1 ("shake") is an action Opsdesk machines do not know (they grind, brew, heat, froth, mix, wait and dispense); it draws no material from any bin',
      ],
    ]);
    expect(drafts[0]!.original).toEqual({ notes: 'ask 王经理 about chestnut syrup' });
    // a person finds them in the console, each with why
    const admin = await signedInStaff(app, { org: 'cafe', role: 'admin' });
    const listed = (await admin.get('/api/coffee/console/recipe-drafts?sort=name&order=asc')).json();
    expect(listed.items.map((d: Record<string, unknown>) => [d.name, d.draftReason])).toEqual(
      drafts.map((d) => [d.name, d.reason]),
    );
  });

  it('changes nothing when the same database is imported again', async () => {
    const before = await holdings('cafe');
    const again = await run('cafe', first);
    expect(again.issues).toEqual([]);
    for (const m of again.models) expect(m).toMatchObject({ created: 0, updated: 0, refused: 0 });
    expect(await holdings('cafe')).toEqual(before);
  });

  it('brings exactly what changed in the original since, and nothing on a third run', async () => {
    const was = await recordsOf(await first.source('postgres coffee'));
    const now = await recordsOf(await second.source('postgres coffee'));
    const report = await run('cafe', second);
    expect(report.issues.filter((i) => i.kind === 'refused')).toEqual([]);
    const counts = changeCounts(report);
    for (const [model, records] of now) {
      const before = was.get(model)!;
      const changed = [...records].filter(([pk, f]) => before.has(pk) && before.get(pk) !== f).length;
      const added = [...records.keys()].filter((pk) => !before.has(pk)).length;
      const skipped = report.models.find((m) => m.model === model)!.skipped;
      expect({ model, ...counts[model] }).toMatchObject({ model, updated: changed });
      expect(counts[model]!.created + skipped).toBeGreaterThanOrEqual(added);
    }
    expect(counts['coffee.device']).toMatchObject({ created: 3 });
    const o = await originalCounts(second);
    expect(await holdings('cafe')).toMatchObject({
      devices: o.devices,
      bins: o.bins,
      orders: o.orders,
      // seed-demo replaced its orders' items: the lines are the new ones, never both
      lines: o.lines,
      cents: Number(o.cents),
    });
    expect((await holdings('cafe')).cents).toBe(807_595);
    const db = app.database.db;
    const { rows } = await sql<{ serial: string; tags: string[]; firmware: string }>`
      select serial, tags, firmware from coffee_device where org_id = ${byOrg('cafe')}
      and serial in ('CM1005', 'NEW-01') order by serial`.execute(db);
    // CM1005 rebooted and registered again with new tags; NEW-01 is new
    expect(rows).toEqual([
      { serial: 'CM1005', tags: ['rebooted', '重启'], firmware: '1.3.1' },
      { serial: 'NEW-01', tags: ['batch:2026-12', 'zone:a:1'], firmware: '' },
    ]);
    const refunded = await sql<{ n: number }>`
      select count(*)::int as n from coffee_order where org_id = ${byOrg('cafe')}
      and payment_status = 'refunded' and refund_reason = 'refunded in the original system'`.execute(db);
    const there = await second.db.pool.query(
      `select count(*)::int as n from orders where payment_status = 'refunded'`,
    );
    expect(refunded.rows[0]!.n).toBe(there.rows[0].n);
    // Flat White was switched off there: its package stays as it was, the new state waits as a draft
    const off = await sql<{ reason: string }>`
      select reason from coffee_recipe_draft where org_id = ${byOrg('cafe')} and name = 'Flat White'`.execute(
      db,
    );
    expect(off.rows).toEqual([
      {
        reason:
          'changed in the original since its package: switched off in the original: kept as a draft, in no package',
      },
    ]);

    const before = await holdings('cafe');
    const third = await run('cafe', second);
    for (const m of third.models) expect(m).toMatchObject({ created: 0, updated: 0, refused: 0 });
    expect(await holdings('cafe')).toEqual(before);
  });

  it("reads the original's default SQLite database as CSV files, none refused", async () => {
    await createOrg(app, { slug: 'cafe-sqlite', currency: 'CNY' });
    // The operator set Opsdesk up first with a material the original has too: it is that material.
    await sql`insert into coffee_material (org_id, code, name, unit, enabled)
      values (${byOrg('cafe-sqlite')}, 'COFFEE_BEAN_A', 'Arabica (set up in Opsdesk)', 'g', true)`.execute(
      app.database.db,
    );
    const report = await run('cafe-sqlite', openCsvSource(new URL('sqlite-csv', ORIGINAL).pathname));
    expect(report.issues.filter((i) => i.kind === 'refused')).toEqual([]);
    const materials = report.models.find((m) => m.model === 'coffee.materialdictionary')!;
    expect(materials).toMatchObject({ read: 16, created: 16, refused: 0 });
    expect(materials.notes[MATERIAL_NOTES.adopted]).toBe(1);
    const h = await holdings('cafe-sqlite');
    // make_data.py first --machines 12 --orders 40 --seed 3: 12 + the seed's 3 machines; 1479.55 in all
    expect(h).toMatchObject({ devices: 15, orders: 47, cents: 147_955, materials: 16 });
    const kept = await sql<{ name: string }>`select name from coffee_material
      where org_id = ${byOrg('cafe-sqlite')} and code = 'COFFEE_BEAN_A'`.execute(app.database.db);
    expect(kept.rows).toEqual([{ name: 'Arabica (set up in Opsdesk)' }]);
    expect(h.packages! + h.drafts!).toBe(10);
    const { rows } = await sql<{ tags: string[] }>`
      select tags from coffee_device where org_id = ${byOrg('cafe-sqlite')} and serial = 'CM001'`.execute(
      app.database.db,
    );
    expect(rows[0]!.tags).toEqual(['location:indoor', 'priority:high']);
  });
});
