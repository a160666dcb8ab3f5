import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeDevices, sellTwoLattes } from '../../../../test/factories/coffee.ts';
import { createOrg } from '../../../../test/factories/org.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';

// Issue 42, item 6: the original system's staff API (github.com/yulaomao/coffeeNew backend PR #2
// `api/v1`) answered on its paths, parameters and `{ok, data}` envelope, for Opsdesk staff with the
// native permissions. One test per path.
let app: TestApp;
let owner: ApiClient;
let script: ApiClient;
let viewerScript: ApiClient;
let machine: { id: string; serial: string; token: string };
let other: { id: string; serial: string; token: string };

const sell = (d: { token: string }, orderId: string, vend: 'vended' | 'failed' = 'vended') =>
  sellTwoLattes(app, d, orderId, { vend });

beforeAll(async () => {
  app = await startTestApp();
  owner = await signedInStaff(app, { role: 'owner' });
  const token = async (scopes: string[]) => {
    const res = await owner.post('/api/tokens', { name: `v1 ${scopes.length}`, scopes });
    expect(res.statusCode, res.body).toBe(201);
    return app.withToken(res.json().token);
  };
  script = await token([
    'coffee.device.read',
    'coffee.command.send',
    'coffee.order.read',
    'coffee.order.refund',
  ]);
  viewerScript = await token(['coffee.order.read']);
  [machine, other] = (await coffeeDevices(app, 2, { model: 'CM-200' })) as [typeof machine, typeof other];
  const online = await app
    .anonymous()
    .post('/api/coffee/device/status', { temperature: 91.5 }, { authorization: `Bearer ${machine.token}` });
  expect(online.statusCode, online.body).toBe(200);
  expect((await sell(machine, 'V1S-1')).statusCode).toBe(200);
  expect((await sell(machine, 'V1S-2', 'failed')).statusCode).toBe(200);
  expect((await sell(other, 'V1S-3')).statusCode).toBe(200);
}, 120_000);
afterAll(() => app?.close());

describe('the original staff API, path by path', () => {
  it('GET /api/v1/health answers anyone in the envelope', async () => {
    const res = await app.anonymous().get('/api/v1/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, data: { status: 'healthy' } });
  });

  it('GET /api/v1/dashboard/summary: KPIs in the original words, for staff who may read the fleet', async () => {
    const res = await script.get('/api/v1/dashboard/summary');
    expect(res.statusCode, res.body).toBe(200);
    const data = res.json().data;
    expect(data).toMatchObject({
      device_total: 2,
      online_rate: 0.5,
      sales_today: { amount: 14, currency: 'USD', orders_count: 2 },
      sales_week: { amount: 14, currency: 'USD', orders_count: 2 },
      alarms_open: expect.any(Number),
      materials_low: 0,
    });
    expect(data.trends.sales).toHaveLength(7);
    expect(data.trends.sales.at(-1)).toMatchObject({ value: 14 });
    const from = new Date().toISOString().slice(0, 10);
    const dated = await script.get(`/api/v1/dashboard/summary?from=${from}T00:00:00Z&to=${from}T23:59:59Z`);
    expect(dated.json().data.trends.sales).toHaveLength(1);
    // refusals in the envelope: no permission, nobody signed in, a bad parameter
    const forbidden = await viewerScript.get('/api/v1/dashboard/summary');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const anonymous = await app.anonymous().get('/api/v1/dashboard/summary');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    const bad = await script.get('/api/v1/dashboard/summary?from=yesterday');
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
  });

  it('GET /api/v1/devices: filtered by status, paged in the original shape', async () => {
    const res = await script.get('/api/v1/devices?status=online&page=1&page_size=10');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toEqual({
      items: [
        expect.objectContaining({
          device_id: machine.serial,
          id: machine.id,
          status: 'online',
          temperature: 91.5,
        }),
      ],
      pagination: { total: 1, page: 1, page_size: 10, pages: 1, has_next: false, has_prev: false },
    });
    const first = (await script.get('/api/v1/devices?page_size=1&page=1')).json().data;
    expect(first.items).toHaveLength(1);
    expect(first.pagination).toMatchObject({
      total: 2,
      page: 1,
      page_size: 1,
      pages: 2,
      has_next: true,
      has_prev: false,
    });
    expect((await script.get('/api/v1/devices?page_size=101')).statusCode).toBe(422);
  });

  it('GET /api/v1/devices/{id}: by serial or id; another name is DEVICE_NOT_FOUND', async () => {
    for (const name of [machine.serial, machine.id]) {
      const res = await script.get(`/api/v1/devices/${name}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().data).toMatchObject({ device_id: machine.serial, model: 'CM-200', status: 'online' });
    }
    const missing = await script.get('/api/v1/devices/NO-SUCH-MACHINE');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ ok: false, error: { code: 'DEVICE_NOT_FOUND' } });
  });

  it('GET /api/v1/devices/{id}/summary: its orders today and this week', async () => {
    const res = await script.get(`/api/v1/devices/${machine.serial}/summary`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toMatchObject({
      device: { device_id: machine.serial },
      online_rate: 1,
      orders_today: 2,
      orders_week: 2,
      materials_low: 0,
    });
  });

  it('POST /api/v1/devices/{id}/commands: queued through the native use case; a bad type is refused', async () => {
    const res = await script.post(`/api/v1/devices/${machine.serial}/commands`, {
      type: 'restart',
      payload: {},
      max_attempts: 4,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toMatchObject({
      device_id: machine.serial,
      type: 'restart',
      status: 'queued',
      max_attempts: 4,
    });
    const next = await app.anonymous().request('GET', '/api/coffee/device/commands/next', undefined, {
      authorization: `Bearer ${machine.token}`,
    });
    expect(next.json()).toMatchObject({ id: res.json().data.command_id, type: 'restart' });
    const bad = await script.post(`/api/v1/devices/${machine.serial}/commands`, { type: 'self_destruct' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.validation_errors[0]).toMatchObject({ field: 'body.type' });
    expect(
      (await viewerScript.post(`/api/v1/devices/${machine.serial}/commands`, { type: 'sync' })).statusCode,
    ).toBe(403);
  });

  it('GET /api/v1/orders: by machine and payment method, newest first', async () => {
    const res = await script.get(`/api/v1/orders?device_id=${machine.serial}`);
    expect(res.statusCode, res.body).toBe(200);
    const { items, pagination } = res.json().data;
    expect(pagination.total).toBe(2);
    expect(items.map((o: { order_id: string }) => o.order_id).sort()).toEqual(['V1S-1', 'V1S-2']);
    expect(items.find((o: { order_id: string }) => o.order_id === 'V1S-2')).toMatchObject({
      payment_status: 'refunded',
      is_exception: true,
      total_price: 7,
    });
    const wallets = (await script.get('/api/v1/orders?payment_method=wechat')).json().data;
    expect(wallets.pagination.total).toBe(3);
    expect((await script.get('/api/v1/orders?payment_method=card')).json().data.pagination.total).toBe(0);
    expect((await script.get('/api/v1/orders?device_id=NOBODY')).json().data.pagination.total).toBe(0);
  });

  it('GET /api/v1/orders/{id}: by the machine’s order id, with its items', async () => {
    const res = await viewerScript.get('/api/v1/orders/V1S-1');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toMatchObject({
      order: {
        order_id: 'V1S-1',
        device_id: machine.serial,
        total_price: 7,
        payment_status: 'paid',
        items_count: 2,
      },
      items: [{ name: 'Latte', qty: 2, unit_price: 3.5 }],
    });
    const missing = await viewerScript.get('/api/v1/orders/NO-SUCH-ORDER');
    expect(missing.json()).toMatchObject({ ok: false, error: { code: 'ORDER_NOT_FOUND' } });
  });

  it('POST /api/v1/orders/{id}/manual_refund: refunds a paid order once, then answers already_refunded', async () => {
    expect(
      (await viewerScript.post('/api/v1/orders/V1S-1/manual_refund', { reason: 'cold' })).statusCode,
    ).toBe(403);
    const res = await script.post('/api/v1/orders/V1S-1/manual_refund', {
      reason: 'cold coffee',
      note: 'table 4',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toMatchObject({
      order_id: 'V1S-1',
      payment_status: 'refunded',
      refund: { reason: 'cold coffee', note: 'table 4', type: 'manual' },
    });
    const again = await script.post('/api/v1/orders/V1S-1/manual_refund', { reason: 'cold coffee' });
    expect(again.json()).toMatchObject({
      ok: true,
      data: { payment_status: 'refunded', message: 'already_refunded' },
    });
    const audit = await app.database.pool.query(
      `select count(*)::int as n from audit_event where action = 'coffee.order.refunded' and meta->>'reason' = 'cold coffee (table 4)'`,
    );
    expect(audit.rows[0].n).toBe(1);
    const tooLong = await script.post('/api/v1/orders/V1S-3/manual_refund', { reason: 'x'.repeat(201) });
    expect(tooLong.statusCode).toBe(422);
  });

  it('answers 404 in the envelope to an organization that does not run coffee', async () => {
    const org = await createOrg(app);
    const staff = await app.signIn(org.ownerEmail, undefined, org.slug);
    expect((await staff.patch('/api/org', { modules: ['mess'] })).statusCode).toBe(200);
    const narrowed = await app.signIn(org.ownerEmail, undefined, org.slug);
    for (const path of ['/api/v1/dashboard/summary', '/api/v1/devices', '/api/v1/orders']) {
      const res = await narrowed.get(path);
      expect(res.statusCode, path).toBe(404);
      expect(res.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });
});
