import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/test-app.ts';
import { type ConsoleRig, openConsoleAs, sharedConsoleRig, shot, shotOnFailure } from './console-harness.ts';

/*
 * The exhibition desk as a clerk with a USB barcode scanner uses it: the scanner types the code and
 * Enter, the clerk types the amount and Enter; nothing here touches the mouse (keyboard.type and
 * keyboard.press only). Then the booth dashboard the organizer watches, at desktop and phone size.
 */
let rig: ConsoleRig;
let page: Page;
let context: BrowserContext;
let owner: Awaited<ReturnType<TestApp['signIn']>>;
let exhibitionId = '';
const customers: Record<string, { id: string; code: string }> = {};

beforeAll(async () => {
  // The worker's app, in an organization of this file's own.
  rig = await sharedConsoleRig({ org: 'exhibition-desk' });
  await rig.app.createStaff({ email: 'owner@example.com', role: 'owner' });
  owner = await rig.app.signIn('owner@example.com');
  const ex = (
    await owner.post('/api/exhibition/exhibitions', {
      name: 'Spring Crafts Fair',
      currency: 'EUR',
      startsOn: '2026-01-01',
      endsOn: '2030-12-31',
      timeZone: 'Europe/Madrid',
    })
  ).json();
  exhibitionId = ex.id;
  for (const name of ['Candles', 'Pottery']) {
    const booth = await owner.post(`/api/exhibition/exhibitions/${ex.id}/booths`, { name });
    expect(booth.statusCode, booth.body).toBe(201);
  }
  for (const [i, name] of ['Meera Shah', 'Meera Patel', 'Tom Berg'].entries()) {
    const c = await owner.post('/api/exhibition/customers', {
      exhibitionId: ex.id,
      name,
      email: `${name.split(' ')[0]!.toLowerCase()}${i}@visitor.test`,
      phone: `+3460000010${i}`,
    });
    expect(c.statusCode, c.body).toBe(201);
    customers[name] = c.json();
  }
  ({ page, context } = await openConsoleAs(rig, 'owner@example.com', undefined, 30_000));
});

shotOnFailure(() => page);

afterAll(async () => {
  await context?.close();
  await rig?.close();
});

const customer = async (name: string) =>
  (await owner.get(`/api/exhibition/customers/${customers[name]!.id}`)).json() as {
    billCount: number;
    totalMinor: number;
  };
const scanInput = () => page.getByTestId('desk-scan');
const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);

describe('the exhibition desk with a USB barcode scanner', () => {
  it('bills a scanned code from the keyboard alone, once, and Escape cancels without billing', async () => {
    await page.goto('/console/exhibition/desk');
    await scanInput().waitFor();
    expect(await focused()).toBe('desk-scan');

    // The scanner "types" the code and presses Enter; the clerk types the amount and Enter.
    await page.keyboard.type(`${customers['Tom Berg']!.code}\n`);
    await page.getByTestId('desk-tab').getByText('Tom Berg').waitFor();
    expect(await focused()).toBe('desk-amount');
    await page.keyboard.type('12.50\n');
    await page.getByTestId('desk-notice').getByText('Billed €12.50 to Tom Berg. Tab now €12.50.').waitFor();
    expect(await focused()).toBe('desk-scan');
    expect(await customer('Tom Berg')).toMatchObject({ billCount: 1, totalMinor: 1250 });

    // The next scan, a typed amount, then Escape: nothing billed, back to the scan input.
    await page.keyboard.type(`${customers['Tom Berg']!.code.toLowerCase()}\n`);
    await page.getByTestId('desk-amount').waitFor();
    await page.keyboard.type('99');
    await shot(page, 'exhibition-desk-tab');
    await page.keyboard.press('Escape');
    await scanInput().waitFor();
    expect(await focused()).toBe('desk-scan');
    expect(await customer('Tom Berg')).toMatchObject({ billCount: 1, totalMinor: 1250 });

    // A click elsewhere on the page does not strand the keyboard: the focus comes back.
    await page.mouse.click(900, 700);
    await expect.poll(focused).toBe('desk-scan');
  });

  it('shows the scan input only once the desk knows its exhibition, focused, so an early scan is not lost', async () => {
    // The exhibition list is held back: a scan typed into an input shown before it arrives found
    // nobody to look up, and the scanner's Enter was dropped without a word.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const list = '**/api/exhibition/exhibitions';
    await page.route(list, async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.goto('/console/exhibition/desk');
      await page.getByTestId('desk').waitFor();
      expect(await scanInput().count()).toBe(0);
      release();
      await scanInput().waitFor();
      expect(await focused()).toBe('desk-scan');
      await page.keyboard.type(`${customers['Meera Patel']!.code}\n`);
      await page.getByTestId('desk-tab').getByText('Meera Patel').waitFor();
      await page.keyboard.press('Escape');
    } finally {
      await page.unroute(list);
    }
  });

  it('searches by name, picks with the arrow keys, refuses a mistyped code and registers from the keyboard', async () => {
    await page.goto('/console/exhibition/desk');
    await scanInput().waitFor();
    await page.keyboard.type('meera\n');
    await page.getByTestId('desk-matches').waitFor();
    await page.keyboard.press('ArrowDown');
    await shot(page, 'exhibition-desk-pick');
    await page.keyboard.press('Enter');
    // Names are listed in order: Meera Patel, Meera Shah.
    await page.getByTestId('desk-tab').getByText('Meera Shah').waitFor();
    await page.keyboard.type('3,20\n');
    await page.getByTestId('desk-notice').getByText('Billed €3.20 to Meera Shah').waitFor();
    expect(await customer('Meera Shah')).toMatchObject({ billCount: 1, totalMinor: 320 });

    // One character off: the check character refuses it rather than finding someone else.
    const code = customers['Meera Patel']!.code;
    const typo = `${code.slice(0, 3)}${code[3] === 'A' ? 'B' : 'A'}${code.slice(4)}`;
    await page.keyboard.type(`${typo}\n`);
    await page.getByTestId('desk-error').waitFor();
    expect(await page.getByTestId('desk-error').innerText()).toMatch(/check|mistyped|typo/i);
    expect(await focused()).toBe('desk-scan');
    await page.keyboard.press('Escape');

    // F2: a new customer, Tab between fields, Enter registers and opens the tab to bill at once.
    await page.keyboard.press('F2');
    await page.getByTestId('desk-register').waitFor();
    await page.keyboard.type('Ana Ruiz');
    await page.keyboard.press('Tab');
    await page.keyboard.type('ana@visitor.test');
    await page.keyboard.press('Tab');
    await page.keyboard.type('+34 600 000 999');
    // Her e-mails in Spanish: the language select is the next field; typing picks the option, each
    // language named in its own words ("Es" for Español, past English).
    await page.keyboard.press('Tab');
    await page.keyboard.type('Es');
    await page.keyboard.press('Enter');
    await page.getByTestId('desk-tab').getByText('Ana Ruiz').waitFor();
    await page.keyboard.type('7\n');
    await page.getByTestId('desk-notice').getByText('Billed €7.00 to Ana Ruiz').waitFor();
    const found = (await owner.get(`/api/exhibition/exhibitions/${exhibitionId}/customers?q=Ana`)).json();
    expect(found).toMatchObject([
      { name: 'Ana Ruiz', phone: '+34600000999', language: 'es', billCount: 1, totalMinor: 700 },
    ]);
  });
});

describe('the booth dashboard', () => {
  it("shows each booth's day, hours and top customers, with the totals across booths, at desktop and phone size", async () => {
    // Desk bills went to the first booth (Candles); two more at Pottery.
    const booths = (await owner.get(`/api/exhibition/exhibitions/${exhibitionId}/booths`)).json() as Array<{
      id: string;
      name: string;
    }>;
    const pottery = booths.find((b) => b.name === 'Pottery')!;
    for (const [name, amountMinor] of [
      ['Tom Berg', 4000],
      ['Meera Patel', 1500],
    ] as const) {
      const bill = await owner.post(`/api/exhibition/customers/${customers[name]!.id}/bills`, {
        boothId: pottery.id,
        amountMinor,
      });
      expect(bill.statusCode, bill.body).toBe(201);
    }
    await page.goto('/console/exhibition/dashboard');
    await page.getByTestId('dashboard-today').getByText('€77.70').waitFor();
    // The business day in words, not ISO digits.
    expect(await page.getByTestId('dashboard-today').innerText()).toMatch(
      /^Today \([A-Z][a-z]{2} \d{1,2}, \d{4}\)/,
    );
    await expect
      .poll(() => page.locator('[data-booth="Pottery"] [data-testid="dashboard-booth-today"]').innerText())
      .toBe('€55.00');
    expect(
      await page.locator('[data-booth="Candles"] [data-testid="dashboard-booth-today"]').innerText(),
    ).toBe('€22.70');
    const potteryTop = await page
      .locator('[data-booth="Pottery"] [data-testid="dashboard-top"] li')
      .allInnerTexts();
    expect(potteryTop.map((t) => t.replace(/\s+/g, ' '))).toEqual(['Tom Berg €40.00', 'Meera Patel €15.00']);
    expect(await page.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    await shot(page, 'exhibition-dashboard-desktop');

    await page.setViewportSize({ width: 390, height: 844 });
    await page.getByTestId('dashboard-today').waitFor();
    // The charts take the new width once their resize observer has run (a phone opens at its width).
    await expect
      .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth))
      .toBeLessThanOrEqual(0);
    await shot(page, 'exhibition-dashboard-phone');
    await page.setViewportSize({ width: 1280, height: 860 });

    // In Spanish: the words, and the amounts in the console's Spanish format.
    await page.getByRole('button', { name: 'English' }).first().click();
    await page.getByRole('menuitem', { name: 'Español' }).click();
    await page.getByText('Ventas por hora hoy').waitFor();
    expect(await page.getByTestId('dashboard-today').innerText()).toMatch(
      /Hoy \(\d{1,2} [a-z]{3,4}\.? \d{4}\)\s+77,70\s€\s+5 cargos/,
    );
    await shot(page, 'exhibition-dashboard-es');
    await page.getByRole('button', { name: 'Español' }).first().click();
    await page.getByRole('menuitem', { name: 'English' }).click();
  });
});
