import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoffeeTables } from '../../src/modules/coffee/coffee.tables.ts';
import { coffeeModule } from '../../src/modules/coffee/index.ts';
import { coffeeRuntime } from '../factories/coffee.ts';
import { orgCtx } from '../factories/org.ts';
import { createStaff } from '../factories/staff.ts';
import { TEST_PASSWORD } from '../support/test-app.ts';
import { type ConsoleRig, sharedConsoleRig, shot } from './console-harness.ts';

/**
 * Issue 30, item 5 in the console: staff issue a claim code, a machine running the original
 * firmware registers with it and shows up waiting (live), staff accept it into a location and the
 * machine collects its token; the fleet page narrows to one merchant; the words in Spanish and Hindi.
 */
let rig: ConsoleRig;
let email: string;

beforeAll(async () => {
  // The worker's app, in an organization of this file's own.
  rig = await sharedConsoleRig({ org: 'coffee-registration' });
  await coffeeModule.seed!(await orgCtx(rig.app), coffeeRuntime(rig.app));
  ({ email } = await createStaff(rig.app, { role: 'ops' }));
}, 90_000);
afterAll(() => rig?.close());

async function openAs(locale: string): Promise<{ context: BrowserContext; page: Page }> {
  const login = await rig.app.http.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: TEST_PASSWORD },
  });
  const session = login.cookies.find((c) => c.name === 'opsdesk_session')!;
  const context = await rig.browser.newContext({
    viewport: { width: 1280, height: 860 },
    baseURL: rig.baseUrl,
    locale,
  });
  context.setDefaultTimeout(10_000);
  await context.addCookies([{ name: session.name, value: session.value, url: rig.baseUrl, httpOnly: true }]);
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
  return { context, page };
}
const v1Register = (body: object) =>
  fetch(`${rig.baseUrl}/api/v1/devices/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('coffee machine registration in the console', () => {
  it('issues a claim code, sees the machine waiting, accepts it into a location; the machine gets its token', async () => {
    const { context, page } = await openAs('en-US');
    await page.goto('/console/coffee/registrations');
    await page.getByRole('heading', { name: 'Machines waiting', level: 5 }).waitFor();
    await page.getByText('No machine is waiting.').waitFor();
    await page.getByLabel('Note (where the machine goes)').fill('Campus lobby');
    await page.getByRole('button', { name: 'Issue the code' }).click();
    const claimCode = (await page.getByTestId('claim-code').textContent())!;
    expect(claimCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await shot(page, 'coffee-claim-code', { fullPage: true });

    const hello = {
      device_id: 'CM-FIELD-7',
      device_type: 'CM-200',
      firmware_version: '1.4.2',
      claim_code: claimCode,
    };
    expect((await v1Register(hello)).status).toBe(202);
    const row = page.locator('tr[data-serial="CM-FIELD-7"]');
    await row.waitFor(); // live: no reload
    await row.getByLabel('Location').click();
    await page.getByRole('option', { name: /University Campus/ }).click();
    await shot(page, 'coffee-registration-waiting', { fullPage: true });
    await row.getByRole('button', { name: 'Accept' }).click();
    await page.getByText('Accepted: the machine collects its token on its next call.').waitFor();
    await page.getByText('No machine is waiting.').waitFor();

    const collected = (await (await v1Register(hello)).json()) as { ok: boolean; device_token: string };
    expect(collected.ok).toBe(true);
    const device = await rig.app.database.db
      .withTables<CoffeeTables>()
      .selectFrom('coffee_device')
      .innerJoin('coffee_location', 'coffee_location.id', 'coffee_device.location_id')
      .select(['coffee_device.serial', 'coffee_device.firmware', 'coffee_location.name as location'])
      .where('coffee_device.serial', '=', 'CM-FIELD-7')
      .executeTakeFirstOrThrow();
    expect(device).toEqual({ serial: 'CM-FIELD-7', firmware: '1.4.2', location: 'University Campus' });
    const status = await fetch(`${rig.baseUrl}/api/v1/devices/CM-FIELD-7/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-device-token': collected.device_token },
      body: JSON.stringify({ status: 'online', temperature: 91 }),
    });
    expect(status.status).toBe(200);

    await page.goto('/console/coffee.devices?filter=%7B%22merchant%22%3A%22Bean%22%7D');
    await page.getByText('CM-FIELD-7').first().waitFor();
    await shot(page, 'coffee-devices-by-merchant', { fullPage: true });
    await context.close();
  });

  it('narrows the fleet page to one merchant and days, and shows orders with items and how they were paid', async () => {
    const { context, page } = await openAs('en-US');
    await page.goto('/console/coffee/fleet');
    await page.getByTestId('coffee-period').waitFor();
    await page.getByLabel('Merchant').click();
    await page.getByRole('option', { name: 'Bean There Coffee Co.' }).click();
    await page.getByTestId('fleet-from').fill('2020-01-01');
    await page.getByTestId('fleet-to').fill('2020-01-07');
    await expect
      .poll(() => page.getByTestId('coffee-period').textContent())
      .toMatch(/2020-01-01.*2020-01-07.*0 orders/);
    await shot(page, 'coffee-fleet-filtered', { fullPage: true });

    await page.goto('/console/coffee.orders');
    await page
      .getByText(/1 × (Latte|Americano), 2 × Croissant/)
      .first()
      .waitFor();
    await shot(page, 'coffee-orders-items', { fullPage: true });
    await context.close();
  });

  it('speaks Spanish and Hindi on the registration page', async () => {
    for (const [locale, title, button] of [
      ['es-MX', 'Máquinas en espera', 'Emitir el código'],
      ['hi-IN', 'प्रतीक्षारत मशीनें', 'कोड जारी करें'],
    ] as const) {
      const { context, page } = await openAs(locale);
      await page.goto('/console/coffee/registrations');
      await page.getByRole('heading', { name: title, level: 5 }).waitFor();
      await page.getByRole('button', { name: button }).waitFor();
      await shot(page, `coffee-registrations-${locale}`, { fullPage: true });
      await context.close();
    }
  });
});
