import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { orgIdOf } from '../factories/org.ts';
import { eventually } from '../support/eventually.ts';
import type { TestApp } from '../support/test-app.ts';
import { type ConsoleRig, failureShot, openConsoleAs, sharedConsoleRig, shot } from './console-harness.ts';

/*
 * The console across modules (issue 28): every notification opens, times read on the organization's
 * clock with the zone written out, and a Hindi screen of the history has no English titles.
 */
let rig: ConsoleRig;
let page: Page;
let context: BrowserContext;
let owner: Awaited<ReturnType<TestApp['signIn']>>;
/**
 * Its own account, named "owner" as the history shows it: the test turns its console Hindi, which no
 * other file's owner on the worker's app should inherit.
 */
const OWNER = 'owner@everywhere.test';
const pageErrors: string[] = [];

const CHANNELS = ['email', 'telegram', 'whatsapp'] as const;
const STATUSES = ['queued', 'sending', 'unconfirmed', 'sent', 'failed', 'undeliverable'] as const;

beforeAll(async () => {
  // The worker's app, in an organization of this file's own.
  rig = await sharedConsoleRig({ org: 'console-everywhere' });
  await rig.app.createStaff({ email: OWNER, role: 'owner' });
  owner = await rig.app.signIn(OWNER);
  expect((await owner.patch('/api/org', { timeZone: 'Asia/Kolkata' })).statusCode).toBe(200);
  const ex = await owner.post('/api/exhibition/exhibitions', {
    name: 'Harvest Fair',
    currency: 'EUR',
    startsOn: '2026-01-01',
    endsOn: '2030-12-31',
    timeZone: 'Europe/Madrid',
  });
  expect(ex.statusCode, ex.body).toBe(201);
  // One message of each channel in each state, as the outbox stores them (the welcome e-mail below
  // is the one a real use case queued; the others are its siblings at every step of delivery).
  const orgId = await orgIdOf(rig.app);
  for (const channel of CHANNELS)
    for (const status of STATUSES)
      await rig.app.database.pool.query(
        `insert into notification (org_id, channel, recipient, template, data, locale, subject, body, attachments, status, created_at)
         values ($1, $2, $3, 'core.test', '{}', 'en', $4, $5, '[]', $6, '2026-11-22T17:45:00Z')`,
        [
          orgId,
          channel,
          `${channel}-${status}@probe.test`,
          channel === 'email' ? `Probe ${status}` : null,
          `Body of the ${channel} ${status} probe`,
          status,
        ],
      );
  // A cold server's first pages on a busy 2-core machine can outlast the harness's default 10 s.
  ({ page, context } = await openConsoleAs(rig, OWNER, undefined, 30_000));
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail')
    await failureShot(page, `failed-everywhere-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await context?.close();
  await rig?.close();
});

describe('the console across modules', () => {
  it('opens a notification of every channel and status without crashing, times in the organization zone', async () => {
    const list = await owner.get('/api/notifications?perPage=100');
    const probes = (list.json().items as { id: string; to: string }[]).filter((n) =>
      n.to.endsWith('@probe.test'),
    );
    expect(probes).toHaveLength(CHANNELS.length * STATUSES.length);
    for (const probe of probes) {
      await page.goto(`/console/notifications/${probe.id}/show`);
      await page.getByText(`${probe.to.split('@')[0]!.replace('-', ' ')} probe`).waitFor({ timeout: 20_000 });
      // 17:45 UTC is 23:15 in Kolkata, and the page says which zone it means.
      await page
        .getByText(/11:15\s?PM GMT\+5:30/)
        .first()
        .waitFor();
      await expect(page.getByText('Something went wrong').count()).resolves.toBe(0);
    }
    await shot(page, 'everywhere-notification-show');
    expect(pageErrors).toEqual([]);

    await page.goto('/console/notifications');
    await page.getByText('whatsapp-undeliverable@probe.test').waitFor({ timeout: 20_000 });
    await expect(page.getByText(/11:15\s?PM GMT\+5:30/).count()).resolves.toBeGreaterThan(5);
    await page.getByText('Undeliverable').first().waitFor();
    await shot(page, 'everywhere-notification-list');
  }, 300_000);

  it('titles the history and the notifications in Hindi, with no English left', async () => {
    await eventually(async () => (await owner.get('/api/audit?limit=5')).json().items.length > 0, {
      what: 'the exhibition in the history',
    });
    await page.goto('/console/');
    await page.getByRole('button', { name: 'English' }).first().click();
    await page.getByRole('menuitem', { name: 'हिन्दी' }).click();
    await page.goto('/console/audit');
    await page.getByText('प्रदर्शनी बनाई गई').first().waitFor({ timeout: 30_000 });
    await expect(page.getByText('Exhibition created').count()).resolves.toBe(0);
    // The subject by its name, linked to its page, not by its id.
    await page.getByRole('link', { name: 'owner', exact: true }).first().waitFor();
    await shot(page, 'everywhere-history-hi');

    await page.goto('/console/notifications');
    await page.getByText('whatsapp-undeliverable@probe.test').waitFor({ timeout: 20_000 });
    await page.getByText('पहुँचाया नहीं जा सकता').first().waitFor();
    for (const english of ['Undeliverable', 'Queued', 'Gave up', 'email'])
      await expect(page.getByText(english, { exact: true }).count(), english).resolves.toBe(0);
    await shot(page, 'everywhere-notifications-hi');
    await page.getByRole('button', { name: 'हिन्दी' }).first().click();
    await page.getByRole('menuitem', { name: 'English' }).click();
  }, 120_000);

  it("reads every screen's title whole on a phone (375 px), wrapped or smaller, never cut, and no page scrolls sideways", async () => {
    // Every screen of the menu, as the owner's sidebar lists them.
    await page.goto('/console/');
    await page.locator('[data-nav]').first().waitFor({ timeout: 20_000 });
    const screens = await page.evaluate(() => [
      ...new Set(
        [...document.querySelectorAll<HTMLAnchorElement>('a[data-nav]')]
          .map((a) => new URL(a.href))
          .filter((url) => url.origin === location.origin && url.pathname.startsWith('/console/'))
          .map((url) => url.pathname + url.hash),
      ),
    ]);
    expect(screens.length).toBeGreaterThan(15);
    const phone = await openConsoleAs(rig, OWNER, { width: 375, height: 667 }, 30_000);
    const cut: string[] = [];
    try {
      for (const screen of screens) {
        await phone.page.goto(screen);
        // The title is in once the app bar's title or the page's own heading has words.
        await phone.page
          .waitForFunction(
            () =>
              (document.getElementById('react-admin-title')?.textContent ?? '').trim() !== '' ||
              !!document.querySelector('main h1'),
            undefined,
            { timeout: 30_000 },
          )
          .catch(async (err) => {
            await failureShot(phone.page, 'failed-everywhere-phone-title');
            throw new Error(`${screen} showed no title: ${err}`);
          });
        await phone.page.evaluate(() => document.fonts.ready);
        const clipped = await phone.page.evaluate(() =>
          [
            ...document.querySelectorAll<HTMLElement>(
              '#react-admin-title, #react-admin-title *, main h1, main h2, .MuiCardHeader-title',
            ),
          ]
            .filter((el) => el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1)
            .map((el) => `"${el.textContent}" (${el.scrollWidth} > ${el.clientWidth})`),
        );
        cut.push(...clipped.map((what) => `${screen}: ${what}`));
        // A wide list scrolls in its own frame; the page itself never sideways (the jobs list did, 382 px).
        const page = await phone.page.evaluate(() => ({
          wide: document.documentElement.scrollWidth,
          window: document.documentElement.clientWidth,
        }));
        if (page.wide > page.window)
          cut.push(`${screen}: the page scrolls sideways (${page.wide} > ${page.window})`);
        await shot(phone.page, `everywhere-phone-title-${screen.replace(/\W+/g, '-').replace(/^-|-$/g, '')}`);
      }
    } finally {
      await phone.context.close();
    }
    expect(cut).toEqual([]);
  }, 600_000);
});
