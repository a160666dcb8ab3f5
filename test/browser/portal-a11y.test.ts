import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MomoSandbox, startMomoSandbox } from '../../src/channels/momo/index.ts';
import { checkAlerts } from '../../src/modules/prepaid/alerts.ts';
import { createAccount, createMeter, createTariff } from '../../src/modules/prepaid/meters.ts';
import type { PrepaidRuntime } from '../../src/modules/prepaid/prepaid.runtime.ts';
import { startPurchase } from '../../src/modules/prepaid/purchases.ts';
import { recordReading } from '../../src/modules/prepaid/readings.ts';
import { orgCtx } from '../factories/org.ts';
import { portalCodeCaughtFor } from '../support/outbox-secrets.ts';
import { problemsInEachScheme, type Scheme } from './axe.ts';
import { type ConsoleRig, failureShot, shot, startConsoleRig } from './console-harness.ts';

/*
 * The prepaid portal keeps to WCAG 2.1 A/AA (axe-core) on every screen, in the phone's light and dark
 * schemes (issue 54 item 21: it had no dark theme). An institution's owner walks the screens in one
 * page: sign-in and its refusal, home (use per day, totals, history, settings, requests, statements,
 * people, and the low-balance alert when one is raised), buying, the wait for MoMo, the token,
 * sign-up. Each is judged in light, then dark, switched in place.
 */
const PHONE = '+250788500111';
const DAY = 86_400_000;
let momo: MomoSandbox;
let rig: ConsoleRig;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  momo = await startMomoSandbox({ dropCallbacks: true });
  rig = await startConsoleRig({
    env: {
      // The codes go by e-mail through the sandbox's caught-mail server; MoMo is this test's stand-in.
      OPSDESK_SANDBOX: 'true',
      MOMO_BASE_URL: momo.url,
      MOMO_SUBSCRIPTION_KEY: momo.subscriptionKey,
      MOMO_API_USER: momo.apiUser,
      MOMO_API_KEY: momo.apiKey,
      MOMO_TARGET_ENVIRONMENT: momo.targetEnvironment,
    },
  });
  await rig.app.startWorker();
  const ctx = await orgCtx(rig.app);
  const rt = rig.app.runtimeOf('prepaid') as PrepaidRuntime;
  await createTariff(ctx, {
    category: 'residential',
    currency: 'RWF',
    tiers: [{ uptoKwh: null, priceMinorPerKwh: 100 }],
    feeMinor: 0,
    taxBasisPoints: 0,
    effectiveFrom: new Date('2020-01-01T00:00:00Z'),
  });
  const school = await createAccount(ctx, {
    kind: 'institution',
    name: 'Green Hills School',
    phone: PHONE,
    channel: { name: 'email', to: 'bursar@greenhills.example' },
  });
  const now = Date.now();
  for (const [i, m] of [
    { number: 'SCH-1', building: 'Block A', department: 'Science' },
    { number: 'SCH-2', building: 'Dormitory', department: '' },
  ].entries()) {
    const meter = await createMeter(ctx, rig.app.config.OPSDESK_SECRET_KEY, { accountId: school.id, ...m });
    let register = 0;
    for (let d = 10; d >= 0; d--) {
      await recordReading(ctx, {
        meterNumber: m.number,
        readAt: new Date(now - d * DAY),
        registerTenths: register,
        source: 'api',
      });
      register += 20 + ((d * 7) % 30);
    }
    // The first meter bought (its token is in the history); the dormitory bought 40 kWh before its
    // 34.5 kWh of use, so it runs low (issue 54 item 7: a meter that bought nothing is no trusted low).
    if (i === 0)
      await startPurchase(ctx, rt, { meterId: meter.id, method: 'cash', amountMinor: 9000, currency: 'RWF' });
    else
      await startPurchase({ ...ctx, clock: { now: () => new Date(now - 10 * DAY - 3_600_000) } }, rt, {
        meterId: meter.id,
        method: 'cash',
        amountMinor: 4000,
        currency: 'RWF',
      });
  }
  await checkAlerts(ctx, rt);
  context = await rig.browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    baseURL: rig.baseUrl,
    locale: 'en-US',
  });
  context.setDefaultTimeout(20_000);
  page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[portal] ${err.message}`));
}, 120_000);

afterAll(async () => {
  await context?.close();
  await rig?.close();
  await momo?.close();
});

describe('accessibility of the prepaid portal (axe-core, WCAG 2.1 A/AA)', () => {
  it('breaks no rule on any screen, light or dark: sign-in, a refused code, home, buying, paying, the token, sign-up', async () => {
    const problems: string[] = [];
    const judge = async (name: string) =>
      problems.push(
        ...(await problemsInEachScheme(page, name, {
          seen: (scheme: Scheme) => shot(page, `a11y-portal-${scheme}-${name}`, { fullPage: true }),
        })),
      );
    try {
      await page.goto('/portal/default/');
      await page.getByLabel('Phone number').fill(PHONE);
      await page.getByLabel('Meter number').fill('SCH-1');
      await judge('sign-in');
      await page.getByRole('button', { name: 'Send me a code' }).click();
      await page.getByText('a code is on its way').waitFor();
      await page.getByLabel('Code').fill('000000');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('.error:not(:empty)').first().waitFor();
      await judge('code-refused');

      await page.getByLabel('Code').fill(await portalCodeCaughtFor(rig.app, 'bursar@greenhills.example'));
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Hello, Green Hills School' }).waitFor();
      await page.getByTestId('history').waitFor();
      const requests = page.getByTestId('meter-requests');
      await requests.getByLabel('Meter number').fill('SCH-9');
      await requests.getByRole('button', { name: 'Ask to add it' }).click();
      await page.getByTestId('meter-requests').getByText('Waiting for staff').waitFor();
      await judge('home');

      await page.getByRole('button', { name: 'Buy electricity' }).first().click();
      await page.getByLabel('Amount (RWF)').fill('1,000');
      await page.getByRole('button', { name: 'See the price' }).click();
      const quote = page.getByTestId('quote');
      await quote.getByText(/You get \d+\.\d kWh/).waitFor();
      await judge('quote');

      await quote.getByRole('button', { name: /^Pay RWF/ }).click();
      const request = await momo.waitForRequestToPay((r) => r.payer.partyId === '250788500111', 20_000);
      await page.getByText('Check your phone and approve the payment').waitFor();
      await judge('paying');
      await momo.settle(request.referenceId, 'SUCCESSFUL');
      await momo.sendCallback(request.referenceId, { url: `${rig.baseUrl}/webhooks/momo` });
      await page.getByTestId('token').waitFor();
      await judge('token');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'New customer? Sign up' }).click();
      await page.getByLabel('Your name').waitFor();
      await judge('sign-up');
    } catch (e) {
      await failureShot(page, 'failed-a11y-portal');
      throw e;
    }
    expect(problems.join('\n\n')).toBe('');
  }, 240_000);
});
