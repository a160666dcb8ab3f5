import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/app/demo-seed.ts';
import { type ConsoleRig, sharedConsoleRig, shot, shotOnFailure, signInAs } from './console-harness.ts';

/**
 * The screens the modules bring from their own folders (`src/modules/<m>/console/`), with the
 * demo data an operator starts from: their labels in English and in their users' languages.
 */
let rig: ConsoleRig;
let page: Page;
let context: BrowserContext | undefined;

beforeAll(async () => {
  // The worker's app and demo, only read here.
  rig = await sharedConsoleRig();
});

/** The demo owner, signed in to one business's organization (each runs its one module). */
async function openOrg(org: string) {
  await context?.close();
  ({ context, page } = await signInAs(rig, 'owner@demo.opsdesk.dev', undefined, {
    org,
    password: DEMO_PASSWORD,
  }));
  // Two cores shared by many: a first visit to a lazily loaded list can take more than 10 s.
  context.setDefaultTimeout(30_000);
}

shotOnFailure(() => page);

afterAll(async () => {
  await rig?.close();
});

/**
 * Picks a language from the app bar's menu and waits until the app bar names it. A full run once left
 * the menu open on English with the pick not taken (a loaded machine, the dashboard still drawing its
 * cards): the menu is opened and picked from again once, then the switch must have happened.
 */
async function switchLanguage(from: string, to: string) {
  const shown = page.locator('header').getByRole('button', { name: to });
  for (let attempt = 1; ; attempt++) {
    const item = page.getByRole('menuitem', { name: to });
    if (!(await item.isVisible())) await page.locator('header').getByRole('button', { name: from }).click();
    await item.click();
    try {
      await shown.waitFor({ timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt === 2) throw error;
    }
  }
}

const header = (name: string) => page.locator('thead th').getByText(name, { exact: true }).first().waitFor();
const chip = (text: string) =>
  page.locator('tbody .MuiChip-root').getByText(text, { exact: true }).first().waitFor();

describe('module screens', () => {
  it('shows the raffle orders and ticket grid in English, then in Spanish', async () => {
    await openOrg('raffle');
    await page.click('[data-nav="resource:raffle.orders"]');
    await page.waitForURL(/\/console\/raffle\.orders/);
    await header('Buyer');
    await header('Hold until');
    await chip('Paid');
    await chip('Waiting for payment');
    await shot(page, 'raffle-orders-en');

    await page.click('[data-nav="page:/raffle/grid"]');
    // Demo: Ana and Luis paid for 5 numbers, Marta and Jorge hold 4.
    await page.getByText('available: 91').waitFor();
    await page.getByText('held: 4').waitFor();
    await page.getByText('sold: 5').waitFor();
    await page.locator('header').getByText('Ticket grid').waitFor();
    await shot(page, 'raffle-grid-en');

    await switchLanguage('English', 'Español');
    await page.locator('[data-nav="page:/raffle/grid"]').getByText('Grilla de boletos').waitFor();
    await page.getByText('libre: 91').waitFor();
    await page.getByText('reservado: 4').waitFor();
    await shot(page, 'raffle-grid-es');
    await page.click('[data-nav="resource:raffle.orders"]');
    await header('Comprador');
    await header('Reserva hasta');
    await chip('Pagado');
    await chip('Esperando pago');
    await shot(page, 'raffle-orders-es');
    await switchLanguage('Español', 'English');
  });

  it('shows the mess dashboard cards and students in English, then in Hindi', async () => {
    await openOrg('mess');
    await page.click('[data-nav="dashboard"]');
    await page.locator('[data-card="mess.forecast"]').getByText('Kitchen forecast').waitFor();
    await page.locator('[data-card="mess.pending"] [data-testid="stat-number"]').waitFor();
    await page.waitForSelector('[data-card="mess.meals-chart"] svg.recharts-surface');
    await shot(page, 'mess-dashboard-en');

    await page.click('[data-nav="resource:mess.students"]');
    await page.waitForURL(/\/console\/mess\.students/);
    await header('Roll number');
    await header('Registered');
    await chip('Approved');
    await chip('Pending');
    await shot(page, 'mess-students-en');

    await switchLanguage('English', 'हिन्दी');
    await header('रोल नंबर');
    await header('पंजीकरण');
    await chip('स्वीकृत');
    await chip('लंबित');
    await page.locator('[data-nav="resource:mess.students"]').getByText('मेस छात्र').waitFor();
    await shot(page, 'mess-students-hi');
    await page.click('[data-nav="dashboard"]');
    await page.locator('[data-card="mess.forecast"]').getByText('रसोई अनुमान').waitFor();
    await page.waitForSelector('[data-card="mess.meals-chart"] svg.recharts-surface');
    await shot(page, 'mess-dashboard-hi');
    await switchLanguage('हिन्दी', 'English');
  });

  it('shows the exhibition, prepaid and coffee lists in Hindi', async () => {
    await openOrg('expo');
    await switchLanguage('English', 'हिन्दी');
    await page.locator('[data-nav="resource:exhibition.customers"]').getByText('प्रदर्शनी ग्राहक').click();
    await page.waitForURL(/\/console\/exhibition\.customers/);
    await header('कोड');
    await header('ई-मेल');
    await shot(page, 'exhibition-customers-hi');
    await switchLanguage('हिन्दी', 'English');

    await openOrg('power');
    await switchLanguage('English', 'हिन्दी');
    await page.locator('[data-nav="resource:prepaid.meters"]').getByText('मीटर', { exact: true }).click();
    await page.waitForURL(/\/console\/prepaid\.meters/);
    await header('मीटर नंबर');
    await header('भवन');
    await shot(page, 'prepaid-meters-hi');
    await switchLanguage('हिन्दी', 'English');

    await openOrg('coffee');
    await switchLanguage('English', 'हिन्दी');
    await page.locator('[data-nav="resource:coffee.devices"]').getByText('कॉफ़ी मशीनें').click();
    await page.waitForURL(/\/console\/coffee\.devices/);
    await header('सीरियल नंबर');
    await header('अंतिम संपर्क');
    await shot(page, 'coffee-devices-hi');
    await switchLanguage('हिन्दी', 'English');
    // Three organizations, each signed into afresh: more than a minute on a loaded machine.
  }, 180_000);
});
