import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeDevices, coffeeRuntime } from '../../../../test/factories/coffee.ts';
import { orgCtx } from '../../../../test/factories/org.ts';
import type { ApiClient, TestApp } from '../../../../test/support/test-app.ts';
import { shiftableClock } from '../../../../test/support/test-clock.ts';
import { raiseAlarm } from '../alarms.ts';
import { DeviceClient } from '../simulator/device-client.ts';
import { simulatedMachine, startCoffeeApp } from './coffee-harness.ts';

/*
 * Issue 41, item 17: the machine page shows bins, alarms (most severe first, then newest) and
 * recent sales, and "make a product" offers the machine's recipes; a batch's page lists its
 * machines with their results; the alarm list reads most severe first.
 */
let app: TestApp;
let ops: ApiClient;
let baseUrl: string;
const clock = shiftableClock();

beforeAll(async () => {
  ({ app, ops, baseUrl } = await startCoffeeApp({ clock, listen: true }));
}, 60_000);
afterAll(() => app.close());

const recipe = (name: string) => ({
  name,
  version: '1',
  steps: [{ key: 's1', name: 'Brew', type: 'brew', params: {}, durationSeconds: 25 }],
  materials: [{ materialCode: 'BEANS', binIndex: 0, amount: 18, unit: 'g' }],
});

describe("a machine's page", () => {
  it('shows its bins, its alarms most severe first then newest, its latest sales, and the products it makes', async () => {
    const [d] = await coffeeDevices(app, 1, { tags: ['page'] });
    const client = new DeviceClient(baseUrl, d!.token);
    await client.materials([
      { binIndex: 0, materialCode: 'BEANS', remaining: 1500, capacity: 2000 },
      { binIndex: 1, materialCode: 'MILK', remaining: 900, capacity: 1000 },
    ]);
    await client.order({
      orderId: 'page-1',
      orderedAt: clock.now().toISOString(),
      items: [{ name: 'Latte', qty: 2, unitPriceMinor: 300 }],
      currency: 'USD',
      vend: 'vended',
    });
    const ctx = await orgCtx(app);
    const rt = coffeeRuntime(app);
    const alarm = async (
      kind: 'offline' | 'command_failed' | 'predicted_empty',
      severity: 'info' | 'warn' | 'critical',
    ) => {
      await raiseAlarm(ctx, rt, {
        deviceId: d!.id,
        kind,
        severity,
        title: kind,
        params: { serial: d!.serial },
      });
      clock.advance(60_000);
    };
    await alarm('offline', 'critical'); // oldest
    await alarm('command_failed', 'info'); // newest of all but least severe
    await alarm('predicted_empty', 'critical'); // newer critical

    const page = await ops.get(`/api/coffee/devices/${d!.id}/overview`);
    expect(page.statusCode, page.body).toBe(200);
    const o = page.json();
    expect(
      o.bins.map((b: { materialCode: string; levelPct: number }) => [b.materialCode, b.levelPct]),
    ).toEqual([
      ['BEANS', 75],
      ['MILK', 90],
    ]);
    expect(
      o.alarms.map((a: { severity: string; title: { key: string } }) => [a.severity, a.title.key]),
    ).toEqual([
      ['critical', 'coffee.alarm_title.predicted_empty'],
      ['critical', 'coffee.alarm_title.offline'],
      ['info', 'coffee.alarm_title.command_failed'],
    ]);
    expect(o.sales).toEqual([
      expect.objectContaining({ items: [{ name: 'Latte', qty: 2 }], totalMinor: 600, vendStatus: 'vended' }),
    ]);
    // it runs no package yet: the products it sold; once a package is applied, its recipes
    expect(o.products).toEqual({ from: 'sales', version: null, names: ['Latte'] });
    const pkg = (
      await ops.post('/api/coffee/recipe-packages', { recipes: [recipe('Mocha'), recipe('Cortado')] })
    ).json();
    await ops.post('/api/coffee/rollouts', {
      packageId: pkg.id,
      tag: 'page',
      canaryPercent: 100,
      abortAtFailurePercent: 50,
    });
    await simulatedMachine(baseUrl, d!).drainCommands();
    expect((await ops.get(`/api/coffee/devices/${d!.id}/overview`)).json().products).toEqual({
      from: 'package',
      version: pkg.version,
      names: ['Cortado', 'Mocha'],
    });

    // the alarm list's default order is the same: most severe first, then newest
    const list = (await ops.get('/api/coffee/console/alarms?perPage=100')).json();
    const mine = list.items.filter((a: { device: string }) => a.device === d!.serial);
    expect(mine.map((a: { kind: string }) => a.kind)).toEqual([
      'predicted_empty',
      'offline',
      'command_failed',
    ]);
  }, 60_000);

  it("a batch's page lists its machines with their results, failed first", async () => {
    const devices = await coffeeDevices(app, 3, { tags: ['batch-page'] });
    const batch = await ops.post('/api/coffee/batches', {
      tag: 'batch-page',
      command: { type: 'sync' },
      abortAtFailurePercent: 100,
    });
    expect(batch.statusCode, batch.body).toBe(201);
    const sorted = [...devices].sort((a, b) => a.serial.localeCompare(b.serial));
    await simulatedMachine(baseUrl, sorted[0]!).drainCommands();
    await simulatedMachine(baseUrl, sorted[2]!, { failureRate: 1 }).drainCommands();
    const res = await ops.get(`/api/coffee/batches/${batch.json().id}/machines`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((m: { serial: string; status: string }) => [m.serial, m.status])).toEqual([
      [sorted[2]!.serial, 'failed'],
      [sorted[1]!.serial, 'queued'],
      [sorted[0]!.serial, 'succeeded'],
    ]);
  }, 60_000);
});

describe('recipe packages (issue 41, item 16)', () => {
  it("have a Create: the list says so, and its route saves the editor's recipes as the next version", async () => {
    const meta = (await ops.get('/api/resources')).json();
    const packages = (meta.items ?? meta).find((r: { name: string }) => r.name === 'coffee.packages');
    expect(packages.form.creatable).toBe(true);
    const refused = await ops.post('/api/coffee/console/packages', {
      recipes: [{ ...recipe('Mocha'), steps: [{ key: 's1', name: 'Brew', type: 'boil', params: {} }] }],
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((e: { field: string }) => e.field)).toEqual([
      'body.recipes.0.steps.0.type',
    ]);
    const created = await ops.post('/api/coffee/console/packages', { recipes: [recipe('Mocha')] });
    expect(created.statusCode, created.body).toBe(201);
    const pkg = (await ops.get(`/api/coffee/recipe-packages/${created.json().id}`)).json();
    expect(pkg.recipes.map((r: { name: string }) => r.name)).toEqual(['Mocha']);
  });
});
