import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/test-app.ts';
import { TEST_PASSWORD } from '../support/test-app.ts';
import { middayZone } from '../support/test-clock.ts';
import { type ConsoleRig, failureShot, sharedConsoleRig, shot } from './console-harness.ts';

/*
 * The mess scanner on a counter's laptop and on a phone (issue 66 items 4 and 6): nothing scrolls
 * sideways at 1366 or 375 px with its scan log full, and "हिन्दी" is drawn in the Devanagari face the
 * scanner ships, on a machine that has no Devanagari font of its own (this one has none).
 */
// Its own account: scanner-a11y's counter@ signs in to another organization of the worker's app.
const SCANNER = 'counter-layout@example.com';
let rig: ConsoleRig;
let owner: ApiClient;
let context: BrowserContext;
let page: Page;

async function call(method: 'post' | 'patch', url: string, body: unknown) {
  const res = await owner[method](url, body);
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  // The worker's app, in an organization of this file's own.
  rig = await sharedConsoleRig({ org: 'scanner-layout' });
  await rig.app.createStaff({ email: 'warden@example.com', role: 'owner' });
  await rig.app.createStaff({ email: SCANNER, role: 'scanner' });
  owner = await rig.app.signIn('warden@example.com');
  await call('patch', '/api/org', { timeZone: middayZone() });
  await call('post', '/api/mess/meals', { name: 'All-day meal', start: '00:00', end: '23:59' });
  await call('post', '/api/mess/cycles', {
    name: 'This month',
    from: day(-3),
    to: day(27),
    feeMinor: 300_000,
    currency: 'USD',
  });
  // A long name, as a hostel's register has them: the log's longest line.
  const student = await call('post', '/api/mess/students', {
    name: 'Venkata Subrahmanya Lakshminarasimha Chandrasekharan Iyer',
    rollNumber: '21CS042',
    room: 'B-12',
  });
  await call('post', '/api/mess/students/actions/approve', { ids: [student.id] });
  context = await rig.browser.newContext({
    baseURL: rig.baseUrl,
    viewport: { width: 1366, height: 768 },
    locale: 'en-US',
  });
  context.setDefaultTimeout(20_000);
  await context.addInitScript(() =>
    localStorage.setItem('opsdesk.scanner.prefs', JSON.stringify({ camera: false, sound: false })),
  );
  page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[scanner] ${err.message}`));
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
