import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeRuntime } from '../../../../test/factories/coffee.ts';
import { orgCtx } from '../../../../test/factories/org.ts';
import type { ApiClient, TestApp } from '../../../../test/support/test-app.ts';
import { provisionDevice } from '../device-tokens.ts';
import { recordDeviceOrder } from '../orders.ts';
import { startCoffeeApp } from './coffee-harness.ts';

// Issue 30, item 5: merchant and date filters on the machines and the dashboard; orders with their
// items and a payment-method filter; one material created and edited in the console.
let app: TestApp;
let ops: ApiClient;
const merchants: Record<string, string> = {};
const devices: Record<string, string> = {};

beforeAll(async () => {
  ({ app, ops } = await startCoffeeApp());
  const ctx = await orgCtx(app);
  for (const name of ['North Beans', 'South Cups']) {
    merchants[name] = (await ops.post('/api/coffee/console/merchants', { name })).json().id;
    const { device } = await provisionDevice(ctx, {
      serial: `F-${name.split(' ')[0]}`,
      model: 'CM-200',
      merchantId: merchants[name],
    });
    devices[name] = device.id;
  }
  const rt = coffeeRuntime(app);
  const day = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString();
  await recordDeviceOrder(ctx, rt, devices['North Beans']!, {
    orderId: 'N-1',
    orderedAt: day('2026-11-02T10:00:00Z', 0),
    items: [
      { name: 'Latte', qty: 2, unitPriceMinor: 350 },
      { name: 'Croissant', qty: 1, unitPriceMinor: 200 },
    ],
    currency: 'USD',
    paymentMethod: 'wallet',
    vend: 'vended',
  });
  await recordDeviceOrder(ctx, rt, devices['South Cups']!, {
    orderId: 'S-1',
    orderedAt: day('2026-11-03T10:00:00Z', 0),
    items: [{ name: 'Espresso', qty: 1, unitPriceMinor: 250 }],
    currency: 'USD',
    paymentMethod: 'cash',
    vend: 'vended',
  });
}, 60_000);
afterAll(() => app.close());

describe('coffee console filters', () => {
  it("lists one merchant's machines, by merchant id or name, and machines added within dates", async () => {
    const byId = (await ops.get(`/api/coffee/console/devices?merchantId=${merchants['North Beans']}`)).json();
    expect(byId.items.map((d: { serial: string }) => d.serial)).toEqual(['F-North']);
    const byName = (await ops.get('/api/coffee/console/devices?merchant=south')).json();
    expect(byName.items).toEqual([expect.objectContaining({ serial: 'F-South', merchant: 'South Cups' })]);
    const future = (await ops.get('/api/coffee/console/devices?createdAt_gte=2999-01-01')).json();
    expect(future.items).toEqual([]);
  });

  it("sums the dashboard for one merchant's machines over the chosen days", async () => {
    const all = (await ops.get('/api/coffee/summary?from=2026-11-01&to=2026-11-05')).json();
    expect(all.period).toEqual({ from: '2026-11-01', to: '2026-11-05', salesMinor: 1150, orders: 2 });
    expect(all.trend.map((t: { day: string }) => t.day)).toEqual([
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
    ]);
    // the daily order volume (issue 41, item 23): per day, the fleet's orders and per machine on average
    for (const t of all.trend)
      expect(t.ordersPerMachine).toBe(Math.round((t.orders * 10) / all.devices.total) / 10);
    expect(all.trend.map((t: { ordersPerMachine: number }) => t.ordersPerMachine)).toContain(0.5);
    const metrics = await app.deps.metrics!.metrics();
    expect(metrics).toMatch(/opsdesk_coffee_orders_today\{org="[0-9a-f-]+",per="fleet"\} \d+/);
    expect(metrics).toMatch(/opsdesk_coffee_orders_today\{org="[0-9a-f-]+",per="machine"\} [\d.]+/);
    const north = (
      await ops.get(
        `/api/coffee/summary?merchantId=${merchants['North Beans']}&from=2026-11-01&to=2026-11-05`,
      )
    ).json();
    expect(north.period).toMatchObject({ salesMinor: 900, orders: 1 });
    expect(north.devices.total).toBe(1);
    const bad = await ops.get('/api/coffee/summary?from=2026-11-05&to=2026-11-01');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('querystring.from');
  });

  it('shows an order with its items and filters orders by how they were paid', async () => {
    const wallet = (await ops.get('/api/coffee/console/orders?paymentMethod_in=wallet')).json();
    expect(wallet.items).toEqual([
      expect.objectContaining({
        deviceOrderId: 'N-1',
        items: '2 × Latte, 1 × Croissant',
        paymentMethod: 'wallet',
      }),
    ]);
    const cashOrCard = (await ops.get('/api/coffee/console/orders?paymentMethod_in=cash,card')).json();
    expect(cashOrCard.items.map((o: { deviceOrderId: string }) => o.deviceOrderId)).toEqual(['S-1']);
  });

  it('creates one material and edits it, refusing a second with the same code, audited', async () => {
    const created = await ops.post('/api/coffee/console/materials', {
      code: 'OAT',
      name: 'Oat milk',
      unit: 'ml',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const twice = await ops.post('/api/coffee/console/materials', { code: 'OAT', name: 'Oat again' });
    expect(twice.json().code).toBe('coffee.material_exists');
    const bad = await ops.post('/api/coffee/console/materials', { code: 'no spaces', name: '' });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['body.code', 'body.name']);
    expect(
      (await ops.patch(`/api/coffee/console/materials/${id}`, { name: 'Oat drink', enabled: false }))
        .statusCode,
    ).toBeLessThan(300);
    const row = (await ops.get(`/api/coffee/console/materials/${id}`)).json();
    expect(row).toMatchObject({ code: 'OAT', name: 'Oat drink', unit: 'ml', enabled: false });
    const audit = await app.database.pool.query<{ action: string }>(
      'select action from audit_event where subject_id = $1 order by id',
      [id],
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['coffee.material.created', 'coffee.material.updated']);
  });
});
