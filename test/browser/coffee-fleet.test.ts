import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoffeeTables } from '../../src/modules/coffee/coffee.tables.ts';
import { provisionDevice, rotateDeviceToken } from '../../src/modules/coffee/device-tokens.ts';
import { coffeeModule } from '../../src/modules/coffee/index.ts';
import { coffeeRuntime } from '../factories/coffee.ts';
import { orgCtx } from '../factories/org.ts';
import { createStaff } from '../factories/staff.ts';
import { type ConsoleRig, sharedConsoleRig, shot, signInAs } from './console-harness.ts';

/**
 * The operator's fleet page: the demo fleet's KPIs and week of sales, then a machine that comes
 * online and sells while the page is open shows up without a reload (SSE live updates).
 */
let rig: ConsoleRig;

beforeAll(async () => {
  // The worker's app, in an organization of this file's own.
  rig = await sharedConsoleRig({ org: 'coffee-fleet' });
  const ctx = await orgCtx(rig.app);
  await coffeeModule.seed!(ctx, coffeeRuntime(rig.app));
}, 90_000);
afterAll(() => rig?.close());
const coffee = () => rig.app.database.db.withTables<CoffeeTables>();

describe('coffee fleet in the console', () => {
  it('shows the fleet KPIs and updates them live when a machine reports and sells', async () => {
    const { email } = await createStaff(rig.app, { role: 'ops' });
    const { context, page } = await signInAs(rig, email);
    await page.goto('/console/coffee/fleet');
    await page.getByRole('heading', { name: 'Coffee fleet', level: 5 }).waitFor();
    const online = page.getByTestId('stat-number').first();
    await expect.poll(() => online.textContent()).toBe('0');
    await shot(page, 'coffee-fleet', { fullPage: true });

    const { device, deviceToken } = await provisionDevice(await orgCtx(rig.app), {
      serial: 'CM-LIVE',
      model: 'CM-200',
    });
    const call = (url: string, body: unknown) =>
      fetch(`${rig.baseUrl}${url}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${deviceToken}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await call('/api/coffee/device/status', { temperature: 93 })).status).toBe(200);
    await expect.poll(() => online.textContent()).toBe('1');
    const before = await page.getByTestId('coffee-sales-today').textContent();
    await call('/api/coffee/device/orders', {
      orderId: 'live-1',
      orderedAt: new Date().toISOString(),
      items: [{ name: 'Flat white', qty: 4, unitPriceMinor: 2500 }],
      currency: 'USD',
    });
    await expect.poll(() => page.getByTestId('coffee-sales-today').textContent()).not.toBe(before);
    await page.getByTestId('coffee-live-at').waitFor();
    await shot(page, 'coffee-fleet-live', { fullPage: true });

    await page.goto('/console/coffee.devices');
    await page.getByText('CM-LIVE').first().waitFor();
    await shot(page, 'coffee-devices', { fullPage: true });
    expect(device.serial).toBe('CM-LIVE');
    await context.close();
  });

  it('creates a merchant and a location, then starts a batch by tag and sees its progress', async () => {
    const { email } = await createStaff(rig.app, { role: 'ops' });
    const { context, page } = await signInAs(rig, email);
    const field = (name: string) => page.locator(`input[name="${name}"], textarea[name="${name}"]`).first();

    await page.goto('/console/coffee.merchants/create');
    await field('name').fill('Café Norte');
    await field('contact').fill('ana@norte.test');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/coffee\.merchants\/[0-9a-f-]{36}\/show/);

    await page.goto('/console/coffee.locations/create');
    await page.getByLabel(/Merchant/).click();
    await page.getByRole('option', { name: 'Café Norte' }).click();
    await field('name').fill('Terminal 2');
    await field('address').fill('Av. Central 1, Ciudad de México');
    await field('lat').fill('19.4326');
    await field('lng').fill('-99.1332');
    await shot(page, 'coffee-location-create', { fullPage: true });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/coffee\.locations\/[0-9a-f-]{36}\/show/);

    // the demo fleet's machines are tagged `simulated`; one of them answers the batch's command
    await page.goto('/console/coffee.batches/create');
    await page
      .getByLabel(/Command/)
      .first()
      .click();
    await page.getByRole('option', { name: 'Sync' }).click();
    await page.getByRole('listbox').waitFor({ state: 'hidden' });
    await field('tag').fill('simulated');
    await field('abortAtFailurePercent').fill('50');
    await shot(page, 'coffee-batch-create', { fullPage: true });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/coffee\.batches\/[0-9a-f-]{36}\/show/);
    const batchId = page.url().split('/').at(-2)!;
    const batch = await coffee()
      .selectFrom('coffee_batch')
      .select(['total', 'status'])
      .where('id', '=', batchId)
      .executeTakeFirstOrThrow();
    expect(batch).toEqual({ total: 12, status: 'running' });

    // one machine fetches the command and reports success: the list shows the batch's progress
    const first = await coffee()
      .selectFrom('coffee_command')
      .select('device_id')
      .where('batch_id', '=', batchId)
      .executeTakeFirstOrThrow();
    const machine = await rotateDeviceToken(await orgCtx(rig.app), first.device_id);
    const asMachine = (url: string, body?: unknown) =>
      fetch(`${rig.baseUrl}${url}`, {
        method: body ? 'POST' : 'GET',
        headers: {
          authorization: `Bearer ${machine.deviceToken}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const command = (await (await asMachine('/api/coffee/device/commands/next')).json()) as { id: string };
    expect(
      (await asMachine(`/api/coffee/device/commands/${command.id}/result`, { status: 'succeeded' })).status,
    ).toBe(200);

    await page.goto('/console/coffee.batches');
    const row = page.getByRole('row', { name: /#simulated/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Running.*12.*1.*0.*11/);
    await shot(page, 'coffee-batches', { fullPage: true });
    const location = await coffee()
      .selectFrom('coffee_location')
      .select(['name', 'lat'])
      .where('name', '=', 'Terminal 2')
      .executeTakeFirstOrThrow();
    expect(Number(location.lat)).toBeCloseTo(19.4326);
    await context.close();
  });
});
