import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeRuntime } from '../../../../test/factories/coffee.ts';
import { createOrg, orgCtx } from '../../../../test/factories/org.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { moduleImport, originalPostgres } from '../../../../test/support/import-kit.ts';
import { TEST_MODULES } from '../../../../test/support/template-sources.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { sql } from '../../../platform/db/index.ts';
import { setLegacyMode } from '../compat/legacy-mode.ts';

/** The coffee module alone (with the core). */
const AREAS = TEST_MODULES.filter((m) => m.name === 'coffee');

// Issue 51, item 7 for coffee: machines the import brought over from the original
// (test/fixtures/import/coffee-original/snapshot-1.sql, written by the original's own code) talk to
// their old paths as they did: a heartbeat answered with `received_at` and `next_sync`, the register
// of every boot answered as already registered, the original's `X-Device-Token` taken where the
// original took it, and the original's ids (a merchant's integer, an order's `order_id`) found
// through the import's origin map.

const ORIGINAL = new URL('../../../../test/fixtures/import/coffee-original/', import.meta.url);
let app: TestApp;
let staff: ApiClient;
let closeOriginal: () => Promise<void>;

beforeAll(async () => {
  app = await startTestApp({ modules: AREAS });
  await createOrg(app, { slug: 'fleet', currency: 'CNY', timeZone: 'Asia/Shanghai' });
  const original = await originalPostgres();
  closeOriginal = original.close;
  await original.load(readFileSync(new URL('snapshot-1.sql', ORIGINAL), 'utf8'));
  // The original's Order model keeps currency as free text (varchar 10): machines in China write "RMB".
  await original.db.pool.query(`insert into orders (order_id, device_id, server_ts, items_count, total_price, currency,
    payment_method, payment_status, is_exception, created_at, updated_at)
    values ('ORDER_RMB', 'CM001', now(), 1, 12.5, 'RMB', 'wechat', 'paid', false, now(), now())`);
  const source = await original.source('postgres coffee');
  try {
    const report = await moduleImport(() => app, AREAS, 'coffee')('fleet', source);
    expect(report.issues.filter((i) => i.kind === 'refused')).toEqual([]);
  } finally {
    await source.close();
  }
  staff = await signedInStaff(app, { org: 'fleet', role: 'admin' });
}, 180_000);
afterAll(async () => {
  await app?.close();
  await closeOriginal?.();
});

/** An imported machine switched to legacy mode by its owner, as the operator does on switch day. */
async function legacyMachine(serial: string) {
  const { rows } = await sql<{ id: string }>`
    select d.id from coffee_device d join organization o on o.id = d.org_id
    where o.slug = 'fleet' and d.serial = ${serial}`.execute(app.database.db);
  await setLegacyMode(await orgCtx(app, 'fleet'), coffeeRuntime(app), rows[0]!.id, true);
  return rows[0]!.id;
}

const firmware = (path: string, payload: object, headers: Record<string, string> = {}) =>
  app.http.inject({ method: 'POST', url: `/api/v1${path}`, headers, payload });

describe('the original firmware on machines the import brought over', () => {
  it('imports an order the original priced in "RMB" as one in CNY, not refused', async () => {
    const order = await staff.get('/api/v1/orders/ORDER_RMB');
    expect(order.statusCode, order.body).toBe(200);
    expect(order.json().data.order).toMatchObject({
      order_id: 'ORDER_RMB',
      currency: 'CNY',
      total_price: 12.5,
    });
  });

  it('answers a heartbeat with received_at and next_sync, five minutes on, as the original did', async () => {
    await legacyMachine('CM 2002');
    const r = await firmware(`/devices/${encodeURIComponent('CM 2002')}/status`, {
      status: 'online',
      temperature: 91.5,
    });
    expect(r.statusCode, r.body).toBe(200);
    const data = r.json().data;
    expect(data).toMatchObject({ device_id: 'CM 2002', status: 'online' });
    expect(Date.parse(data.next_sync) - Date.parse(data.received_at)).toBe(5 * 60_000);
  });

  it('answers the register of every boot as already registered, with its merchant by the original id', async () => {
    await legacyMachine('CM001');
    const boot = { device_id: 'CM001', model: 'CM-2000', merchant_id: 1, alias: 'Downtown Coffee Machine' };
    for (let i = 0; i < 2; i++) {
      const r = await firmware('/devices/register', boot);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({
        ok: true,
        message: 'already registered',
        // seed-demo's StarBucks Coffee is merchant 1 in the original
        data: {
          device_id: 'CM001',
          message: 'already registered',
          provisioning: { merchant_id: 1, needs_binding: false },
        },
      });
    }
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from coffee_device d join organization o on o.id = d.org_id
      where o.slug = 'fleet' and d.serial = 'CM001'`.execute(app.database.db);
    expect(rows[0]!.n).toBe(1);
  });

  it("takes the original's X-Device-Token where the original took it: on a machine in legacy mode", async () => {
    const original = { 'x-device-token': 'device_token_CM003-0123456789abcdef0123456789abcdef' };
    // legacy mode off: the original's token is no Opsdesk token, the call is refused
    const before = await firmware('/devices/CM003/status', { status: 'online' }, original);
    expect(before.statusCode).toBe(401);
    await legacyMachine('CM003');
    const after = await firmware('/devices/CM003/status', { status: 'fault' }, original);
    expect(after.statusCode, after.body).toBe(200);
    expect(after.json().data).toMatchObject({ device_id: 'CM003', status: 'fault' });
    const boot = await firmware('/devices/register', { device_id: 'CM003', model: 'CM-1000' }, original);
    expect(boot.json()).toMatchObject({ ok: true, data: { message: 'already registered' } });
  });

  it("finds a merchant by the original's integer id and an order by its order_id on the staff paths", async () => {
    const byOriginal = (await staff.get('/api/v1/devices?merchant_id=1&page_size=100')).json();
    expect(byOriginal.ok).toBe(true);
    const serials = byOriginal.data.items.map((d: { device_id: string }) => d.device_id);
    expect(serials).toEqual(expect.arrayContaining(['CM001', 'CM002']));
    expect(serials).not.toContain('CM003');
    // an id the import never brought finds nothing
    const none = (await staff.get('/api/v1/devices?merchant_id=999')).json();
    expect(none.data.items).toEqual([]);
    const order = await staff.get('/api/v1/orders/ORDER_001');
    expect(order.statusCode, order.body).toBe(200);
    expect(order.json().data.order).toMatchObject({
      order_id: 'ORDER_001',
      device_id: 'CM001',
      total_price: 25.5,
    });
  });
});
