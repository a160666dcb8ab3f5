import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/app/demo-seed.ts';
import { type ConsoleRig, sharedConsoleRig, shot, shotOnFailure, signInAs } from './console-harness.ts';

/**
 * Issue 28 in Chromium, on the demo: each business is its own organization running its one
 * module. A mess manager's menu holds the mess day's screens, then the records every business
 * shares; the organization switcher in the top bar moves them to the electricity vendor, whose
 * menu is the prepaid one.
 */
let rig: ConsoleRig;
let page: Page;

beforeAll(async () => {
  // The worker's app and demo, only read here.
  rig = await sharedConsoleRig();
  ({ page } = await signInAs(rig, 'admin@demo.opsdesk.dev', undefined, {
    org: 'mess',
    password: DEMO_PASSWORD,
  }));
}, 180_000);

shotOnFailure(() => page);

afterAll(async () => {
  await rig?.close();
});

const menuKeys = () =>
  page.locator('[data-nav]').evaluateAll((els) => els.map((e) => e.getAttribute('data-nav')!));
const groupHeadings = () =>
  page
    .locator('[data-nav-group]')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('data-nav-group'), e.textContent]));

describe('one business per organization', () => {
  it("shows a mess manager only the mess day's screens, then the shared records", async () => {
    await page.locator('[data-nav="resource:mess.students"]').waitFor();
    await page.locator('[data-nav="users"]').waitFor();
    const keys = await menuKeys();
    expect(keys.filter((k) => /raffle|prepaid|coffee|exhibition/.test(k))).toEqual([]);
    const mess = keys.filter((k) => k.includes('mess'));
    expect(mess.slice(0, 6)).toEqual([
      'resource:mess.students',
      'resource:mess.meals',
      'resource:mess.cuts',
      'resource:mess.scans',
      'resource:mess.conflicts',
      'resource:mess.cycles',
    ]);
    expect(mess).toContain('page:/mess/reports');
    // its settings, then the import from the system it replaces, end its group
    expect(mess.slice(-2)).toEqual(['page:/mess/settings', 'import:mess']);
    // the mess screens come before every shared one
    expect(keys.indexOf('page:/mess/settings')).toBeLessThan(keys.indexOf('resource:contacts.contacts'));
    expect(await groupHeadings()).toEqual([
      ['mess', 'Mess'],
      ['shared', 'Shared records'],
    ]);
    await expect.poll(() => page.getByTestId('org-switcher').textContent()).toContain('Sunrise Hostel Mess');
    // the dashboard shows the kitchen, not the coffee fleet
    await page.locator('[data-card="mess.forecast"]').waitFor();
    expect(await page.locator('[data-card^="coffee."], [data-card^="raffle."]').count()).toBe(0);
    await shot(page, 'org-mess-menu');

    await page.getByRole('button', { name: 'English' }).first().click();
    await page.getByRole('menuitem', { name: 'हिन्दी' }).click();
    await expect.poll(groupHeadings).toEqual([
      ['mess', 'मेस'],
      ['shared', 'साझा रिकॉर्ड'],
    ]);
    await shot(page, 'org-mess-menu-hi');
    await page.getByRole('button', { name: 'हिन्दी' }).first().click();
    await page.getByRole('menuitem', { name: 'English' }).click();
  });

  it('switches to the electricity vendor with the switcher and shows the prepaid menu', async () => {
    await page.getByTestId('org-switcher').click();
    await page.locator('[data-org="power"]').click();
    await page.locator('[data-nav="page:/prepaid/counter"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('org-switcher').textContent()).toContain('Kigali Prepaid Power');
    const keys = await menuKeys();
    expect(keys.filter((k) => /mess|raffle|coffee|exhibition/.test(k))).toEqual([]);
    // The vendor's day starts at the counter.
    expect(keys.filter((k) => k.includes('prepaid')).slice(0, 3)).toEqual([
      'page:/prepaid/counter',
      'page:/prepaid/sales',
      'resource:prepaid.purchases',
    ]);
    expect(await groupHeadings()).toEqual([
      ['prepaid', 'Electricity'],
      ['shared', 'Shared records'],
    ]);
    await shot(page, 'org-power-menu');
    await page.getByTestId('org-switcher').click();
    // every organization of the demo login, the one worked in marked
    await expect
      .poll(() => page.locator('[data-org]').evaluateAll((els) => els.map((e) => e.getAttribute('data-org'))))
      .toEqual(['coffee', 'expo', 'power', 'raffle', 'mess']);
    await expect.poll(() => page.locator('[data-org="power"]').getAttribute('class')).toMatch(/Mui-selected/);
    await page.waitForFunction(
      () => getComputedStyle(document.querySelector('[role="menu"]')!.parentElement!).opacity === '1',
    );
    await shot(page, 'org-switcher-open');
    await page.keyboard.press('Escape');
  });

  it('follows a link to another of the person’s organizations, and says which one a page belongs to', async () => {
    // A `?org=` link while signed in elsewhere moves the session there (it was ignored).
    await page.goto('/console/?org=expo');
    await expect
      .poll(() => page.getByTestId('org-switcher').textContent(), { timeout: 30_000 })
      .toContain('Crafts & Food Fair Desk');
    expect(new URL(page.url()).searchParams.get('org')).toBeNull();
    // Its long menu labels wrap instead of being cut to "Exhibition custom…".
    await page.locator('[data-nav="resource:exhibition.customers"]').waitFor();
    const cut = await page
      .locator('[data-nav], [data-nav] *')
      .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent));
    expect(cut).toEqual([]);
    await shot(page, 'org-expo-menu');

    // A deep link to a mess page, followed from the fair: not "your role does not include this page".
    await page.goto('/console/mess.students');
    const alert = page.getByRole('alert');
    await alert
      .getByText('This page belongs to Sunrise Hostel Mess, another of your organizations.')
      .waitFor();
    expect(await page.getByText('Your role does not include this page').count()).toBe(0);
    await shot(page, 'org-page-elsewhere');
    await alert.getByRole('button', { name: 'Switch to Sunrise Hostel Mess' }).click();
    await page.locator('[data-nav="resource:mess.students"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('org-switcher').textContent()).toContain('Sunrise Hostel Mess');
    expect(new URL(page.url()).pathname).toBe('/console/mess.students');
  });
});
