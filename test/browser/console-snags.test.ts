import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { menuTestModule } from '../fixtures/menu-flow/menu.module.ts';
import { eventually } from '../support/eventually.ts';
import { TEST_MODULES } from '../support/template-sources.ts';
import type { TestApp } from '../support/test-app.ts';
import { type ConsoleRig, failureShot, openConsoleAs, shot, startConsoleRig } from './console-harness.ts';

/*
 * The small things an owner trips on during a day in the console (issue 28): each one a screen that
 * crashed, said the wrong thing or lost what was typed.
 */
let rig: ConsoleRig;
let page: Page;
let context: BrowserContext;
let owner: Awaited<ReturnType<TestApp['signIn']>>;
let exhibitionId = '';
const pageErrors: string[] = [];

beforeAll(async () => {
  rig = await startConsoleRig({ modules: [...TEST_MODULES, menuTestModule] });
  await rig.app.createStaff({ email: 'owner@example.com', role: 'owner' });
  owner = await rig.app.signIn('owner@example.com');
  const ex = await owner.post('/api/exhibition/exhibitions', {
    name: 'Harvest Fair',
    currency: 'EUR',
    startsOn: '2026-01-01',
    endsOn: '2030-12-31',
    timeZone: 'Europe/Madrid',
  });
  expect(ex.statusCode, ex.body).toBe(201);
  exhibitionId = ex.json().id;
  expect(
    (await owner.post(`/api/exhibition/exhibitions/${exhibitionId}/booths`, { name: 'Cheese' })).statusCode,
  ).toBe(201);
  // Two cores shared by many: a click's round trip or a first list can take more than 10 s.
  ({ page, context } = await openConsoleAs(rig, 'owner@example.com', undefined, 30_000));
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail')
    await failureShot(page, `failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  pageErrors.length = 0;
});

afterAll(async () => {
  await context?.close();
  await rig?.close();
});

const field = (name: string) => page.locator(`input[name="${name}"], textarea[name="${name}"]`).first();

describe('snags of an operator day in the console', () => {
  it('opens a notification from the list without crashing and shows its body and delivery events', async () => {
    const customer = await owner.post('/api/exhibition/customers', {
      exhibitionId,
      name: 'Lena Vogel',
      email: 'lena@visitor.test',
      phone: '+34600000201',
    });
    expect(customer.statusCode, customer.body).toBe(201);
    await eventually(async () => (await owner.get('/api/notifications')).json().total > 0, {
      what: 'the welcome e-mail in the notifications',
    });

    await page.goto('/console/notifications');
    await page.getByText('lena@visitor.test').first().click();
    await page.waitForURL(/\/console\/notifications\/[0-9a-f-]{36}\/show/);
    // Exact: the app bar's title, "Notification delivery log: …", holds the words too.
    await page.getByText('Delivery log', { exact: true }).waitFor();
    await page
      .getByText(/Lena Vogel/)
      .first()
      .waitFor();
    await shot(page, 'snags-notification-show');
    expect(pageErrors).toEqual([]);
    await expect(page.getByText('Something went wrong').count()).resolves.toBe(0);
  });

  it('tells the owner a mistyped address does not exist, not that they lack access', async () => {
    for (const path of [
      '/console/exhibition.custmers',
      '/console/mess/studnts',
      '/console/raffle.raffles.x',
    ]) {
      await page.goto(path);
      await page.getByRole('alert').getByText('This page does not exist.').waitFor();
      await expect(page.getByText('You do not have access to this page').count()).resolves.toBe(0);
    }
    await shot(page, 'snags-not-found');
  });

  it('keeps what the desk clerk typed when Ctrl+K opens the palette, and what is typed into the palette', async () => {
    await page.goto('/console/exhibition/desk');
    const scan = page.getByTestId('desk-scan');
    await scan.waitFor();
    await page.keyboard.type('Lena');
    await page.keyboard.press('Control+k');
    const palette = page.getByTestId('palette-input');
    await palette.waitFor();
    await page.keyboard.type('users');
    await expect(palette.inputValue()).resolves.toBe('users');
    await shot(page, 'snags-desk-palette');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect(scan.inputValue()).resolves.toBe('Lena');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('desk-scan');
  });

  it('finds a record from Ctrl+K by its name and opens it', async () => {
    const created = await owner.post('/api/exhibition/customers', {
      exhibitionId,
      name: 'Rohan Iyer',
      email: 'rohan@visitor.test',
      phone: '+34600000202',
    });
    expect(created.statusCode, created.body).toBe(201);
    await page.goto('/console/');
    // The console has drawn (its shortcuts listen once it has).
    await page.locator('[data-nav="users"]').waitFor();
    await page.keyboard.press('Control+k');
    await page.getByTestId('palette-input').waitFor();
    await page.keyboard.type('rohan');
    // The record, under the name of its list; no screen is called "rohan".
    const hit = page.getByRole('option', { name: /Rohan Iyer/ });
    await hit.getByText('Exhibition customers').waitFor();
    await shot(page, 'snags-palette-record');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/console/exhibition.customers/${created.json().id}/show`));
    await page.getByText('rohan@visitor.test').first().waitFor();
  });

  it('starts a fresh chat when the simulator switches flow, and finds the old one when switching back', async () => {
    await page.goto('/console/simulator');
    await page.getByRole('combobox', { name: 'Flow' }).click();
    await page.getByRole('option', { name: 'menu-test' }).click();
    const chat = page.getByTestId('simulator-chat');
    await page.getByPlaceholder('Type a message…').fill('hello');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await chat.getByText('What would you like to drink?').waitFor();

    await page.getByRole('combobox', { name: 'Flow' }).click();
    await page.getByRole('option', { name: 'raffle' }).click();
    await expect.poll(() => chat.locator('[data-direction]').count()).toBe(0);
    await shot(page, 'snags-simulator-switched');

    await page.getByRole('combobox', { name: 'Flow' }).click();
    await page.getByRole('option', { name: 'menu-test' }).click();
    await chat.getByText('What would you like to drink?').waitFor();
  });

  it('labels each prize of a raffle and says what drawing the winners does before it does it', async () => {
    await page.goto('/console/raffle.raffles/create');
    await page.locator('.RaSimpleFormIterator-add button, button.button-add').first().click();
    await page.getByRole('textbox', { name: 'Prize 1', exact: true }).fill('A bicycle');
    await shot(page, 'snags-raffle-prizes');

    const created = await owner.post('/api/raffle/console/raffles', {
      title: 'Harvest raffle',
      currency: 'EUR',
      priceMinor: 500,
      minNumber: 1,
      maxNumber: 20,
      prizes: ['A bicycle', 'A basket'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    for (const action of ['start-selling', 'close'])
      expect(
        (await owner.post(`/api/raffle/console/raffles/actions/${action}`, { ids: [id] })).json(),
      ).toMatchObject({
        done: [id],
      });
    await page.goto(`/console/raffle.raffles/${id}/show`);
    await page.locator('[data-action="draw"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(/Draw the winners of this raffle now\?/).waitFor();
    await dialog.getByText(/cannot be undone/).waitFor();
    await expect(dialog.getByText(/on 1 record/).count()).resolves.toBe(0);
    await shot(page, 'snags-raffle-draw-confirm');
    await page.keyboard.press('Escape');
  });

  it("names the tariff's own currency on its fee", async () => {
    await page.goto('/console/prepaid.tariffs/create');
    // A new tariff starts in the organization's currency (USD here), and its fee says so.
    await page.getByLabel('Fee (USD)').waitFor();
    await field('currency').fill('');
    await page.getByLabel('Fee (in the currency you choose)').waitFor();
    await field('currency').fill('RWF');
    await page.getByLabel('Fee (RWF)').waitFor();
    await shot(page, 'snags-tariff-form');
  });

  it('tells the mess manager that the time zone is the whole organization’s', async () => {
    await page.goto('/console/mess/settings');
    await page.getByText(/time zone of the whole organization/).waitFor();
    await shot(page, 'snags-mess-zone');
  });

  it('names the refused phone at the desk and what to type instead', async () => {
    await page.goto('/console/exhibition/desk');
    await page.getByTestId('desk-scan').waitFor();
    await page.keyboard.press('F2');
    await page.getByTestId('desk-register').waitFor();
    await page.keyboard.type('Omar Haddad');
    await page.getByLabel('E-mail').fill('omar@visitor.test');
    await page.getByLabel('Phone').fill('12345');
    await page.keyboard.press('Enter');
    const error = page.getByTestId('desk-error');
    await error.getByText(/Phone/).waitFor();
    await error.getByText(/\+250788123456/).waitFor();
    await shot(page, 'snags-desk-phone');
  });
});
