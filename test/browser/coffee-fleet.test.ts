import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionDevice } from '../../src/modules/coffee/device-tokens.ts';
import { coffeeModule } from '../../src/modules/coffee/index.ts';
import { coffeeRuntime } from '../factories/coffee.ts';
import { orgCtx } from '../factories/org.ts';
import { createStaff } from '../factories/staff.ts';
import { type ConsoleRig, SCREENSHOTS, signInAs, startConsoleRig } from './console-harness.ts';

/**
 * The operator's fleet page: the demo fleet's KPIs and week of sales, then a machine that comes
 * online and sells while the page is open shows up without a reload (SSE live updates).
 */
let rig: ConsoleRig;

beforeAll(async () => {
  rig = await startConsoleRig();
  const ctx = await orgCtx(rig.app);
  await coffeeModule.seed!(coffeeRuntime(rig.app), ctx);
}, 90_000);
afterAll(() => rig?.close());

describe('coffee fleet in the console', () => {
  it('shows the fleet KPIs and updates them live when a machine reports and sells', async () => {
    const { email } = await createStaff(rig.app, { role: 'ops' });
    const { context, page } = await signInAs(rig, email);
    await page.goto('/console/coffee/fleet');
    await page.getByRole('heading', { name: 'Coffee fleet', level: 5 }).waitFor();
    const online = page.getByTestId('stat-number').first();
    await expect.poll(() => online.textContent()).toBe('0');
    await page.screenshot({ path: join(SCREENSHOTS, 'coffee-fleet.png'), fullPage: true });

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
    await expect.poll(() => online.textContent(), { timeout: 10_000 }).toBe('1');
    const before = await page.getByTestId('coffee-sales-today').textContent();
    await call('/api/coffee/device/orders', {
      orderId: 'live-1',
      orderedAt: new Date().toISOString(),
      items: [{ name: 'Flat white', qty: 4, unitPriceMinor: 2500 }],
      currency: 'USD',
    });
    await expect
      .poll(() => page.getByTestId('coffee-sales-today').textContent(), { timeout: 10_000 })
      .not.toBe(before);
    await page.getByTestId('coffee-live-at').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'coffee-fleet-live.png'), fullPage: true });

    await page.goto('/console/coffee.devices');
    await page.getByText('CM-LIVE').first().waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'coffee-devices.png'), fullPage: true });
    expect(device.serial).toBe('CM-LIVE');
    await context.close();
  });
});
