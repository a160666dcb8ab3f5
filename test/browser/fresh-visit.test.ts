import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/test-app.ts';
import { type ConsoleRig, failureShot, shot, startConsoleRig } from './console-harness.ts';

/*
 * Issue 66, item 6: every fresh visit to the console showed `401 GET /api/auth/session` in the
 * browser's console: it asked who was signed in before anyone had. A first visit and its sign-in
 * now make no request that fails.
 */
const OWNER = 'owner@example.com';
let rig: ConsoleRig;
beforeAll(async () => {
  // As `npm start` runs it: with the sandbox (without one, the console's `GET /api/sandbox` is a 404).
  rig = await startConsoleRig({ env: { OPSDESK_SANDBOX: 'true' } });
  await rig.app.createStaff({ email: OWNER, role: 'owner' });
}, 120_000);
afterAll(() => rig?.close());

describe('a fresh visit to the console', () => {
  it('signs in without one failed request or console error', async () => {
    const context = await rig.browser.newContext({
      viewport: { width: 1280, height: 860 },
      baseURL: rig.baseUrl,
      locale: 'en-US',
    });
    context.setDefaultTimeout(15_000);
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('response', (res) => {
      if (res.status() >= 400) failed.push(`${res.status()} ${res.request().method()} ${res.url()}`);
    });
    page.on('requestfailed', (req) => failed.push(`failed ${req.method()} ${req.url()}`));
    page.on('console', (message) => {
      if (message.type() === 'error') failed.push(`console: ${message.text()}`);
    });
    try {
      await page.goto('/console/');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await shot(page, 'fresh-visit-login');
      await page.getByLabel('E-mail').fill(OWNER);
      await page.getByLabel('Password').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Welcome,').waitFor();
      await page.waitForLoadState('networkidle');
      await shot(page, 'fresh-visit-signed-in');
      expect(failed).toEqual([]);
    } catch (err) {
      await failureShot(page, 'fresh-visit');
      throw err;
    } finally {
      await context.close();
    }
  });
});
