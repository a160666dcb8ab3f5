import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeDevices } from '../../../../test/factories/coffee.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { uniqueName } from '../../../../test/factories/unique.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { CoffeeTables } from '../coffee.tables.ts';

// Issue 30, item 5: a machine running the original system's firmware talks to its old paths and
// `{ok, data}` envelope (github.com/yulaomao/coffeeNew `device/backend/client.py`): X-Device-Id and
// X-Device-Token headers, snake_case bodies, float prices and levels.
let app: TestApp;
let ops: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  ops = await signedInStaff(app, { role: 'ops' });
}, 60_000);
afterAll(() => app.close());

const coffee = () => app.database.db.withTables<CoffeeTables>();
const firmware = (deviceId: string, token?: string) => {
  const headers = { 'x-device-id': deviceId, ...(token ? { 'x-device-token': token } : {}) };
  return {
    get: (path: string) => app.http.inject({ method: 'GET', url: `/api/v1${path}`, headers }),
    post: (path: string, payload: object, extra: Record<string, string> = {}) =>
      app.http.inject({ method: 'POST', url: `/api/v1${path}`, headers: { ...headers, ...extra }, payload }),
  };
};

describe('coffee v1 compatibility for the original firmware', () => {
  it('registers with a claim code, then reports, runs a command and sells through the old paths', async () => {
    const merchant = (await ops.post('/api/coffee/console/merchants', { name: 'Old Fleet' })).json();
    const location = (
      await ops.post('/api/coffee/console/locations', { merchantId: merchant.id, name: 'Hall' })
    ).json();
    const { id: registrationId, claimCode } = (await ops.post('/api/coffee/claim-codes', {})).json();
    const sn = uniqueName('OLD').replace(/[^A-Za-z0-9-]/g, '');
    const machine = firmware(sn);
    const hello = {
      device_id: sn,
      device_type: 'coffee_machine',
      firmware_version: '1.0.0',
      location: 'Hall',
    };
    const pending = await machine.post('/devices/register', hello, { 'x-claim-code': claimCode });
    expect(pending.statusCode, pending.body).toBe(202);
    expect(pending.json()).toMatchObject({ ok: true, data: { device_id: sn, status: 'pending' } });
    await ops.post(`/api/coffee/registrations/${registrationId}/accept`, { locationId: location.id });
    const active = await machine.post('/devices/register', { ...hello, claim_code: claimCode });
    expect(active.statusCode, active.body).toBe(200);
    const token = active.json().device_token;
    expect(active.json()).toMatchObject({ ok: true, data: { status: 'active', device_token: token } });

    const m = firmware(sn, token);
    const status = await m.post(`/devices/${sn}/status`, {
      device_id: sn,
      status: 'online',
      temperature: 92.4,
      firmware_version: '1.0.0',
      uptime_seconds: 10,
      timestamp: '2026-12-01T08:00:00+00:00',
    });
    expect(status.json()).toEqual({ ok: true, data: { device_id: sn, status: 'online' } });
    expect((await m.post('/devices/register', hello)).json()).toMatchObject({
      ok: true,
      data: { status: 'registered' },
    });

    const materials = await m.post(`/devices/${sn}/materials/report`, {
      device_id: sn,
      timestamp: '2026-12-01T08:00:00+00:00',
      bins: [
        { bin_index: 0, material_code: 'BEANS', remaining: 1500.5, capacity: 2000, unit: 'g' },
        { bin_index: 1, material_code: 'MILK', remaining: 80.2, capacity: 2000, unit: 'g' },
      ],
    });
    expect(materials.json()).toEqual({
      ok: true,
      data: {
        bins: [
          { bin_index: 0, status: 'normal', days_until_empty: null },
          { bin_index: 1, status: 'critical', days_until_empty: null },
        ],
      },
    });
    const device = await coffee()
      .selectFrom('coffee_device')
      .select(['id', 'temperature_tenths'])
      .where('serial', '=', sn)
      .executeTakeFirstOrThrow();
    expect(device.temperature_tenths).toBe(924);

    expect((await m.get(`/devices/${sn}/commands/pending`)).json()).toEqual({
      ok: true,
      data: { commands: [] },
      commands: [],
    });
    const queued = (await ops.post(`/api/coffee/devices/${device.id}/commands`, { type: 'sync' })).json();
    const commands = (await m.get(`/devices/${sn}/commands/pending`)).json().commands;
    expect(commands).toEqual([expect.objectContaining({ command_id: queued.id, type: 'sync', payload: {} })]);
    const result = await m.post(`/devices/${sn}/command_result`, {
      command_id: queued.id,
      status: 'success',
      result_payload: {},
      result_at: '2026-12-01T08:01:00+00:00',
    });
    expect(result.json()).toMatchObject({ ok: true, data: { status: 'succeeded', accepted: true } });

    const sale = {
      order_id: 'V1-0001',
      items: [
        { recipe_id: 201, recipe_name: 'Latte', price: 3.5, quantity: 2, options: {} },
        { recipe_id: 7, recipe_name: 'Cookie', price: 1.25, quantity: 1 },
      ],
      total_price: 8.25,
      payment_method: 'wechat',
      payment_status: 'paid',
      device_id: sn,
      created_at: '2026-12-01T08:02:00+00:00',
    };
    const order = await m.post(`/devices/${sn}/orders/create`, sale);
    expect(order.json()).toMatchObject({ ok: true, order_id: 'V1-0001', data: { created: true } });
    expect((await m.post(`/devices/${sn}/orders/create`, sale)).json().data.created).toBe(false);
    const stored = await coffee()
      .selectFrom('coffee_order')
      .select(['total_minor', 'payment_method', 'items'])
      .where('device_order_id', '=', 'V1-0001')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({
      total_minor: '825',
      payment_method: 'wallet',
      items: [
        { name: 'Latte', qty: 2, unitPriceMinor: 350 },
        { name: 'Cookie', qty: 1, unitPriceMinor: 125 },
      ],
    });
  });

  it('answers refusals in the original envelope: bad token, another machine, bad input', async () => {
    const [a, b] = await coffeeDevices(app, 2);
    const bad = await firmware(a!.serial, 'cfd_nonsense').post(`/devices/${a!.serial}/status`, {
      status: 'online',
    });
    expect(bad.statusCode).toBe(401);
    expect(bad.json()).toMatchObject({ ok: false, error: { code: 'DEVICE_TOKEN_INVALID' } });
    const elsewhere = await firmware(b!.serial, a!.token).post(`/devices/${b!.serial}/status`, {});
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json()).toMatchObject({ ok: false, error: { code: 'DEVICE_NOT_FOUND' } });
    const invalid = await firmware(a!.serial, a!.token).post(`/devices/${a!.serial}/materials/report`, {
      materials: [{ bin_index: 99, material_code: 'BEANS', remaining: -1 }],
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION_ERROR' } });
    expect(invalid.json().error.details.validation_errors.length).toBeGreaterThan(0);
    const noCode = await firmware('NEW-1').post('/devices/register', { device_id: 'NEW-1' });
    expect(noCode.statusCode).toBe(401);
    expect(noCode.json()).toMatchObject({ ok: false, error: { code: 'CLAIM_CODE_INVALID' } });
  });
});
