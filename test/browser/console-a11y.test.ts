import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import type { TestApp } from '../support/test-app.ts';
import { expectAccessible } from './axe.ts';
import { type ConsoleRig, openConsoleAs, shot, startConsoleRig } from './console-harness.ts';

/*
 * The console's shell and its platform screens keep to WCAG 2.1 A/AA (axe-core), in both themes
 * (issue 28): the dashboard, a list, a form, the history and the notifications.
 */
let rig: ConsoleRig;
let page: Page;
let context: BrowserContext;
let owner: Awaited<ReturnType<TestApp['signIn']>>;

/** Each screen, and what shows once its data has loaded. */
const SCREENS: { name: string; path: string; ready: (page: Page) => Locator }[] = [
  { name: 'dashboard', path: '/console/', ready: (p) => p.getByText('Welcome,') },
  { name: 'users list', path: '/console/users', ready: (p) => p.getByText('owner@example.com') },
  { name: 'user form', path: '/console/users/create', ready: (p) => p.getByLabel('E-mail') },
  { name: 'history', path: '/console/audit', ready: (p) => p.getByText('Harvest Fair') },
  { name: 'notifications', path: '/console/notifications', ready: (p) => p.getByText('lena@visitor.test') },
];

beforeAll(async () => {
  rig = await startConsoleRig();
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
  const customer = await owner.post('/api/exhibition/customers', {
    exhibitionId: ex.json().id,
    name: 'Lena Vogel',
    email: 'lena@visitor.test',
    phone: '+34600000201',
  });
  expect(customer.statusCode, customer.body).toBe(201);
  await eventually(async () => (await owner.get('/api/notifications')).json().total > 0, {
    what: 'the welcome e-mail in the notifications',
  });
  ({ page, context } = await openConsoleAs(rig, 'owner@example.com'));
  page.on('console', (m) => m.type() === 'error' && console.error(`[console] ${m.text()}`));
});

afterAll(async () => {
  await context?.close();
  await rig?.close();
});

describe('accessibility of the console (axe-core, WCAG 2.1 A/AA)', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`breaks no rule on the dashboard, a list, a form, the history and notifications in ${scheme} mode`, async () => {
      await page.emulateMedia({ colorScheme: scheme });
      await page.evaluate(
        (s) => localStorage.setItem('RaStore.opsdesk-console.theme', JSON.stringify(s)),
        scheme,
      );
      const failures: string[] = [];
      for (const screen of SCREENS) {
        await page.goto(screen.path);
        try {
          await screen.ready(page).first().waitFor({ timeout: 30_000 });
          await page.waitForLoadState('networkidle');
          await expectAccessible(page, `${screen.name} (${scheme})`);
        } catch (e) {
          failures.push((e as Error).message);
        }
        await shot(page, `a11y-${scheme}-${screen.name.replace(/\W+/g, '-')}`);
      }
      expect(failures.join('\n\n')).toBe('');
    }, 180_000);
  }
});
