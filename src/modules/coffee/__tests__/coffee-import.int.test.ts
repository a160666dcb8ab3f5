import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeRuntime } from '../../../../test/factories/coffee.ts';
import { createOrg, orgCtx } from '../../../../test/factories/org.ts';
import { holdingsOf, moduleImport, reportCounts } from '../../../../test/support/import-kit.ts';
import { TEST_MODULES } from '../../../../test/support/template-sources.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import {
  type ImportSource,
  openCsvSource,
  postgresSource,
  type SourceConnection,
  type SourceRecord,
} from '../../../core/imports/index.ts';
import { createEmbedded, openDatabase, sql } from '../../../platform/db/index.ts';
import { setLegacyMode } from '../compat/legacy-mode.ts';
import { provisionDevice } from '../device-tokens.ts';

/** The coffee module alone (with the core): the import needs nothing else. */
const AREAS = TEST_MODULES.filter((m) => m.name === 'coffee');

// Issue 42 for coffee: the Flask + SQLAlchemy original (github.com/yulaomao/coffeeNew) is read from
// its PostgreSQL tables (named by `__tablename__`, natural keys for machines and orders) or from a
// folder of CSV files, the same way; a second run changes nothing; an imported machine keeps its
// serial and, in legacy mode, reports over v1 without a token; a row that cannot come over is
// reported with its reason and nothing of it is written.

const FIXTURES = new URL('../../../../test/fixtures/import/', import.meta.url);
const CSV = new URL('coffee-csv', FIXTURES).pathname;

let app: TestApp;
let original: Awaited<ReturnType<typeof openDatabase>>;
let lite: Awaited<ReturnType<typeof createEmbedded>>;

beforeAll(async () => {
  app = await startTestApp({ modules: AREAS });
  // The original's PostgreSQL: its tables as SQLAlchemy creates them, and its records.
  lite = await createEmbedded();
  original = await openDatabase({ lite });
  await original.pool.query(readFileSync(new URL('coffee-schema.sql', FIXTURES), 'utf8'));
  await original.pool.query(readFileSync(new URL('coffee-data.sql', FIXTURES), 'utf8'));
}, 120_000);
afterAll(async () => {
  await app?.close();
  await original?.close();
  await lite?.close();
});

async function fromOriginalDatabase(): Promise<ImportSource> {
  const client = await original.pool.connect();
  return postgresSource(client as unknown as SourceConnection, 'postgres coffee', () => client.release());
}

async function run(org: string, source: ImportSource) {
  try {
    return await moduleImport(() => app, AREAS, 'coffee')(org, source);
  } finally {
    await source.close();
  }
}

/** What an organization holds of the coffee fleet: everything an import could write. */
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
    commands: 'coffee_command',
    notifications: 'notification',
    origins: 'import_origin',
  });

const FULL = {
  'coffee.merchant': [2, 2, 0, 0, 0],
  'coffee.location': [3, 3, 0, 0, 0],
  'coffee.device': [3, 3, 0, 0, 0],
  'coffee.materialdictionary': [4, 4, 0, 0, 0],
  'coffee.devicebin': [5, 4, 0, 1, 0],
  'coffee.order': [4, 4, 0, 0, 0],
  'coffee.orderitem': [5, 5, 0, 0, 0],
  'coffee.recipe': [2, 1, 0, 1, 0],
};
const HOLDINGS = {
  merchants: 2,
  locations: 3,
  devices: 3,
  materials: 4,
  bins: 4,
  orders: 4,
  lines: 5,
  packages: 1,
  commands: 0,
  notifications: 0,
  origins: 2 + 3 + 3 + 4 + 4 + 4 + 5 + 1,
};

describe('opsdesk import coffee', () => {
  it("brings the original's database over: machines by serial with their tags, bins and thresholds, orders, a recipe", async () => {
    const report = await run('default', await fromOriginalDatabase());
    expect(report.issues).toEqual([]);
    expect(reportCounts(report)).toEqual(FULL);
    expect(report.messages).toEqual({ wouldSend: 0, queued: 0 });
    expect(await holdings('default')).toEqual(HOLDINGS);

    const db = app.database.db;
    const { rows: devices } = await sql<Record<string, unknown>>`
      select d.serial, d.model, d.name, d.firmware, d.status, d.tags, d.temperature_tenths, d.last_seen_at,
        d.token_hash, m.name as merchant, l.name as location
      from coffee_device d join coffee_merchant m on m.id = d.merchant_id
      left join coffee_location l on l.id = d.location_id order by d.serial`.execute(db);
    expect(devices).toEqual([
      {
        serial: 'CM001',
        model: 'CM-2000',
        name: 'Downtown Coffee Machine',
        firmware: '1.2.3',
        status: 'online',
        tags: ['location-indoor', 'priority-high'],
        temperature_tenths: 925,
        // the original's naive UTC, not this process's local time
        last_seen_at: new Date('2026-11-20T07:55:00Z'),
        token_hash: null,
        merchant: 'Bean Brothers',
        location: 'Downtown Store',
      },
      expect.objectContaining({ serial: 'CM002', status: 'offline', tags: ['location-mall'] }),
      expect.objectContaining({
        serial: 'CM003',
        name: 'CM003',
        status: 'registered',
        tags: ['street', 'trial'],
        merchant: 'Corner Cafe',
        location: null,
      }),
    ]);
    const { rows: bins } = await sql<Record<string, unknown>>`
      select d.serial, b.bin_index, b.material_code, b.remaining, b.capacity, b.low_pct, b.critical_pct
      from coffee_bin b join coffee_device d on d.id = b.device_id order by d.serial, b.bin_index`.execute(
      db,
    );
    expect(bins).toEqual([
      {
        serial: 'CM001',
        bin_index: 1,
        material_code: 'COFFEE_BEAN_A',
        remaining: 800,
        capacity: 1000,
        low_pct: 15,
        critical_pct: 5,
      },
      {
        serial: 'CM001',
        bin_index: 2,
        material_code: 'MILK_POWDER',
        remaining: 80,
        capacity: 500,
        low_pct: 20,
        critical_pct: 5,
      },
      expect.objectContaining({ serial: 'CM002', bin_index: 1, remaining: 0, low_pct: 15 }),
      expect.objectContaining({ serial: 'CM003', material_code: 'WATER', low_pct: 20 }),
    ]);
    const { rows: materials } = await sql<Record<string, unknown>>`
      select code, unit, enabled from coffee_material order by code`.execute(db);
    expect(materials).toEqual([
      { code: 'COFFEE_BEAN_A', unit: 'g', enabled: true },
      { code: 'CUP_SMALL', unit: 'pcs', enabled: false },
      { code: 'MILK_POWDER', unit: 'g', enabled: true },
      { code: 'WATER', unit: 'ml', enabled: true },
    ]);
    const { rows: orders } = await sql<Record<string, unknown>>`
      select device_order_id, items, total_minor, currency, payment_method, payment_status, vend_status, ordered_at
      from coffee_order order by device_order_id`.execute(db);
    expect(orders).toEqual([
      {
        device_order_id: 'ORDER_001',
        items: [
          { name: 'Latte', qty: 1, unitPriceMinor: 1275 },
          { name: 'Americano', qty: 1, unitPriceMinor: 1275 },
        ],
        total_minor: '2550',
        currency: 'CNY',
        payment_method: 'wechat',
        payment_status: 'paid',
        vend_status: 'vended',
        ordered_at: new Date('2026-11-19T09:00:00Z'),
      },
      expect.objectContaining({ device_order_id: 'ORDER_002', total_minor: '1800' }),
      // no device time: the server's
      expect.objectContaining({
        device_order_id: 'ORDER_006',
        payment_status: 'refunded',
        vend_status: 'failed',
        ordered_at: new Date('2026-11-19T11:00:01Z'),
      }),
      // the refund failed: the money stayed paid
      expect.objectContaining({
        device_order_id: 'ORDER_007',
        items: [{ name: 'Latte', qty: 2, unitPriceMinor: 1750 }],
        payment_status: 'paid',
        vend_status: 'failed',
      }),
    ]);
    const { rows: packages } = await sql<{ version: number; recipes: Array<Record<string, unknown>> }>`
      select version, recipes from coffee_recipe_package`.execute(db);
    expect(packages).toHaveLength(1);
    expect(packages[0]!.version).toBe(1);
    expect(packages[0]!.recipes[0]).toMatchObject({
      name: 'Classic Latte',
      version: '1.0',
      prepTimeSeconds: 45,
      steps: [
        { key: 'grind', type: 'grind', durationSeconds: 8, params: { fineness: 3 } },
        { key: 'brew', type: 'brew', temperature: 88, materials: ['COFFEE_BEAN_A', 'WATER'] },
        { key: 'milk', type: 'dispense' },
      ],
      materials: [
        { materialCode: 'COFFEE_BEAN_A', binIndex: 1, amount: 18, unit: 'g' },
        { materialCode: 'MILK_POWDER', binIndex: 2, amount: 10, unit: 'g' },
        { materialCode: 'WATER', binIndex: 1, amount: 200, unit: 'ml' },
      ],
    });
  });

  it('changes nothing when the same import runs again', async () => {
    const before = await holdings('default');
    const again = await run('default', await fromOriginalDatabase());
    expect(again.issues).toEqual([]);
    expect(again.models.every((m) => m.created === 0 && m.refused === 0)).toBe(true);
    expect(reportCounts(again)['coffee.device']).toEqual([3, 0, 3, 0, 0]);
    expect(reportCounts(again)['coffee.orderitem']).toEqual([5, 0, 5, 0, 0]);
    expect(await holdings('default')).toEqual(before);
  });

  it('an imported machine without a token reports over v1 in legacy mode, known by its serial', async () => {
    const db = app.database.db;
    const device = await sql<{ id: string }>`select id from coffee_device where serial = 'CM002'`.execute(db);
    const id = device.rows[0]!.id;
    const heartbeat = (status: string) =>
      app.http.inject({
        method: 'POST',
        url: '/api/v1/devices/CM002/status',
        headers: { 'x-device-id': 'CM002' },
        payload: { device_id: 'CM002', status, temperature: 91.2, timestamp: '2026-11-20T09:00:00+00:00' },
      });
    // no token, and legacy mode off: refused
    expect((await heartbeat('online')).statusCode).toBe(401);
    await setLegacyMode(await orgCtx(app), coffeeRuntime(app), id, true);
    const ok = await heartbeat('online');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ ok: true, data: { device_id: 'CM002', status: 'online' } });
    const { rows } = await sql<Record<string, unknown>>`
      select status, temperature_tenths, last_seen_at is not null as seen, token_hash
      from coffee_device where id = ${id}`.execute(db);
    expect(rows[0]).toEqual({ status: 'online', temperature_tenths: 912, seen: true, token_hash: null });
  });

  it('reads the same records from a folder of CSV files named by the tables', async () => {
    await createOrg(app, { slug: 'coffee-csv', currency: 'CNY', timeZone: 'Asia/Shanghai' });
    const report = await run('coffee-csv', openCsvSource(CSV));
    expect(report.issues).toEqual([]);
    expect(reportCounts(report)).toEqual(FULL);
    expect(await holdings('coffee-csv')).toEqual(HOLDINGS);
    const { rows } = await sql<Record<string, unknown>>`
      select d.tags, d.last_seen_at from coffee_device d join organization o on o.id = d.org_id
      where o.slug = 'coffee-csv' and d.serial = 'CM001'`.execute(app.database.db);
    expect(rows[0]).toEqual({
      tags: ['location-indoor', 'priority-high'],
      last_seen_at: new Date('2026-11-20T07:55:00Z'),
    });
  });

  it('reports a record that cannot come over with its reason, and writes none of it', async () => {
    await createOrg(app, { slug: 'coffee-bad', currency: 'CNY' });
    // A machine already in Opsdesk under the serial CM002: the original's CM002 cannot take it.
    await provisionDevice(await orgCtx(app, 'coffee-bad'), { serial: 'CM002', model: 'CM-2000' });
    const broken = (r: SourceRecord): SourceRecord => {
      if (r.model === 'coffee.device' && r.pk === 'CM003')
        return { ...r, fields: { ...r.fields, model: '' } };
      if (r.model === 'coffee.order' && r.pk === 'ORDER_001')
        return { ...r, fields: { ...r.fields, currency: 'RMB' } };
      // the main branch's demo recipe: steps with actions, materials with no bins
      if (r.model === 'coffee.recipe' && r.pk === '1')
        return {
          ...r,
          fields: {
            ...r.fields,
            schema: JSON.stringify({ steps: [{ action: 'grind', material: 'COFFEE_BEAN_A', amount: 20 }] }),
          },
        };
      return r;
    };
    const csv = openCsvSource(CSV);
    const source: ImportSource = {
      ...csv,
      label: 'csv broken',
      async *records(model, size) {
        for await (const batch of csv.records(model, size)) yield batch.map(broken);
      },
    };
    const report = await run('coffee-bad', source);
    expect(report.issues).toEqual([
      {
        model: 'coffee.device',
        pk: 'CM003',
        field: 'model',
        reason: expect.stringMatching(/required/),
      },
      {
        model: 'coffee.device',
        pk: 'CM002',
        field: null,
        reason: 'device_id: a machine with this serial is already in Opsdesk',
      },
      { model: 'coffee.devicebin', pk: '4', field: 'device_id', reason: 'machine CM002 did not come over' },
      { model: 'coffee.devicebin', pk: '5', field: 'device_id', reason: 'machine CM003 did not come over' },
      {
        model: 'coffee.order',
        pk: 'ORDER_001',
        field: 'currency',
        reason: '"RMB" is not an ISO 4217 currency',
      },
      {
        model: 'coffee.order',
        pk: 'ORDER_002',
        field: 'device_id',
        reason: 'machine CM003 did not come over',
      },
      {
        model: 'coffee.order',
        pk: 'ORDER_006',
        field: 'device_id',
        reason: 'machine CM002 did not come over',
      },
      { model: 'coffee.orderitem', pk: '1', field: 'order_id', reason: 'order ORDER_001 did not come over' },
      { model: 'coffee.orderitem', pk: '2', field: 'order_id', reason: 'order ORDER_001 did not come over' },
      { model: 'coffee.orderitem', pk: '3', field: 'order_id', reason: 'order ORDER_002 did not come over' },
      { model: 'coffee.orderitem', pk: '4', field: 'order_id', reason: 'order ORDER_006 did not come over' },
      { model: 'coffee.recipe', pk: '1', field: 'schema', reason: expect.stringMatching(/^steps\.0\.key: /) },
    ]);
    // Only what could come over whole: CM001 with its two bins, its order and that order's line.
    expect(await holdings('coffee-bad')).toEqual({
      merchants: 2,
      locations: 3,
      devices: 2,
      materials: 4,
      bins: 2,
      orders: 1,
      lines: 1,
      packages: 0,
      commands: 0,
      notifications: 0,
      origins: 2 + 3 + 1 + 4 + 2 + 1 + 1,
    });
    const { rows } = await sql<{ model: string; token: boolean }>`
      select d.model, d.token_hash is not null as token from coffee_device d join organization o on o.id = d.org_id
      where o.slug = 'coffee-bad' and d.serial = 'CM002'`.execute(app.database.db);
    // the machine that was there stays as it was
    expect(rows).toEqual([{ model: 'CM-2000', token: true }]);
  });
});
