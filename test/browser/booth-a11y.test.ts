import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, TEST_PASSWORD } from '../support/test-app.ts';
import { problemsInEachScheme, type Scheme } from './axe.ts';
import { type ConsoleRig, failureShot, sharedConsoleRig, shot } from './console-harness.ts';

/*
 * The exhibition booth page keeps to WCAG 2.1 A/AA (axe-core) on every screen, in the phone's light
 * and dark schemes (issue 54 item 21: it had no dark theme). One phone walks the screens in one page;
 * each is judged in light, then dark, switched in place.
 */
const BOOTH_STAFF = 'coffee-booth@example.com';
let rig: ConsoleRig;
let owner: ApiClient;
let context: BrowserContext;
let page: Page;
let code = '';

async function call(client: ApiClient, method: 'post' | 'get', url: string, body?: unknown) {
  const res = method === 'get' ? await client.get(url) : await client.post(url, body);
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.body ? res.json() : undefined;
}

beforeAll(async () => {
  // The worker's app, in an organization of this file's own.
  rig = await sharedConsoleRig({ org: 'booth-a11y' });
  await rig.app.createStaff({ email: 'owner@example.com', role: 'owner' });
  await rig.app.createStaff({ email: BOOTH_STAFF, role: 'scanner' });
  owner = await rig.app.signIn('owner@example.com');
  const today = new Date().toISOString().slice(0, 10);
  const exhibition = await call(owner, 'post', '/api/exhibition/exhibitions', {
    name: 'Winter Expo',
    currency: 'USD',
    startsOn: today,
    endsOn: today,
    venue: 'Hall 4',
    timeZone: 'UTC',
  });
  const booth = await call(owner, 'post', `/api/exhibition/exhibitions/${exhibition.id}/booths`, {
    name: 'Coffee corner',
  });
  const session = await call(await rig.app.signIn(BOOTH_STAFF), 'get', '/api/auth/session');
  await call(owner, 'post', `/api/exhibition/booths/${booth.id}/staff`, { userId: session.user.id });
  const codes: string[] = [];
  for (const [name, phone] of [
    ['Asha Rao', '+14155550101'],
    ['Asha Verma', '+14155550199'],
  ] as const) {
    const customer = await call(owner, 'post', '/api/exhibition/customers', {
      exhibitionId: exhibition.id,
      name,
      email: `${phone.slice(-4)}@visitor.test`,
      phone,
    });
    codes.push(customer.code);
  }
  code = codes[0]!;
  context = await rig.browser.newContext({
    baseURL: rig.baseUrl,
    viewport: { width: 412, height: 915 },
    locale: 'en-US',
  });
  context.setDefaultTimeout(20_000);
  // The camera stays off (a saved preference): the screens are judged on what staff read.
  await context.addInitScript(() => localStorage.setItem('opsdesk.booth.camera', 'off'));
  page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[booth] ${err.message}`));
});

afterAll(async () => {
  await context?.close();
  await rig?.close();
});

async function find(text: string) {
  await page.getByLabel('Code, name or phone').fill(text);
  await page.getByRole('button', { name: 'Find' }).click();
}

describe('accessibility of the booth page (axe-core, WCAG 2.1 A/AA)', () => {
  it('breaks no rule on any screen, light or dark: sign-in, booth, a refused code, matches, a customer, a bad amount, a large bill, billed, voided, offline', async () => {
    const problems: string[] = [];
    const judge = async (name: string) =>
      problems.push(
        ...(await problemsInEachScheme(page, name, {
          seen: (scheme: Scheme) => shot(page, `a11y-booth-${scheme}-${name}`, { fullPage: true }),
        })),
      );
    try {
      await page.goto('/scanner/booth.html');
      await page.getByLabel('E-mail').waitFor();
      await judge('sign-in');
      await page.getByLabel('E-mail').fill(BOOTH_STAFF);
      await page.getByLabel('Password').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByTestId('booth-today').waitFor();
      await judge('booth');

      await find(code.slice(0, 7) + (code[7] === 'A' ? 'B' : 'A'));
      await expect.poll(() => page.getByTestId('lookup-error').innerText()).not.toBe('');
      await judge('code-refused');

      await find('asha');
      await page
        .getByTestId('matches')
        .getByRole('button', { name: /Asha Verma/ })
        .waitFor();
      await judge('matches');
      await page
        .getByTestId('matches')
        .getByRole('button', { name: /Asha Rao/ })
        .click();
      await page.getByTestId('customer-name').filter({ hasText: 'Asha Rao' }).waitFor();
      await judge('customer');

      await page.getByLabel(/Amount/).fill('0');
      await page.getByRole('button', { name: /^Bill/ }).click();
      await expect.poll(() => page.getByTestId('amount-problem').innerText()).not.toBe('');
      await judge('amount-refused');

      await page.getByLabel(/Amount/).fill('1500');
      await page.getByRole('button', { name: /^Bill / }).click();
      await page.getByRole('button', { name: /^Yes, bill/ }).waitFor();
      await judge('large-bill');
      await page.getByRole('button', { name: /^Yes, bill/ }).click();
      const last = page.getByTestId('last-bill');
      await expect.poll(() => last.getAttribute('data-state')).toBe('sent');
      await last.getByRole('button', { name: 'Void this bill' }).waitFor();
      await judge('billed');
      await last.getByRole('button', { name: 'Void this bill' }).click();
      await expect.poll(() => last.getAttribute('data-voided')).toBe('true');
      await judge('voided');

      await context.setOffline(true);
      await page.getByTestId('offline-banner').waitFor();
      await page.getByLabel(/Amount/).fill('4.50');
      await page.getByRole('button', { name: /^Bill / }).click();
      await expect.poll(() => last.getAttribute('data-state')).toBe('queued');
      await judge('offline-queued');
      await context.setOffline(false);
      await expect.poll(() => page.getByTestId('queued').getAttribute('data-count')).toBe('0');
    } catch (e) {
      await failureShot(page, 'failed-a11y-booth');
      throw e;
    }
    expect(problems.join('\n\n')).toBe('');
  }, 180_000);
});
