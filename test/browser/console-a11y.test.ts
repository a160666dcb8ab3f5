import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import type { TestApp } from '../support/test-app.ts';
import { expectAccessible } from './axe.ts';
import { type ConsoleRig, openConsoleAs, shot, startConsoleRig } from './console-harness.ts';

/*
 * The console's shell and its platform screens keep to WCAG 2.1 A/AA (axe-core), in both themes
 * (issue 28): the dashboard, a list, a form, the history and the notifications, and the shell's
 * menus and dialogs opened on them.
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

/**
 * The customers list with no filter shown, whatever the light-mode run left in the console's store:
 * the dark run's "filter on a list" otherwise found the filter already shown, and its click on the
 * first filter hid it (the wait for "Remove this filter" passed or not by how fast the click landed).
 */
const LIST_WITHOUT_FILTERS = `/console/exhibition.customers?${new URLSearchParams({ filter: '{}', displayedFilters: '{}' })}`;

/**
 * The shell's widgets and screen families the day tests never open, each opened on a screen: a shell
 * regression fails here, in seconds, not only in a day test. `open` acts; `shows` is what is then on screen.
 */
const OPENED: {
  name: string;
  path: () => string;
  ready: (page: Page) => Locator;
  open: (page: Page) => Promise<unknown>;
  shows: (page: Page) => Locator;
}[] = [
  {
    name: 'command palette',
    path: () => '/console/',
    ready: (p) => p.getByText('Welcome,'),
    open: (p) => p.keyboard.press('Control+k'),
    shows: (p) => p.getByRole('option').first(),
  },
  {
    name: 'shortcut help',
    path: () => '/console/',
    ready: (p) => p.getByText('Welcome,'),
    open: (p) => p.getByRole('button', { name: 'Keyboard shortcuts' }).click(),
    shows: (p) => p.getByRole('dialog'),
  },
  {
    name: 'organization switcher',
    path: () => '/console/',
    ready: (p) => p.getByText('Welcome,'),
    open: (p) => p.getByTestId('org-switcher').click(),
    shows: (p) => p.getByRole('menuitem', { name: /second-shop/ }),
  },
  {
    name: 'account menu',
    path: () => '/console/',
    ready: (p) => p.getByText('Welcome,'),
    open: (p) => p.getByRole('button', { name: /owner/ }).click(),
    shows: (p) => p.getByRole('menuitem').first(),
  },
  {
    name: 'filter menu of a list',
    path: () => LIST_WITHOUT_FILTERS,
    ready: (p) => p.getByText('Lena Vogel'),
    open: (p) => p.getByRole('button', { name: 'Add filter' }).click(),
    shows: (p) => p.getByRole('menuitemcheckbox'),
  },
  {
    name: 'filter on a list',
    path: () => LIST_WITHOUT_FILTERS,
    ready: (p) => p.getByText('Lena Vogel'),
    open: async (p) => {
      await p.getByRole('button', { name: 'Add filter' }).click();
      await p.getByRole('menuitemcheckbox').first().click();
    },
    shows: (p) => p.getByRole('button', { name: 'Remove this filter' }),
  },
  {
    name: 'confirm dialog',
    path: () => '/console/tokens',
    ready: (p) => p.getByText('Till'),
    open: (p) => p.getByRole('button', { name: 'Revoke', exact: true }).click(),
    shows: (p) => p.getByRole('dialog'),
  },
  {
    name: 'notification detail',
    path: () => `/console/notifications/${notificationId}/show`,
    ready: (p) => p.getByText('lena@visitor.test'),
    open: async () => undefined,
    shows: (p) => p.getByText('lena@visitor.test'),
  },
];
let notificationId = '';

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
  notificationId = (await owner.get('/api/notifications')).json().items[0].id;
  // A second organization gives the owner the switcher; a token gives the tokens list a revoke to confirm.
  await rig.app.createOrg('second-shop', 'owner@example.com');
  const token = await owner.post('/api/tokens', { name: 'Till', scopes: ['platform.token.manage'] });
  expect(token.statusCode, token.body).toBe(201);
  // A cold server's first pages on a busy 2-core machine can outlast the harness's default 10 s.
  ({ page, context } = await openConsoleAs(rig, 'owner@example.com', undefined, 30_000));
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

    for (const state of OPENED)
      it(`breaks no rule with the ${state.name} open in ${scheme} mode`, async () => {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(state.path());
        await state.ready(page).first().waitFor({ timeout: 30_000 });
        await page.waitForLoadState('networkidle');
        await state.open(page);
        await state.shows(page).first().waitFor({ timeout: 30_000 });
        await shot(page, `a11y-${scheme}-open-${state.name.replace(/\W+/g, '-')}`);
        await expectAccessible(page, `${state.name} (${scheme})`);
      }, 90_000);
  }
});
