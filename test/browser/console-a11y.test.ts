import type { BrowserContext, Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/app/demo-seed.ts';
import { eventually } from '../support/eventually.ts';
import type { TestApp } from '../support/test-app.ts';
import { problemsInEachScheme, type Scheme } from './axe.ts';
import {
  type ConsoleRig,
  failureShot,
  openConsoleAs,
  sharedConsoleRig,
  shot,
  signInAs,
  within,
} from './console-harness.ts';

/*
 * The console's shell and its platform screens keep to WCAG 2.1 A/AA (axe-core), in both themes
 * (issue 28): the dashboard, a list, a form, the history and the notifications, and the shell's
 * menus and dialogs opened on them. Then every screen of the menu in each demo business, and the
 * first record of each list, in light and dark through the console's own theme switch (issue 54
 * item 21: the alarms' Critical and the scans' Denied chips, the desk's hint).
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
 * The customers list with no filter shown, whatever an earlier test left in the console's store: a
 * later "filter on a list" otherwise found the filter already shown, and its click on the
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
  // The worker's app, in an organization of this file's own; the demo businesses are the worker's, read only.
  rig = await sharedConsoleRig({ org: 'console-a11y' });
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
  await demo?.context.close();
  await context?.close();
  await rig?.close();
});

describe('accessibility of the console (axe-core, WCAG 2.1 A/AA)', () => {
  // Each screen is loaded once and judged light and dark in place: the console follows the system's
  // scheme live while its own switch is untouched (the test below holds that), so one load serves both.
  it('breaks no rule on the dashboard, a list, a form, the history and notifications, light and dark', async () => {
    const problems: string[] = [];
    for (const screen of SCREENS) {
      await page.goto(screen.path);
      try {
        await screen.ready(page).first().waitFor({ timeout: 30_000 });
        await page.waitForLoadState('networkidle');
        problems.push(
          ...(await problemsInEachScheme(page, screen.name, {
            setScheme: (scheme) => followSystemScheme(page, scheme),
            seen: (scheme) => shot(page, `a11y-${scheme}-${screen.name.replace(/\W+/g, '-')}`),
          })),
        );
      } catch (e) {
        problems.push(`${screen.name}: ${(e as Error).message}`);
      }
    }
    expect(problems.join('\n\n')).toBe('');
  }, 180_000);

  // A menu or dialog stays open while the scheme changes: it is opened once and judged in both.
  for (const state of OPENED)
    it(`breaks no rule with the ${state.name} open, light and dark`, async () => {
      await page.goto(state.path());
      await state.ready(page).first().waitFor({ timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      await state.open(page);
      await state.shows(page).first().waitFor({ timeout: 30_000 });
      const problems = await problemsInEachScheme(page, state.name, {
        setScheme: (scheme) => followSystemScheme(page, scheme),
        seen: (scheme) => shot(page, `a11y-${scheme}-open-${state.name.replace(/\W+/g, '-')}`),
      });
      expect(problems.join('\n\n')).toBe('');
    }, 90_000);
});

/** The demo businesses, each an organization running its one module (src/modules/<m>/<m>.seed.ts). */
const DEMO_ORGS = ['mess', 'expo', 'power', 'raffle', 'coffee'] as const;
let demo: { context: BrowserContext; page: Page } | undefined;
/** Menu entries already judged: the screens every organization shares are judged in the first only. */
const judged = new Set<string>();
/**
 * Requests the page is waiting on, each with when it started (the live updates' endless event stream
 * left out). A set, not a count: a request whose end Chromium never reports (cut by a navigation on a
 * busy machine) once left a count above zero for good, and every later screen waited its full 30 s.
 */
const pending = new Map<Request, number>();
/** The demo owner's console, opened once: each organization is reached by its `?org=` link. */
async function demoConsole(): Promise<Page> {
  if (demo) return demo.page;
  demo = await signInAs(rig, 'owner@demo.opsdesk.dev', undefined, {
    org: DEMO_ORGS[0],
    password: DEMO_PASSWORD,
    timeout: 30_000,
  });
  demo.page.on('request', (r) => r.resourceType() !== 'eventsource' && pending.set(r, Date.now()));
  demo.page.on('requestfinished', (r) => pending.delete(r));
  demo.page.on('requestfailed', (r) => pending.delete(r));
  return demo.page;
}

/** A request still open after this long is a stream or a lost end, not data the screen waits for. */
const STREAM_MS = 10_000;

/**
 * Waits until the screen has its data: no request in flight and no spinner, bar or skeleton still
 * loading, on two reads in a row (a list fetched after the page's first answer starts between them).
 * A screen that never settles (30 s) is judged as it is, and says so.
 */
async function settled(page: Page, name: string): Promise<void> {
  const loading = '.MuiCircularProgress-root, .MuiLinearProgress-indeterminate, .MuiSkeleton-root';
  const waiting = () => [...pending.values()].filter((started) => Date.now() - started < STREAM_MS).length;
  let quietBefore = false;
  await expect
    .poll(
      async () => {
        // Bounded: the poll's timeout only marks its next read as the last, it never ends a read that hangs.
        const quiet =
          waiting() === 0 &&
          (await within(5_000, `${name}: its spinners`, page.locator(loading).count())) === 0;
        const settledNow = quiet && quietBefore;
        quietBefore = quiet;
        return settledNow;
      },
      { timeout: 30_000, interval: 250 },
    )
    .toBe(true)
    .catch(() =>
      console.warn(
        `${name} did not settle in 30 s: judged as it shows (open: ${[...pending.keys()].map((r) => r.url()).join(', ') || 'none'})`,
      ),
    );
}

/** Each theme's page background, to know the switch has painted. */
const BACKGROUND: Record<Scheme, string> = { light: 'rgb(246, 247, 251)', dark: 'rgb(15, 18, 24)' };

/** Turns the system's scheme light or dark and waits until the console, following it, has painted it. */
async function followSystemScheme(page: Page, scheme: Scheme): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme });
  await page.waitForFunction(
    (colour) => getComputedStyle(document.body).backgroundColor === colour,
    BACKGROUND[scheme],
  );
}

/** Turns the console light or dark with its own switch in the top bar, as an operator does. */
async function switchTheme(page: Page, scheme: Scheme): Promise<void> {
  const painted = await within(
    5_000,
    'the painted theme',
    page.evaluate(() => getComputedStyle(document.body).backgroundColor),
  );
  if (painted !== BACKGROUND[scheme]) {
    // The top bar hides while the page is scrolled down (to a chart): back at the top it shows again.
    await within(
      5_000,
      'scrolling to the top',
      page.evaluate(() => window.scrollTo(0, 0)),
    );
    await page.getByRole('button', { name: 'Toggle light/dark mode' }).click();
  }
  await page.waitForFunction(
    (colour) => getComputedStyle(document.body).backgroundColor === colour,
    BACKGROUND[scheme],
  );
}

/**
 * The pointer on the screen's first chart, so its tooltip is judged too (recharts' own was white with
 * each series' colour as text); off the theme switch, whose tooltip is no part of the screen, otherwise.
 */
async function pointAtChart(page: Page): Promise<void> {
  // The plot's own surface: each legend icon is an svg.recharts-surface too, and hovering one shows nothing.
  const chart = page.locator('.recharts-wrapper > svg.recharts-surface').first();
  if ((await chart.count()) === 0) return page.mouse.move(1279, 859);
  await chart.hover();
  await page
    .locator('.recharts-default-tooltip, .recharts-tooltip-wrapper')
    .first()
    .waitFor({ timeout: 5_000 })
    .catch(() => {});
}

async function judgeDemoScreen(page: Page, name: string): Promise<string[]> {
  await settled(page, name);
  return problemsInEachScheme(page, name, {
    setScheme: async (scheme) => {
      await switchTheme(page, scheme);
      await pointAtChart(page);
    },
    seen: (scheme) => shot(page, `a11y-console-${scheme}-${name.replace(/\W+/g, '-')}`),
  });
}

describe('accessibility of every console screen (axe-core, WCAG 2.1 A/AA), light and dark by the theme switch', () => {
  it("follows the operator's dark system scheme until the theme switch says otherwise", async () => {
    const fresh = await openConsoleAs(rig, 'owner@example.com', undefined, 30_000);
    try {
      const painted = () => fresh.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(await painted()).toBe(BACKGROUND.light);
      await fresh.page.emulateMedia({ colorScheme: 'dark' });
      await expect.poll(painted).toBe(BACKGROUND.dark);
      await fresh.page.getByRole('button', { name: 'Toggle light/dark mode' }).click();
      await expect.poll(painted).toBe(BACKGROUND.light);
    } finally {
      await fresh.context.close();
    }
  });

  for (const org of DEMO_ORGS)
    it(`breaks no rule on any screen of the ${org} demo's menu, nor on the first record of each list`, async () => {
      const page = await demoConsole();
      const problems: string[] = [];
      try {
        // The first organization is where the owner signed in; a link to another moves the session there.
        if (org !== DEMO_ORGS[0]) {
          await page.goto(`/console/?org=${org}`);
          await page.waitForURL((url) => !url.search.includes('org='));
        }
        await page.getByText('Welcome,').waitFor();
        const entries = await within(
          10_000,
          `the ${org} menu`,
          page.locator('[data-nav]').evaluateAll((links) =>
            links.map((a) => ({
              key: a.getAttribute('data-nav') ?? '',
              href: a.getAttribute('href') ?? '',
            })),
          ),
        );
        for (const { key, href } of entries) {
          // The scanner is its own app (scanner-a11y); a shared screen was judged in the first organization.
          if (!href.startsWith('/console') || judged.has(key)) continue;
          judged.add(key);
          await page.locator(`[data-nav="${key}"]`).click();
          await page.waitForURL((url) => url.pathname === href.split('?')[0]);
          problems.push(...(await judgeDemoScreen(page, `${org} ${key}`)));
          // The list's first record, opened by a click near the corner of its second cell (never on a
          // row's action button); a list whose rows open nothing is left at that.
          const firstRow = page.locator('.RaDataTable-clickableRow').first();
          if (!key.startsWith('resource:') || (await firstRow.count()) === 0) continue;
          await firstRow
            .locator('td')
            .nth(1)
            .click({ position: { x: 4, y: 4 } });
          if (
            !(await page.waitForURL(/\/show$/, { timeout: 5_000 }).then(
              () => true,
              () => false,
            ))
          )
            continue;
          problems.push(...(await judgeDemoScreen(page, `${org} ${key} record`)));
        }
      } catch (e) {
        await failureShot(page, `failed-a11y-console-${org}`);
        throw e;
      }
      expect(problems.join('\n\n')).toBe('');
    }, 600_000);
});
