import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/test-app.ts';
import { problemsInEachScheme, type Scheme } from './axe.ts';
import { type ConsoleRig, failureShot, shot } from './console-harness.ts';
import { openScannerCounter } from './scanner-counter.ts';

/*
 * The mess scanner keeps to WCAG 2.1 A/AA (axe-core) on every screen, in the phone's light and dark
 * schemes (issue 54 item 21: its DENIED screen read at 4.27:1, and it had no dark theme). One phone
 * walks the screens in one page; each is judged in light, then dark, switched in place.
 */
const SCANNER = 'counter@example.com';
let rig: ConsoleRig;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  // The worker's app, in an organization of this file's own; a cycle that Asha paid and Ravi did not.
  const counter = await openScannerCounter({
    org: 'scanner-a11y',
    scanner: SCANNER,
    viewport: { width: 412, height: 915 },
  });
  ({ rig, context, page } = counter);
  for (const [name, rollNumber, paid] of [
    ['Asha Verma', '21CS042', true],
    ['Ravi Kumar', '21ME007', false],
  ] as const) {
    const student = await counter.call('post', '/api/mess/students', { name, rollNumber, room: 'B-12' });
    await counter.call('post', '/api/mess/students/actions/approve', { ids: [student.id] });
    if (paid)
      await counter.call('post', `/api/mess/students/${student.id}/cash-payments`, {
        cycleId: counter.cycleId,
        amountMinor: 300_000,
      });
  }
});

afterAll(async () => {
  await context?.close();
  await rig?.close();
});

/** The result panel once it shows a verdict for a scan other than the one before. */
async function typeRoll(roll: string) {
  const previous = await page.locator('#result').getAttribute('data-nonce');
  await page.getByLabel('Roll number').fill(roll);
  await page.getByRole('button', { name: 'Check' }).click();
  await page.waitForFunction((prev) => {
    const result = document.getElementById('result')?.dataset;
    return result?.nonce !== undefined && result.nonce !== prev && result.decision !== 'pending';
  }, previous);
}

describe('accessibility of the mess scanner (axe-core, WCAG 2.1 A/AA)', () => {
  it('breaks no rule on any screen, light or dark: sign-in, its error, idle, ALLOWED, DENIED, the menu, offline with a queue', async () => {
    const problems: string[] = [];
    const judge = async (name: string) =>
      problems.push(
        ...(await problemsInEachScheme(page, name, {
          seen: (scheme: Scheme) => shot(page, `a11y-scanner-${scheme}-${name}`, { fullPage: true }),
        })),
      );
    try {
      await page.goto('/scanner/');
      await page.getByLabel('E-mail').waitFor();
      await judge('sign-in');
      await page.getByLabel('E-mail').fill(SCANNER);
      await page.getByLabel('Password').fill('not the password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.locator('#login-error').innerText()).not.toBe('');
      await judge('sign-in-refused');

      await page.getByLabel('Password').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Student list from').waitFor();
      await judge('idle');

      await typeRoll('21CS042');
      expect(await page.getByTestId('decision').innerText()).toContain('ALLOWED');
      await expect.poll(() => page.locator('#result').getAttribute('data-synced')).toBe('sent');
      await judge('allowed');

      await typeRoll('21ME007');
      expect(await page.getByTestId('decision').innerText()).toContain('DENIED');
      await expect.poll(() => page.locator('#result').getAttribute('data-synced')).toBe('sent');
      await judge('denied');

      await page.getByLabel('menu').click();
      await page.locator('.menu-body').waitFor();
      await judge('menu');
      await page.getByLabel('menu').click();

      await context.setOffline(true);
      await page.getByTestId('offline-banner').waitFor();
      await typeRoll('NOBODY-1');
      await expect.poll(() => page.getByTestId('queued').getAttribute('data-count')).toBe('1');
      await judge('offline-queued');
      await context.setOffline(false);
      await expect.poll(() => page.getByTestId('queued').getAttribute('data-count')).toBe('0');
    } catch (e) {
      await failureShot(page, 'failed-a11y-scanner');
      throw e;
    }
    expect(problems.join('\n\n')).toBe('');
  }, 180_000);
});
