import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RaffleTables } from '../../src/modules/raffle/raffle.tables.ts';
import { type ConsoleRig, openConsoleAs, shot, startConsoleRig } from './console-harness.ts';

/**
 * Screens generated from a resource's form declaration (`raffle.raffles`): create with per-field
 * errors from the server, money typed in major units, phone cards, Hindi in the bundled font, and
 * "no access" for a page a role may not see. Each test opens its own signed-in browser context.
 */
let rig: ConsoleRig;

beforeAll(async () => {
  // The organization's clock is Bogotá's; the browser's is UTC: times are typed on Bogotá's.
  rig = await startConsoleRig({ env: { OPSDESK_TIMEZONE: 'America/Bogota' } });
  await rig.app.createStaff({ email: 'owner@example.com', role: 'owner' });
  await rig.app.createStaff({ email: 'viewer@example.com', role: 'viewer' });
});

afterAll(async () => {
  await rig?.close();
});

/** A form input by the field's name in the resource declaration (labels differ by language). */
const field = (page: Page, name: string) =>
  page.locator(`input[name="${name}"], textarea[name="${name}"]`).first();

async function createRaffle(page: Page, title: string) {
  await page.goto('/console/raffle.raffles/create');
  await field(page, 'title').fill(title);
  await field(page, 'description').fill('Created in the console form');
  // A new raffle starts in the organization's currency (USD here), not an empty field.
  await expect.poll(() => field(page, 'currency').inputValue()).toBe('USD');
  await field(page, 'priceMinor').fill('2.50');
  await field(page, 'minNumber').fill('1');
  await field(page, 'maxNumber').fill('100');
  await field(page, 'holdMinutes').fill('30');
  await field(page, 'closesAt').fill('2026-12-24T18:00');
  await page.locator('.RaSimpleFormIterator-add button, button.button-add').first().click();
  await field(page, 'prizes.0').fill('A bicycle');
}

describe('resource forms in the console', () => {
  it('creates a raffle in the form: server field errors beside the field, money in major units', async () => {
    const { context, page } = await openConsoleAs(rig, 'owner@example.com');
    await createRaffle(page, '   ');
    await shot(page, 'raffle-create-light');
    await page.getByRole('button', { name: 'Save' }).click();
    // The title passes the browser's "required" check but the server trims it: its problem+json
    // names body.title, and the form shows the message under that field.
    await page.locator('.MuiFormHelperText-root.Mui-error').first().waitFor();
    await shot(page, 'raffle-create-error');
    await field(page, 'title').fill('Console raffle');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/console\/raffle\.raffles\/[0-9a-f-]{36}\/show/);
    await page.getByText('Raffles · Console raffle').first().waitFor();
    await shot(page, 'raffle-show-light');
    const id = page.url().split('/').at(-2)!;

    const row = await rig.app.database.db
      .withTables<RaffleTables>()
      .selectFrom('raffle_raffle')
      .select(['price_minor', 'currency', 'hold_seconds', 'status', 'closes_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ currency: 'USD', hold_seconds: 1800, status: 'draft' });
    // 18:00 typed beside "(America/Bogota)" is 18:00 in Bogotá, whatever the browser's zone.
    expect(row.closes_at?.toISOString()).toBe('2026-12-24T23:00:00.000Z');
    expect(Number(row.price_minor)).toBe(250);

    // Edit: the price shows in major units again, and saving sends only what changed.
    await page.getByRole('link', { name: 'Edit' }).click();
    await expect(field(page, 'priceMinor').inputValue()).resolves.toBe('2.5');
    await expect(field(page, 'closesAt').inputValue()).resolves.toBe('2026-12-24T18:00');
    await field(page, 'title').fill('Console raffle, edited');
    const patched = page.waitForResponse((r) => r.request().method() === 'PATCH');
    await page.getByRole('button', { name: 'Save' }).click();
    const answer = await patched;
    expect(answer.status(), await answer.text()).toBe(200);
    await page.getByText('Raffles · Console raffle, edited').first().waitFor();
    // The history names the field by its label, as the form does.
    await page
      .getByTestId('audit-timeline')
      .locator('li', { hasText: 'Console raffle → Console raffle, edited' })
      .getByText('Title', { exact: true })
      .waitFor();
    await shot(page, 'raffle-history-words');
    await context.close();

    // The same form in the dark theme is a picture for a person to look at, taken when pictures are asked
    // for: it asserts nothing the light run above does not (console-a11y judges the console in both themes).
    if (process.env.OPSDESK_SCREENSHOTS === '1') {
      const dark = await openConsoleAs(rig, 'owner@example.com');
      await dark.page.emulateMedia({ colorScheme: 'dark' });
      await createRaffle(dark.page, 'Dark raffle');
      await shot(dark.page, 'raffle-create-dark');
      await dark.context.close();
    }
  });

  it('lists raffles as cards on a phone and opens the form there', async () => {
    const { context, page } = await openConsoleAs(rig, 'owner@example.com', { width: 390, height: 844 });
    await createRaffle(page, 'Phone raffle');
    await shot(page, 'raffle-create-phone');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/show/);
    await page.goto('/console/raffle.raffles');
    await page.getByText('Phone raffle').first().waitFor();
    expect(await page.locator('table').count()).toBe(0);
    await shot(page, 'raffle-list-phone');
    await context.close();
  });

  it('renders Hindi with the Devanagari font the console ships', async () => {
    const { context, page } = await openConsoleAs(rig, 'owner@example.com');
    await page.getByRole('button', { name: 'English' }).first().click();
    await page.getByRole('menuitem', { name: 'हिन्दी' }).click();
    await page.goto('/console/raffle.raffles/create');
    await page.getByRole('button', { name: 'सहेजें' }).waitFor();
    // The face is the bundled @fontsource one (a FontFace of the document, loaded from the
    // console's own assets), not whatever the machine has installed.
    const faces = await page.evaluate(async () => {
      await document.fonts.ready;
      await document.fonts.load('16px "Noto Sans Devanagari"', 'हिन्दी');
      return [...document.fonts]
        .filter((f) => f.family.replaceAll('"', '') === 'Noto Sans Devanagari' && f.status === 'loaded')
        .map((f) => f.weight);
    });
    expect(faces.length).toBeGreaterThan(0);
    await shot(page, 'raffle-create-hi');
    await page.getByRole('button', { name: 'हिन्दी' }).first().click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await context.close();
  });

  it('says "you do not have access" for a page the role may not see', async () => {
    const { context, page } = await openConsoleAs(rig, 'viewer@example.com');
    await page.goto('/console/tokens');
    await page.getByRole('alert').getByText('You do not have access to this page').waitFor();
    await shot(page, 'no-access');
    await context.close();
  });
});
