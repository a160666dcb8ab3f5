import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '../support/test-app.ts';
import { type ConsoleRig, failureShot, shot } from './console-harness.ts';
import { openScannerCounter } from './scanner-counter.ts';

/*
 * The mess scanner on a counter's laptop and on a phone (issue 66 items 4 and 6): nothing scrolls
 * sideways at 1366 or 375 px with its scan log full, and "हिन्दी" is drawn in the Devanagari face the
 * scanner ships, on a machine that has no Devanagari font of its own (this one has none).
 */
// Its own account: scanner-a11y's counter@ signs in to another organization of the worker's app.
const SCANNER = 'counter-layout@example.com';
let rig: ConsoleRig;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  // The worker's app, in an organization of this file's own.
  const counter = await openScannerCounter({
    org: 'scanner-layout',
    scanner: SCANNER,
    viewport: { width: 1366, height: 768 },
  });
  ({ rig, context, page } = counter);
  // A long name, as a hostel's register has them: the log's longest line.
  const student = await counter.call('post', '/api/mess/students', {
    name: 'Venkata Subrahmanya Lakshminarasimha Chandrasekharan Iyer',
    rollNumber: '21CS042',
    room: 'B-12',
  });
  await counter.call('post', '/api/mess/students/actions/approve', { ids: [student.id] });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await failureShot(page, 'failed-scanner-layout');
});

afterAll(async () => {
  await context?.close();
  await rig?.close();
});

async function typeRoll(roll: string) {
  const previous = await page.locator('#result').getAttribute('data-nonce');
  await page.getByLabel('Roll number').fill(roll);
  await page.getByRole('button', { name: 'Check' }).click();
  await page.waitForFunction((prev) => {
    const result = document.getElementById('result')?.dataset;
    return result?.nonce !== undefined && result.nonce !== prev && result.decision !== 'pending';
  }, previous);
}

/** How far the page reaches past the window's right edge, and which element reaches furthest. */
const sideways = () =>
  page.evaluate(() => {
    const widest = [...document.querySelectorAll<HTMLElement>('body *')]
      .map((el) => ({ el, right: el.getBoundingClientRect().right }))
      .sort((a, b) => b.right - a.right)[0];
    return {
      scrollWidth: document.scrollingElement!.scrollWidth,
      innerWidth: window.innerWidth,
      widest: widest ? `${widest.el.tagName}.${widest.el.className} ${Math.round(widest.right)}` : '',
    };
  });

describe('the mess scanner, laid out', () => {
  it('scrolls nothing sideways at 1366 and at 375 px with its scan log full', async () => {
    await page.goto('/scanner/');
    await page.getByLabel('E-mail').fill(SCANNER);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Student list from').waitFor();
    await typeRoll('21CS042');
    await typeRoll('21CS042');
    await typeRoll('NOBODY-WITH-A-VERY-LONG-ROLL-NUMBER-TYPED-AT-THE-COUNTER');
    await expect.poll(() => page.locator('#recent li').count()).toBe(3);
    for (const size of [
      { width: 1366, height: 768 },
      { width: 375, height: 667 },
    ]) {
      await page.setViewportSize(size);
      const measured = await sideways();
      await shot(page, `scanner-layout-${size.width}`, { fullPage: true });
      expect(measured.scrollWidth, `${size.width}: ${measured.widest}`).toBeLessThanOrEqual(
        measured.innerWidth,
      );
    }
  }, 120_000);

  it('draws "हिन्दी" in the Devanagari face it ships, on a machine without one', async () => {
    await page.setViewportSize({ width: 375, height: 667 });
    // A slow line: the font files arrive only after the page has drawn the word once (in Chromium,
    // text drawn while its face was loading could stay as boxes after the face arrived).
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/*.woff2', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/scanner/', { waitUntil: 'domcontentloaded' });
    const picker = page.getByRole('button', { name: 'हिन्दी' });
    await picker.waitFor();
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    release();
    await page.evaluate(() => document.fonts.ready);
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    // What Chromium actually drew the word with (not what the CSS asks for): a machine without a
    // Devanagari font draws it with whatever face it falls back to, as boxes.
    const cdp = await context.newCDPSession(page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', {
      nodeId: root.nodeId,
      selector: 'button.link',
    });
    const drawnWith = [];
    for (const nodeId of nodeIds) {
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      drawnWith.push(...fonts.map((f) => f.familyName));
    }
    expect(drawnWith).toContain('Noto Sans Devanagari');
    const loaded = await page.evaluate(() =>
      [...document.fonts]
        .filter((f) => f.family.replaceAll('"', '') === 'Noto Sans Devanagari' && f.status === 'loaded')
        .map((f) => f.weight),
    );
    expect(loaded.length).toBeGreaterThan(0);
    await shot(page, 'scanner-layout-hindi-picker');
  }, 60_000);
});
