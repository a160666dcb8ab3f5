import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MomoSandbox, startMomoSandbox } from '../../src/channels/momo/index.ts';
import { portalCodeCaughtFor } from '../support/outbox-secrets.ts';
import type { ApiClient } from '../support/test-app.ts';
import { type ConsoleRig, shot, startConsoleRig } from './console-harness.ts';

/*
 * The prepaid customer portal on a phone, in Debian's Chromium against the real app and the MTN
 * MoMo stand-in on 127.0.0.1 (real request-to-pay and callback wire format): sign in with phone,
 * meter number and the one-time code; quote; pay; the token appears, grouped and copyable.
 */
const PHONE = '+250788000111';
const METER = 'KGL-0001';
const PHONE_SIZE = { width: 390, height: 844 };

let momo: MomoSandbox;
let rig: ConsoleRig;
let staff: ApiClient;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  momo = await startMomoSandbox({ dropCallbacks: true });
  rig = await startConsoleRig({
    env: {
      // The codes go by e-mail: the sandbox's caught-mail server sends them (MoMo stays this test's own).
      OPSDESK_SANDBOX: 'true',
      MOMO_BASE_URL: momo.url,
      MOMO_SUBSCRIPTION_KEY: momo.subscriptionKey,
      MOMO_API_USER: momo.apiUser,
      MOMO_API_KEY: momo.apiKey,
      MOMO_TARGET_ENVIRONMENT: momo.targetEnvironment,
    },
  });
  await rig.app.createStaff({ email: 'vendor@example.com', role: 'owner' });
  staff = await rig.app.signIn('vendor@example.com');
  await rig.app.startWorker();
  const tariff = await staff.post('/api/prepaid/tariffs', {
    category: 'residential',
    currency: 'RWF',
    tiers: [
      { uptoKwh: 15, priceMinorPerKwh: 89 },
      { uptoKwh: 50, priceMinorPerKwh: 310 },
      { uptoKwh: null, priceMinorPerKwh: 369 },
    ],
    taxBasisPoints: 1800,
    effectiveFrom: '2020-01-01T00:00:00Z',
  });
  expect(tariff.statusCode, tariff.body).toBe(201);
  const account = await staff.post('/api/prepaid/accounts', {
    kind: 'household',
    name: 'Uwase household',
    phone: PHONE,
    channel: { name: 'email', to: 'uwase@example.com' },
  });
  expect(account.statusCode, account.body).toBe(201);
  const meter = await staff.post('/api/prepaid/meters', {
    accountId: account.json().id,
    number: METER,
    location: 'Kimironko',
  });
  expect(meter.statusCode, meter.body).toBe(201);
  context = await rig.browser.newContext({
    viewport: PHONE_SIZE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    baseURL: rig.baseUrl,
    locale: 'en-US',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: rig.baseUrl });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[portal] ${err.message}`));
}, 120_000);

afterAll(async () => {
  await context?.close();
  await rig?.close();
  await momo?.close();
});

/** The code the portal sent to the account's channel, opened from the outbox where it waits sealed. */
async function sentCode(): Promise<string> {
  return portalCodeCaughtFor(rig.app, 'uwase@example.com');
}

describe('prepaid customer portal', () => {
  it('signs in with a one-time code, quotes, pays through MoMo and shows the token once paid', async () => {
    await page.goto('/portal/default/');
    await page.getByLabel('Phone number').fill('+250 788 000 111');
    await page.getByLabel('Meter number').fill(METER.toLowerCase());
    await shot(page, 'prepaid-portal-1-sign-in');
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByText('a code is on its way').waitFor();
    await shot(page, 'prepaid-portal-1b-code');
    await page.getByLabel('Code').fill(await sentCode());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Hello, Uwase household' }).waitFor();
    await shot(page, 'prepaid-portal-2-meters');

    await page.getByRole('button', { name: 'Buy electricity' }).click();
    await page.getByLabel('Amount (RWF)').fill('1,000');
    await page.getByRole('button', { name: 'See the price' }).click();
    const quote = page.getByTestId('quote');
    await quote.getByText(/You get \d+\.\d kWh/).waitFor();
    await shot(page, 'prepaid-portal-3-quote');
    expect(await quote.getByLabel('Phone that pays').inputValue()).toBe(PHONE);
    await quote.getByRole('button', { name: /^Pay RWF/ }).click();

    const request = await momo.waitForRequestToPay((r) => r.payer.partyId === '250788000111', 20_000);
    await page.getByText('Check your phone and approve the payment').waitFor();
    await shot(page, 'prepaid-portal-4-approve');
    await momo.settle(request.referenceId, 'SUCCESSFUL');
    await momo.sendCallback(request.referenceId, { url: `${rig.baseUrl}/webhooks/momo` });

    const shown = page.getByTestId('token');
    await shown.waitFor();
    const { rows } = await rig.app.database.pool.query<{
      token: string;
      units_tenths: number;
      source: string;
    }>(
      `select t.token, t.units_tenths, p.source from prepaid_token t join prepaid_purchase p on p.id = t.purchase_id
        where t.payment_id = $1`,
      [request.referenceId],
    );
    expect(rows).toHaveLength(1);
    const stored = rows[0]!;
    expect(stored.source).toBe('portal');
    expect((await shown.innerText()).replace(/\s+/g, '')).toBe(stored.token);
    expect(await shown.locator('span').allInnerTexts()).toEqual(stored.token.match(/.{1,3}/g));
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(stored.token);
    await shot(page, 'prepaid-portal-5-token');

    await page.getByRole('button', { name: 'Back' }).click();
    const history = page.getByTestId('history');
    await history.getByText(stored.token.match(/.{1,3}/g)!.join(' ')).waitFor();
    await shot(page, 'prepaid-portal-6-history');
  });

  it('speaks Kinyarwanda and French, and a signed-out session reaches nothing', async () => {
    await page.getByLabel('Language').selectOption('rw');
    await page.getByRole('heading', { name: 'Muraho, Uwase household' }).waitFor();
    await shot(page, 'prepaid-portal-7-kinyarwanda');
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { name: 'Bonjour, Uwase household' }).waitFor();
    const session = await page.evaluate(() => sessionStorage.getItem('opsdesk.portal.default.session'));
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    const after = await rig.app.http.inject({
      method: 'GET',
      url: '/api/prepaid/portal/default/me',
      headers: { 'x-portal-session': session ?? '' },
    });
    expect(after.statusCode).toBe(401);
  });
  it('keeps what the customer typed when the seller arrives late or the language changes', async () => {
    // A slow line: the seller's name and time zone come after the customer has typed. The answer is
    // held until then, and names a zone other than the page's first guess, so the screen is drawn again.
    const late = await rig.browser.newContext({
      viewport: PHONE_SIZE,
      baseURL: rig.baseUrl,
      locale: 'en-US',
    });
    const phone = await late.newPage();
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await phone.route('**/api/prepaid/portal/default/vendor', async (route) => {
      await held;
      const vendor = await (await route.fetch()).json();
      await route.fulfill({ json: { ...vendor, timeZone: 'Africa/Kigali' } });
    });
    await phone.goto('/portal/default/');
    await phone.getByLabel('Phone number').fill('+250 788 000 111');
    await phone.getByLabel('Meter number').fill(METER);
    release();
    await expect.poll(() => phone.title()).not.toBe('Sign in · Electricity');
    expect(await phone.getByLabel('Phone number').inputValue()).toBe('+250 788 000 111');
    await phone.getByLabel('Language').selectOption('fr');
    await phone.getByRole('heading', { name: 'Connexion' }).waitFor();
    expect(await phone.getByLabel('Numéro du compteur').inputValue()).toBe(METER);
    await phone.getByRole('button', { name: 'Envoyez-moi un code' }).click();
    await phone.getByText('un code est en route').waitFor();
    await shot(phone, 'prepaid-portal-8-typed-kept');
    await late.close();
  });
});
