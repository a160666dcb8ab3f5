import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drawRaffle } from '../../src/modules/raffle/draw.ts';
import type { RaffleRuntime } from '../../src/modules/raffle/raffle.runtime.ts';
import { closeRaffle } from '../../src/modules/raffle/raffles.ts';
import { orgCtx } from '../factories/org.ts';
import { createRaffle, createRaffleOrder } from '../factories/raffle.ts';
import { problemsInEachScheme, type Scheme } from './axe.ts';
import { type ConsoleRig, failureShot, sharedConsoleRig, shot } from './console-harness.ts';

/*
 * The raffle's public draw page keeps to WCAG 2.1 A/AA (axe-core) in the reader's light and dark
 * schemes (issue 54 item 21): before the draw, and after it with its ledger open, in English and in
 * Hindi (its own Devanagari font). Each is judged in light, then dark, switched in place.
 */
let rig: ConsoleRig;
let context: BrowserContext;
let page: Page;
let selling = '';
let drawn = '';

beforeAll(async () => {
  // The worker's app, in an organization of this file's own.
  rig = await sharedConsoleRig({ org: 'draw-page' });
  selling = (await createRaffle(rig.app, { title: 'Harvest raffle', prizes: ['Bike'] })).id;
  drawn = (await createRaffle(rig.app, { title: 'Spring raffle', prizes: ['Bike', 'Hamper'], maxNumber: 30 }))
    .id;
  for (const numbers of [[3, 4], [10], [22, 23]])
    await createRaffleOrder(rig.app, {
      raffleId: drawn,
      pick: { numbers },
      payment: 'paid',
      name: 'Ana Ruiz',
    });
  const ctx = await orgCtx(rig.app);
  await closeRaffle(ctx, drawn);
  await drawRaffle(ctx, rig.app.runtimeOf('raffle') as RaffleRuntime, drawn);
  context = await rig.browser.newContext({
    viewport: { width: 390, height: 844 },
    baseURL: rig.baseUrl,
    locale: 'en-US',
  });
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[draw page] ${err.message}`));
});

afterAll(async () => {
  await context?.close();
  await rig?.close();
});

describe('accessibility of the public draw page (axe-core, WCAG 2.1 A/AA)', () => {
  it('breaks no rule before or after the draw, in English and Hindi, light or dark', async () => {
    const problems: string[] = [];
    const judge = async (name: string) =>
      problems.push(
        ...(await problemsInEachScheme(page, name, {
          seen: (scheme: Scheme) => shot(page, `a11y-draw-${scheme}-${name}`, { fullPage: true }),
        })),
      );
    try {
      await page.goto(`/public/raffles/${selling}/draw?format=html`);
      await page.getByRole('heading', { name: 'Harvest raffle' }).waitFor();
      await judge('not-drawn');

      await page.goto(`/public/raffles/${drawn}/draw?format=html`);
      await page.locator('[data-verdict="match"]').waitFor();
      // The algorithm and the ledger, opened: what a reader checking the draw reads.
      for (const summary of await page.locator('summary').all()) await summary.click();
      await page.locator('pre').first().waitFor();
      await judge('drawn');

      await page.goto(`/public/raffles/${drawn}/draw?format=html&lang=hi`);
      await page.locator('html[lang="hi"]').waitFor();
      await page.evaluate(() => document.fonts.ready);
      await judge('drawn-hi');
    } catch (e) {
      await failureShot(page, 'failed-a11y-draw');
      throw e;
    }
    expect(problems.join('\n\n')).toBe('');
  });
});
