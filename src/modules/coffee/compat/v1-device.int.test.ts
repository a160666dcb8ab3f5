import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeDevices, coffeeRuntime } from '../../../../test/factories/coffee.ts';
import { createOrg, orgCtx } from '../../../../test/factories/org.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { uniqueName } from '../../../../test/factories/unique.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { CoffeeTables } from '../coffee.tables.ts';
import { queueCommand } from '../commands.ts';
import { retireDevice } from '../device-retire.ts';
import { provisionDevice } from '../device-tokens.ts';

// Issue 30, item 5: a machine running the original system's firmware talks to its old paths and
// `{ok, data}` envelope (github.com/yulaomao/coffeeNew `device/backend/client.py`): X-Device-Id and
// X-Device-Token headers, snake_case bodies, float prices and levels.
let app: TestApp;
let ops: ApiClient;
const FAILURES_PER_MINUTE = 12;

beforeAll(async () => {
  app = await startTestApp({ env: { OPSDESK_AUTH_FAILURES_PER_MINUTE: String(FAILURES_PER_MINUTE) } });
  ops = await signedInStaff(app, { role: 'ops' });
}, 120_000);
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
    expect(status.json()).toEqual({
      ok: true,
      data: {
        device_id: sn,
        status: 'online',
        received_at: expect.any(String),
        next_sync: expect.any(String),
      },
    });
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

// Issue 42, item 5: firmware with ENABLE_DEVICE_TOKEN=false (the original's default) sends no token.
describe('legacy mode: a machine without a token, switched on per machine by its owner', () => {
  const legacy = (deviceId: string, on: boolean) =>
    app.database.pool
      .query(`select count(*)::int as n from audit_event where action = $1 and subject_id = $2`, [
        on ? 'coffee.device.legacy_mode_on' : 'coffee.device.legacy_mode_off',
        deviceId,
      ])
      .then((r) => r.rows[0].n as number);

  it('reports over v1 without a token only while on, only on the v1 device paths, audited and warned about', async () => {
    const [d] = await coffeeDevices(app, 1);
    const tokenless = firmware(d!.serial);
    const heartbeat = { status: 'online', temperature: 90.1, timestamp: '2026-12-01T08:00:00+00:00' };
    const before = await tokenless.post(`/devices/${d!.serial}/status`, heartbeat);
    expect(before.statusCode).toBe(401);
    expect(before.json()).toMatchObject({ ok: false, error: { code: 'DEVICE_TOKEN_INVALID' } });

    const on = await ops.request('PUT', `/api/coffee/devices/${d!.id}/legacy-mode`, { enabled: true });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json()).toMatchObject({ id: d!.id, legacyTokenless: true });
    expect(await legacy(d!.id, true)).toBe(1);
    // switched on twice: nothing more to audit
    await ops.request('PUT', `/api/coffee/devices/${d!.id}/legacy-mode`, { enabled: true });
    expect(await legacy(d!.id, true)).toBe(1);
    expect((await ops.get('/api/coffee/summary')).json().legacyTokenless).toBe(1);
    const listed = (await ops.get(`/api/coffee/console/devices?serial=${d!.serial}`)).json();
    expect(listed.items[0]).toMatchObject({ legacyTokenless: true });

    const status = await tokenless.post(`/devices/${d!.serial}/status`, heartbeat);
    expect(status.json()).toMatchObject({ ok: true, data: { device_id: d!.serial, status: 'online' } });
    const registered = await tokenless.post('/devices/register', { device_id: d!.serial, model: 'CM-SIM' });
    expect(registered.json()).toMatchObject({ ok: true, data: { status: 'registered' } });
    const materials = await tokenless.post(`/devices/${d!.serial}/materials/report`, {
      materials: [{ bin_index: 0, material_code: 'BEANS', remaining: 900, capacity: 1000 }],
    });
    expect(materials.statusCode, materials.body).toBe(200);
    expect((await tokenless.get(`/devices/${d!.serial}/commands/pending`)).json()).toMatchObject({
      ok: true,
    });
    const sale = await tokenless.post(`/devices/${d!.serial}/orders/create`, {
      order_id: 'LEGACY-1',
      items: [{ name: 'Espresso', unit_price: 2, qty: 1 }],
      payment_method: 'card',
    });
    expect(sale.json()).toMatchObject({ ok: true, data: { created: true } });
    const stored = await coffee()
      .selectFrom('coffee_device')
      .select(['status', 'temperature_tenths'])
      .where('id', '=', d!.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'online', temperature_tenths: 901 });
    // what it did is told apart in the audit trail
    const actors = await app.database.pool.query(
      `select distinct actor_label from audit_event where action = 'coffee.order.recorded' and subject_id in
         (select id::text from coffee_order where device_order_id = 'LEGACY-1')`,
    );
    expect(actors.rows).toEqual([{ actor_label: `${d!.serial} (no token)` }]);

    // the native device API still needs the token
    const native = await app.anonymous().post('/api/coffee/device/status', {});
    expect(native.statusCode).toBe(401);

    const off = await ops.request('PUT', `/api/coffee/devices/${d!.id}/legacy-mode`, { enabled: false });
    expect(off.json()).toMatchObject({ legacyTokenless: false, since: null });
    expect(await legacy(d!.id, false)).toBe(1);
    expect((await tokenless.post(`/devices/${d!.serial}/status`, heartbeat)).statusCode).toBe(401);
    expect((await ops.get('/api/coffee/summary')).json().legacyTokenless).toBe(0);
    // its token works all along
    expect(
      (await firmware(d!.serial, d!.token).post(`/devices/${d!.serial}/status`, heartbeat)).statusCode,
    ).toBe(200);
  });

  it("a serial alone reaches only the machine whose organization switched legacy on for it, never another's", async () => {
    const [a] = await coffeeDevices(app, 1);
    const orgB = await createOrg(app);
    const ctxB = await orgCtx(app, orgB.slug);
    // B has a machine with the same serial, not in legacy mode
    const { device: b } = await provisionDevice(ctxB, { serial: a!.serial, model: 'CM-SIM' });
    await ops.request('PUT', `/api/coffee/devices/${a!.id}/legacy-mode`, { enabled: true });
    const tokenless = firmware(a!.serial);
    expect((await tokenless.post(`/devices/${a!.serial}/status`, { status: 'online' })).statusCode).toBe(200);
    // B's machine by its id: not in legacy mode, so not reachable
    const byId = await tokenless.post(`/devices/${b.id}/status`, { status: 'online' });
    expect(byId.statusCode).toBe(401);
    const rows = await coffee()
      .selectFrom('coffee_device')
      .select(['org_id', 'status'])
      .where('serial', '=', a!.serial)
      .execute();
    expect(rows.find((r) => r.org_id === orgB.id)?.status).toBe('registered');
    // another organization's staff cannot switch A's machine
    const bOwner = await app.signIn(orgB.ownerEmail, undefined, orgB.slug);
    const foreign = await bOwner.request('PUT', `/api/coffee/devices/${a!.id}/legacy-mode`, {
      enabled: false,
    });
    expect(foreign.statusCode).toBe(404);
  });

  // Issue 55, item 2: B switching its own machine of A's serial to legacy mode locked A's machine out (401),
  // and once A switched legacy mode off, A's tokenless firmware reported, sold and fetched commands as B's.
  it('refuses legacy mode on a serial another organization holds, before and after the owner switched it off', async () => {
    const [a] = await coffeeDevices(app, 1);
    const orgB = await createOrg(app);
    const ctxB = await orgCtx(app, orgB.slug);
    const { device: b } = await provisionDevice(ctxB, { serial: a!.serial, model: 'CM-SIM' });
    await queueCommand(ctxB, coffeeRuntime(app), b.id, { type: 'restart' });
    const bOwner = await app.signIn(orgB.ownerEmail, undefined, orgB.slug);
    const switchB = () => bOwner.request('PUT', `/api/coffee/devices/${b.id}/legacy-mode`, { enabled: true });
    const tokenless = firmware(a!.serial);
    const bStored = () =>
      coffee()
        .selectFrom('coffee_device')
        .select(['status', 'temperature_tenths', 'legacy_tokenless_since'])
        .where('id', '=', b.id)
        .executeTakeFirstOrThrow();

    expect(
      (await ops.request('PUT', `/api/coffee/devices/${a!.id}/legacy-mode`, { enabled: true })).statusCode,
    ).toBe(200);
    const refused = await switchB();
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.json()).toMatchObject({
      code: 'coffee.serial_held_elsewhere',
      details: { serial: a!.serial },
    });
    // the owner's machine is still reached, and only it
    const heartbeat = { status: 'fault', temperature: 91.5 };
    expect((await tokenless.post(`/devices/${a!.serial}/status`, heartbeat)).statusCode).toBe(200);
    const aStatus = await coffee()
      .selectFrom('coffee_device')
      .select('status')
      .where('id', '=', a!.id)
      .executeTakeFirstOrThrow();
    expect(aStatus.status).toBe('fault');

    // the owner gives its machine a token and switches legacy mode off; the firmware still sends none
    await ops.request('PUT', `/api/coffee/devices/${a!.id}/legacy-mode`, { enabled: false });
    expect((await switchB()).statusCode).toBe(409);
    expect((await tokenless.post(`/devices/${a!.serial}/status`, heartbeat)).statusCode).toBe(401);
    expect((await tokenless.get(`/devices/${a!.serial}/commands/pending`)).statusCode).toBe(401);
    const sale = await tokenless.post(`/devices/${a!.serial}/orders/create`, {
      order_id: `STRAY-${a!.serial}`,
      items: [{ name: 'Espresso', unit_price: 2, qty: 1 }],
    });
    expect(sale.statusCode).toBe(401);
    // nothing of A's machine reached B's: no status, no sale, its command still waits
    expect(await bStored()).toEqual({
      status: 'registered',
      temperature_tenths: null,
      legacy_tokenless_since: null,
    });
    const bOrders = await coffee()
      .selectFrom('coffee_order')
      .select('id')
      .where('device_id', '=', b.id)
      .execute();
    expect(bOrders).toEqual([]);
    const bCommands = await coffee()
      .selectFrom('coffee_command')
      .select('status')
      .where('device_id', '=', b.id)
      .execute();
    expect(bCommands.map((c) => c.status)).not.toContain('sent');

    // retired, A's machine lets the serial go: B may switch its own machine on
    await retireDevice(await orgCtx(app), coffeeRuntime(app), a!.id);
    expect((await switchB()).statusCode).toBe(200);
  });

  it('names that reach no machine count as failed authentications of the address', async () => {
    const guesser = (serial: string) =>
      app.http.inject({
        method: 'POST',
        url: `/api/v1/devices/${serial}/status`,
        remoteAddress: '203.0.113.42',
        payload: { status: 'online' },
      });
    const answers: number[] = [];
    for (let i = 0; i < FAILURES_PER_MINUTE + 2; i++) answers.push((await guesser(`GUESS-${i}`)).statusCode);
    expect(answers.slice(0, FAILURES_PER_MINUTE)).toEqual(Array(FAILURES_PER_MINUTE).fill(401));
    expect(answers.at(-1)).toBe(429);
  });
});
