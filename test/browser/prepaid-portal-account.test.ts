import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAlerts } from '../../src/modules/prepaid/alerts.ts';
import { createAccount, createMeter, createTariff } from '../../src/modules/prepaid/meters.ts';
import type { PrepaidRuntime } from '../../src/modules/prepaid/prepaid.runtime.ts';
import { startPurchase } from '../../src/modules/prepaid/purchases.ts';
import { recordReading } from '../../src/modules/prepaid/readings.ts';
import { orgCtx } from '../factories/org.ts';
import { portalCodeCaughtFor } from '../support/outbox-secrets.ts';
import { type ConsoleRig, shot, startConsoleRig } from './console-harness.ts';

/*
 * The portal's account screens on a phone in Debian's Chromium: an institution sees its alerts,
 * each meter's use per day, totals per building, changes its alert settings, downloads its monthly
 * statement and asks for another meter; a stranger signs up with a code to their e-mail.
 */
const PHONE = '+250788400111';
const PHONE_SIZE = { width: 390, height: 844 };
const DAY = 86_400_000;

let rig: ConsoleRig;
let context: BrowserContext;
let page: Page;
let accountId: string;
/** When the meters were topped up: an hour after their first reading, a fortnight ago. */
let boughtAt = 0;

beforeAll(async () => {
  // The sign-up's code goes by e-mail, which needs a relay that can send: the sandbox's.
  rig = await startConsoleRig({ env: { OPSDESK_SANDBOX: 'true' } });
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
  accountId = school.id;
  const secret = rig.app.config.OPSDESK_SECRET_KEY;
  const now = Date.now();
  boughtAt = now - 14 * DAY + 3_600_000;
  const meters = [
    { number: 'SCH-1', building: 'Block A', department: 'Science' },
    { number: 'SCH-2', building: 'Block A', department: 'Science' },
    { number: 'SCH-3', building: 'Dormitory', department: '' },
  ];
  for (const [i, m] of meters.entries()) {
    const meter = await createMeter(ctx, secret, { accountId, ...m });
    await recordReading(ctx, {
      meterNumber: m.number,
      readAt: new Date(now - 14 * DAY),
      registerTenths: 0,
      source: 'api',
    });
    // Bought before the fortnight's use, as a meter is: 90 kWh each; the dormitory 58 kWh, which
    // its 50 kWh of use leaves low (a trusted estimate: the meters do not say their balance).
    const soldAt = { ...ctx, clock: { now: () => new Date(boughtAt) } };
    await startPurchase(soldAt, rt, {
      meterId: meter.id,
      method: 'cash',
      amountMinor: i === 2 ? 5800 : 9000,
      currency: 'RWF',
    });
    let register = 0;
    for (let d = 13; d >= 0; d--) {
      register += 20 + ((d * 7 + i * 13) % 30);
      await recordReading(ctx, {
        meterNumber: m.number,
        readAt: new Date(now - d * DAY),
        registerTenths: register,
        source: 'api',
      });
    }
  }
  await checkAlerts(ctx, rt); // the dormitory's balance runs low
  context = await rig.browser.newContext({
    viewport: PHONE_SIZE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    baseURL: rig.baseUrl,
    locale: 'en-US',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[portal] ${err.message}`));
}, 120_000);

afterAll(async () => {
  await context?.close();
  await rig?.close();
});

async function codeSentTo(address: string): Promise<string> {
  return portalCodeCaughtFor(rig.app, address);
}

describe('prepaid portal account screens', () => {
  it('shows an institution its alerts, use per day, totals per building; saves alert settings; downloads the statement; asks for a meter', async () => {
    await page.goto('/portal/default/');
    await page.getByLabel('Phone number').fill(PHONE);
    await page.getByLabel('Meter number').fill('SCH-1');
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByLabel('Code').fill(await codeSentTo('bursar@greenhills.example'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Hello, Green Hills School' }).waitFor();

    await page.getByTestId('alerts').getByText('Meter SCH-3 is running low').waitFor();
    const chart = page.getByTestId('usage-SCH-1').locator('svg rect');
    await chart.first().waitFor({ state: 'attached' });
    expect(await chart.count()).toBe(30);
    const totals = page.getByTestId('institution');
    // Bought this month: the fortnight-old top-ups, unless the month began since (the default org is on UTC).
    const thisMonth = new Date(boughtAt).getUTCMonth() === new Date().getUTCMonth();
    expect(await totals.locator('tbody tr').allInnerTexts()).toEqual([
      expect.stringMatching(new RegExp(`^Block A · Science\\s+2\\s+${thisMonth ? '180\\.0' : '0\\.0'}`)),
      expect.stringMatching(new RegExp(`^Dormitory\\s+1\\s+${thisMonth ? '58\\.0' : '0\\.0'}`)),
    ]);
    await shot(page, 'prepaid-portal-account-1-home');
    await totals.scrollIntoViewIfNeeded();
    await shot(page, 'prepaid-portal-account-2-institution');

    const settings = page.getByTestId('alert-settings');
    await settings.getByLabel('Warn me when this many days are left').fill('6');
    await settings.getByLabel('Unusual use').fill('250');
    await settings.getByRole('button', { name: 'Save' }).click();
    await settings.getByText('Saved').waitFor();
    const { rows } = await rig.app.database.pool.query(
      'select alert_low_days, alert_unusual_percent from prepaid_account where id = $1',
      [accountId],
    );
    expect(rows[0]).toEqual({ alert_low_days: 6, alert_unusual_percent: 250 });
    await settings.scrollIntoViewIfNeeded();
    await shot(page, 'prepaid-portal-account-3-settings');

    const statements = page.getByTestId('statements');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      statements.getByRole('button', { name: 'Download PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^statement-\d{4}-\d{2}\.pdf$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');

    const requests = page.getByTestId('meter-requests');
    await requests.getByLabel('Meter number').fill('sch-9');
    await requests.getByRole('button', { name: 'Ask to add it' }).click();
    await page.getByTestId('meter-requests').getByText('Waiting for staff').waitFor();
    await page.getByTestId('meter-requests').scrollIntoViewIfNeeded();
    await shot(page, 'prepaid-portal-account-4-requests');
  });

  it('signs a stranger up with a code to their e-mail; the meter waits for staff', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'New customer? Sign up' }).click();
    await page.getByLabel('Your name').fill('Ineza Grace');
    await page.getByLabel('Phone number').fill('+250 788 400 222');
    await page.getByLabel('Meter number').fill('KGL-7777');
    await page.getByLabel('E-mail address').fill('ineza@example.com');
    await shot(page, 'prepaid-portal-account-5-sign-up');
    await page.getByRole('button', { name: 'Send me a code' }).click();
    await page.getByText('A code is on its way to you.').waitFor();
    await page.getByLabel('Code').fill(await codeSentTo('ineza@example.com'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Your meter KGL-7777 will appear here once staff have checked it.').waitFor();
    await page.getByText('No meter on your account yet.').waitFor();
    await page.getByTestId('meter-requests').getByText('KGL-7777').waitFor();
    await shot(page, 'prepaid-portal-account-6-signed-up');
    const { rows } = await rig.app.database.pool.query(
      `select a.name, a.channel_to, r.status, r.reason from prepaid_meter_request r join prepaid_account a on a.id = r.account_id
        where r.meter_number = 'KGL-7777'`,
    );
    expect(rows).toEqual([
      { name: 'Ineza Grace', channel_to: 'ineza@example.com', status: 'waiting', reason: 'unknown_meter' },
    ]);
  });
});
