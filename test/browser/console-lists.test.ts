import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findOrganizationBySlug } from '../../src/core/orgs/index.ts';
import { EXACT_COUNT_LIMIT } from '../../src/core/resources/index.ts';
import { TEST_PASSWORD } from '../support/test-app.ts';
import { type ConsoleRig, failureShot, shot, startConsoleRig } from './console-harness.ts';

/**
 * A list past EXACT_COUNT_LIMIT records in the console (issue 20): the total reads as an estimate
 * in the staff member's language, paging forward goes by cursor, and the CSV export of a filtered
 * list shows its progress and downloads every row.
 */
const OWNER = 'owner@example.com';
const CONTACTS = EXACT_COUNT_LIMIT + 5_000;

let rig: ConsoleRig;
let context: BrowserContext;
let page: Page;

/** A signed-in browser context in the given language (its session cookie from the API). */
async function openAs(locale: string): Promise<{ context: BrowserContext; page: Page }> {
  const login = await rig.app.http.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: OWNER, password: TEST_PASSWORD },
  });
  const session = login.cookies.find((c) => c.name === 'opsdesk_session')!;
  const ctx = await rig.browser.newContext({
    viewport: { width: 1280, height: 860 },
    baseURL: rig.baseUrl,
    acceptDownloads: true,
    locale,
  });
  ctx.setDefaultTimeout(20_000);
  await ctx.addCookies([{ name: session.name, value: session.value, url: rig.baseUrl, httpOnly: true }]);
  const p = await ctx.newPage();
  p.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
  return { context: ctx, page: p };
}

beforeAll(async () => {
  rig = await startConsoleRig();
  await rig.app.createStaff({ email: OWNER, role: 'owner' });
  const org = (await findOrganizationBySlug(rig.app.database.db, 'default'))!;
  await rig.app.database.pool.query(
    `insert into contact (org_id, display_name, preferred_language, created_at)
     select $1, 'Person ' || g, (array['en','hi','es'])[1 + g % 3], timestamptz '2026-01-01' + g * interval '1 minute'
     from generate_series(1, $2::int) g`,
    [org.id, CONTACTS],
  );
  await rig.app.database.pool.query('analyze contact');
}, 120_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail')
    await failureShot(page, `failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
  await context?.close();
});

afterAll(async () => {
  await rig?.close();
});

describe('console lists at scale', () => {
  it('shows an estimated total as "about", and pages forward by cursor', async () => {
    ({ context, page } = await openAs('en-US'));
    const listCalls: string[] = [];
    page.on('request', (req: Request) => {
      if (req.url().includes('/api/contacts/records?')) listCalls.push(decodeURIComponent(req.url()));
    });
    await page.goto('/console/contacts.contacts');
    await page.getByText(/^1-25 of about 15 thousand$/).scrollIntoViewIfNeeded();
    await shot(page, 'lists-estimated-total-en');

    await page.getByRole('button', { name: /next page/i }).click();
    await page.getByText(/^26-50 of about 15 thousand$/).waitFor();
    await page.getByRole('button', { name: /next page/i }).click();
    await page.getByText(/^51-75 of about 15 thousand$/).waitFor();
    // Pages 2 and 3 continue from the previous page's last record instead of skipping by offset.
    expect(listCalls.some((u) => u.includes('page=2') && u.includes('cursor='))).toBe(true);
    expect(listCalls.some((u) => u.includes('page=3') && u.includes('cursor='))).toBe(true);
    // The rows of page 3 are the 51st to 75th newest contacts.
    await page.getByText(`Person ${CONTACTS - 50}`, { exact: true }).waitFor();
  });

  it('says "about" in Spanish and Hindi too', async () => {
    ({ context, page } = await openAs('es-ES'));
    await page.goto('/console/contacts.contacts');
    await page.getByText(/^1-25 de unos 15 mil$/).scrollIntoViewIfNeeded();
    await shot(page, 'lists-estimated-total-es');
    await context.close();
    ({ context, page } = await openAs('hi-IN'));
    await page.goto('/console/contacts.contacts');
    await page.getByText(/^लगभग 15 हज़ार में से 1-25$/).scrollIntoViewIfNeeded();
    await shot(page, 'lists-estimated-total-hi');
  });

  it('exports a filtered list with a progress bar, every row in the file', async () => {
    ({ context, page } = await openAs('en-US'));
    await page.goto('/console/contacts.contacts?filter=%7B%22language%22%3A%22hi%22%7D');
    await page.getByText(/^1-25 of 5,?000$/).waitFor();
    // The server streams the file; the test holds its answer back until the bar has been seen.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/contacts/records/export.csv*', async (route) => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    });
    const downloading = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-progress').waitFor();
    await page.getByText('Exporting: 0 of about 5 thousand rows').waitFor();
    expect(await page.getByTestId('export-button').isDisabled()).toBe(true);
    await shot(page, 'lists-export-progress');
    release();
    const download = await downloading;
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(5_001);
    expect(lines.slice(1).every((l) => l.includes(',hi,'))).toBe(true);
    await page.getByText('Exported 5,000 rows').waitFor();
    await page.getByTestId('export-progress').waitFor({ state: 'detached' });
  });
});
