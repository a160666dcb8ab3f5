import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeDevices } from '../../../../test/factories/coffee.ts';
import type { ApiClient, TestApp } from '../../../../test/support/test-app.ts';
import { coffeeDb, startCoffeeApp } from './coffee-harness.ts';

let app: TestApp;
let ops: ApiClient;

beforeAll(async () => {
  ({ app, ops } = await startCoffeeApp());
}, 60_000);
afterAll(() => app.close());

const coffee = () => coffeeDb(app);
const auditOf = async (id: string) =>
  (
    await app.database.pool.query<{ action: string }>(
      'select action from audit_event where subject_id = $1 order by id',
      [id],
    )
  ).rows.map((r) => r.action);
const device = (token: string) => ({
  post: (url: string, payload: object) =>
    app.http.inject({ method: 'POST', url, headers: { authorization: `Bearer ${token}` }, payload }),
  get: (url: string) =>
    app.http.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } }),
});

describe('coffee fleet console', () => {
  it('creates and edits merchants and locations, audited, and lists them with their machines', async () => {
    const m = await ops.post('/api/coffee/console/merchants', {
      name: 'Café Norte',
      contact: 'ana@norte.test',
    });
    expect(m.statusCode).toBe(201);
    const merchantId = m.json().id;
    const loc = await ops.post('/api/coffee/console/locations', {
      merchantId,
      name: 'Terminal 2',
      address: 'Av. Central 1',
      lat: 19.4326,
      lng: -99.1332,
    });
    expect(loc.statusCode).toBe(201);
    const locationId = loc.json().id;
    expect(
      (await ops.post('/api/coffee/console/locations', { merchantId, name: 'x', lat: 91 })).statusCode,
    ).toBe(400);
    expect(
      (await ops.patch(`/api/coffee/console/locations/${locationId}`, { name: 'Terminal 2 — gate B' }))
        .statusCode,
    ).toBeLessThan(300);
    expect(
      (await ops.patch(`/api/coffee/console/merchants/${merchantId}`, { status: 'inactive' })).statusCode,
    ).toBeLessThan(300);

    const stored = await coffee()
      .selectFrom('coffee_location')
      .selectAll()
      .where('id', '=', locationId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ name: 'Terminal 2 — gate B', merchant_id: merchantId });
    expect(Number(stored.lat)).toBeCloseTo(19.4326);
    expect(await auditOf(merchantId)).toEqual(['coffee.merchant.created', 'coffee.merchant.updated']);
    expect(await auditOf(locationId)).toEqual(['coffee.location.created', 'coffee.location.updated']);
    const list = (await ops.get('/api/coffee/console/locations?q=gate')).json();
    expect(list.items).toEqual([
      expect.objectContaining({ name: 'Terminal 2 — gate B', merchant: 'Café Norte', machines: 0 }),
    ]);
  });

  it("edits a bin's thresholds, refusing a critical level above the low one; the next report uses them", async () => {
    const [d] = await coffeeDevices(app, 1);
    await device(d!.token).post('/api/coffee/device/materials', {
      bins: [{ binIndex: 0, materialCode: 'MILK', remaining: 300, capacity: 1000 }],
    });
    const bins = (await ops.get(`/api/coffee/console/bins?deviceId=${d!.id}`)).json().items;
    expect(bins).toEqual([
      expect.objectContaining({ materialCode: 'MILK', levelPct: 30, lowPct: 20, criticalPct: 5 }),
    ]);
    const bad = await ops.patch(`/api/coffee/console/bins/${bins[0].id}`, { lowPct: 10, criticalPct: 15 });
    expect(bad.statusCode).toBe(400);
    const wrong = await ops.patch(`/api/coffee/console/bins/${bins[0].id}`, { criticalPct: 40 });
    expect(wrong.json().code).toBe('coffee.bin_thresholds_invalid');
    expect(
      (await ops.patch(`/api/coffee/console/bins/${bins[0].id}`, { lowPct: 40 })).statusCode,
    ).toBeLessThan(300);
    await device(d!.token).post('/api/coffee/device/materials', {
      bins: [{ binIndex: 0, materialCode: 'MILK', remaining: 300, capacity: 1000 }],
    });
    const alarm = await coffee()
      .selectFrom('coffee_alarm')
      .select(['kind', 'severity'])
      .where('device_id', '=', d!.id)
      .where('kind', '=', 'low_material')
      .executeTakeFirst();
    expect(alarm).toEqual({ kind: 'low_material', severity: 'warn' });
    expect(await auditOf(bins[0].id)).toEqual(['coffee.bin.updated']);
  });

  it("lists an alarm's title as the console's words for its kind, filled from its params (issue 28)", async () => {
    const [d] = await coffeeDevices(app, 1);
    await device(d!.token).post('/api/coffee/device/materials', {
      bins: [{ binIndex: 0, materialCode: 'BEANS', remaining: 10, capacity: 1000 }],
    });
    // An alarm raised before alarms kept their params reads as its kind's name.
    const { org_id } = await coffee()
      .selectFrom('coffee_device')
      .select('org_id')
      .where('id', '=', d!.id)
      .executeTakeFirstOrThrow();
    await coffee()
      .insertInto('coffee_alarm')
      .values({
        org_id,
        device_id: d!.id,
        kind: 'offline',
        severity: 'critical',
        title: 'Device X is offline',
        context: '{}',
        raised_at: new Date(),
      })
      .execute();
    const list = await ops.get(`/api/coffee/console/alarms?q=${d!.serial}`);
    const titles = list.json().items.map((a: { title: unknown }) => a.title);
    expect(titles).toEqual(
      expect.arrayContaining([
        {
          key: 'coffee.alarm_title.low_material',
          params: {
            materials: [{ key: 'coffee.alarm_title.bin_critical', params: { code: 'BEANS', name: 'BEANS' } }],
          },
          text: 'Low material: BEANS (critical)',
        },
        { key: 'coffee.options.offline', params: null, text: 'Device X is offline' },
      ]),
    );
    expect(titles).toHaveLength(2);
    // The console draws a critical alarm's chip red and a warning amber (issue 41, item 17).
    const described = (await ops.get('/api/resources')).json() as Array<{
      name: string;
      columns: Array<{ name: string; optionColors?: Record<string, string> }>;
    }>;
    const severity = described
      .find((r) => r.name === 'coffee.alarms')!
      .columns.find((c) => c.name === 'severity');
    expect(severity!.optionColors).toEqual({ critical: 'error', warn: 'warning' });
    // The staff API keeps its English title beside the code and params.
    const low = list.json().items.find((a: { kind: string }) => a.kind === 'low_material');
    const acked = await ops.post(`/api/coffee/alarms/${low.id}/acknowledge`);
    expect(acked.json()).toMatchObject({
      kind: 'low_material',
      title: 'Low material: BEANS (critical)',
      params: {
        materials: [{ key: 'coffee.alarm_title.bin_critical', params: { code: 'BEANS', name: 'BEANS' } }],
      },
    });
  });

  // Issue 54, item 19: the batch form had no default abort %; a package's page said "Version v1" and
  // "Version 1" and named none of its recipes.
  it('starts a batch with the default abort threshold when the form leaves it empty', async () => {
    await coffeeDevices(app, 2, { tags: ['foyer'] });
    const created = await ops.post('/api/coffee/console/batches', { type: 'sync', tag: 'foyer' });
    expect(created.statusCode, created.body).toBe(201);
    const batch = (await ops.get(`/api/coffee/batches/${created.json().id}`)).json();
    expect(batch.abortAtFailurePercent).toBe(20);
  });

  it("shows a package's version once and the names of its recipes", async () => {
    const recipe = (name: string) => ({
      name,
      version: '1',
      steps: [{ key: 's1', name: 'Brew', type: 'brew' }],
      materials: [{ materialCode: 'BEANS', binIndex: 0, amount: 18, unit: 'g' }],
    });
    const pkg = await ops.post('/api/coffee/recipe-packages', {
      recipes: [recipe('Espresso'), recipe('Lungo')],
    });
    expect(pkg.statusCode, pkg.body).toBe(201);
    const described = (await ops.get('/api/resources')).json() as Array<{
      name: string;
      columns: Array<{ name: string; label: string; recordPage?: boolean }>;
    }>;
    const columns = described.find((r) => r.name === 'coffee.packages')!.columns;
    const onPage = columns.filter((c) => c.recordPage !== false);
    expect(onPage.filter((c) => c.label === 'coffee.fields.version')).toHaveLength(1);
    const shown = (await ops.get(`/api/coffee/console/packages/${pkg.json().id}`)).json();
    expect(shown).toMatchObject({ label: `v${pkg.json().version}`, recipeNames: 'Espresso, Lungo' });
  });

  it('starts a batch by tag from the console form, lists its progress, and retries its failed commands', async () => {
    const machines = await coffeeDevices(app, 3, { tags: ['lobby'] });
    const created = await ops.post('/api/coffee/console/batches', {
      type: 'sync',
      tag: 'lobby',
      abortAtFailurePercent: 100,
    });
    expect(created.statusCode).toBe(201);
    const batchId = created.json().id;
    for (const [i, m] of machines.entries()) {
      const cmd = (await device(m.token).get('/api/coffee/device/commands/next')).json();
      await device(m.token).post(`/api/coffee/device/commands/${cmd.id}/result`, {
        status: i === 0 ? 'failed' : 'succeeded',
      });
    }
    const row = () =>
      ops
        .get('/api/coffee/console/batches?status=completed')
        .then((r) => r.json().items.find((b: { id: string }) => b.id === batchId));
    expect(await row()).toMatchObject({
      target: '#lobby',
      status: 'completed',
      total: 3,
      succeeded: 2,
      failed: 1,
      pending: 0,
    });
    const retry = await ops.post('/api/coffee/console/batches/actions/retry-failed', { ids: [batchId] });
    expect(retry.statusCode).toBe(200);
    const batch = (await ops.get(`/api/coffee/batches/${batchId}`)).json();
    expect(batch).toMatchObject({ status: 'running', total: 3, succeeded: 2, failed: 0, pending: 1 });
    expect(await auditOf(batchId)).toEqual([
      'coffee.batch.created',
      'coffee.batch.completed',
      'coffee.batch.retried',
    ]);
    // The history shows the buckets, which the console words in every language; not a map keyed by status.
    const { rows } = await app.database.pool.query<{ after: Record<string, unknown> }>(
      `select after from audit_event where subject_id = $1 and action = 'coffee.batch.completed'`,
      [batchId],
    );
    expect(rows[0]!.after).toEqual({ total: 3, succeeded: 2, failed: 1, pending: 0, cancelled: 0 });
  });

  it('sends a batch its parameters from the console form, and names a parameter its command does not take', async () => {
    const [m] = await coffeeDevices(app, 1, { tags: ['terrace'] });
    const described = (await ops.get('/api/resources'))
      .json()
      .find((r: { name: string }) => r.name === 'coffee.batches');
    const fields = described.form.fields.map((x: { name: string }) => x.name);
    expect(fields).toEqual(expect.arrayContaining(['temperature', 'grind']));
    const typeOptions = described.form.fields.find((x: { name: string }) => x.name === 'type').options;
    expect(typeOptions).toEqual(['open_door', 'restart', 'sync', 'set_params']);

    const hot = await ops.post('/api/coffee/console/batches', {
      type: 'set_params',
      tag: 'terrace',
      temperature: 99,
      abortAtFailurePercent: 50,
    });
    expect(hot.statusCode).toBe(400);
    expect(hot.json().errors).toEqual([
      expect.objectContaining({
        field: 'body.temperature',
        code: 'too_big',
        expected: 'a number of at most 96 (from 80)',
      }),
    ]);
    const stray = await ops.post('/api/coffee/console/batches', {
      type: 'restart',
      tag: 'terrace',
      grind: 4,
      abortAtFailurePercent: 50,
    });
    expect(stray.json().errors).toEqual([expect.objectContaining({ field: 'body.grind' })]);

    const sent = await ops.post('/api/coffee/console/batches', {
      type: 'set_params',
      tag: 'terrace',
      temperature: 92,
      grind: 4,
      abortAtFailurePercent: 50,
    });
    expect(sent.statusCode).toBe(201);
    const cmd = (await device(m!.token).get('/api/coffee/device/commands/next')).json();
    expect(cmd).toMatchObject({ type: 'set_params', params: { temperature: 92, grind: 4 } });
  });
});
