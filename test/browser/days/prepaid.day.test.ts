import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src/app/demo-seed.ts';
import type { PrepaidTables } from '../../../src/modules/prepaid/prepaid.tables.ts';
import { portalCodeCaughtFor } from '../../support/outbox-secrets.ts';
import { pdfTextRuns } from '../../support/pdf-text.ts';
import { TEST_PASSWORD } from '../../support/test-app.ts';
import { expectAccessible } from '../axe.ts';
import { type ConsoleRig, failureShot, shot, startConsoleRig } from '../console-harness.ts';
import { codesOnRecordPages } from '../screen-words.ts';

/** The demo's electricity vendor (the demo is one organization per business). */
const ORG = 'power';

/*
 * A vendor clerk's day at the electricity counter, in Chromium on the demo data with the sandbox
 * playing MTN MoMo (the payer answers on the console's sandbox phone, nothing approves by itself):
 * find a meter, quote, sell for cash, sell by MoMo, reprint a receipt, check a token a customer
 * typed, open the meter's page, and refund part of a sale (issue 62: the token warning, an undo, a
 * second person's approval, the customer told). Issue 41: every record page of the day (the meter, the customer,
 * the sales, the tariff, an alert, a reading, a sign-up, a token) reads in words in English and
 * another language by turns, never a key, a code or an id.
 */
let rig: ConsoleRig;
let context: BrowserContext;
let page: Page;
let cashToken = '';
/** What the cash sale charged: the sum of its quote's lines. */
let cashCharge = 0;
/** The digits of an amount on screen (`RWF 4,984` → 4984). */
const amount = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));
let counterUrl = '';
let failedPurchaseUrl = '';
let meterUrl = '';

/** A browser signed in to the power organization as `email`, in English. */
async function signedIn(email: string): Promise<BrowserContext> {
  const login = await rig.app.http.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password: TEST_PASSWORD, org: ORG },
  });
  const session = login.cookies.find((c) => c.name === 'opsdesk_session');
  if (!session) throw new Error(`sign-in failed: ${login.statusCode} ${login.body}`);
  const signed = await rig.browser.newContext({
    viewport: { width: 1280, height: 900 },
    baseURL: rig.baseUrl,
    locale: 'en-US',
  });
  signed.setDefaultTimeout(30_000);
  await signed.addCookies([{ name: session.name, value: session.value, url: rig.baseUrl, httpOnly: true }]);
  return signed;
}

beforeAll(async () => {
  rig = await startConsoleRig({
    env: { OPSDESK_SANDBOX: 'true', OPSDESK_SANDBOX_AUTO_APPROVE_SECONDS: '0' },
  });
  await seedDemo(rig.app);
  await rig.app.createStaff({ email: 'clerk@example.com', role: 'ops', org: ORG });
  // The owner reads the texts the sandbox's network carried (they hold tokens: owners and admins only).
  await rig.app.createStaff({ email: 'owner-day@example.com', role: 'owner', org: ORG });
  await rig.app.startWorker();
  context = await signedIn('clerk@example.com');
  page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[browser] ${err.message}`));
  await page.goto('/console/');
  await page.getByText('Welcome,').waitFor();
}, 180_000);

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail')
    await failureShot(page, `prepaid-day-failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await rig?.close();
});

/** A PDF the console links to, fetched with the clerk's session: its type, page width in points and text. */
async function pdfAt(href: string) {
  const res = await context.request.get(href);
  const bytes = await res.body();
  const body = bytes.toString('latin1');
  return {
    type: res.headers()['content-type'],
    width: Number(/\/MediaBox \[0 0 ([\d.]+)/.exec(body)?.[1]),
    text: pdfTextRuns(bytes).join(' ').replace(/\s+/g, ' '),
  };
}

/** Switches the console's language in its app bar (the choice is kept for the next pages). */

describe("a vendor clerk's day at the electricity counter", () => {
  it('finds the customer’s meter by the phone they give', async () => {
    await page.click('[data-nav="page:/prepaid/counter"]');
    await page.getByRole('heading', { name: 'Sales counter' }).first().waitFor();
    await page.getByLabel('Meter number, account, phone or name').fill('788000111');
    const match = page
      .getByTestId('counter-matches')
      .getByRole('button', { name: /KGL-0001 · Uwase household/ });
    await match.waitFor();
    await shot(page, 'prepaid-day-1-find');
    await expectAccessible(page, 'the counter, finding a meter');
    await match.click();
    const meter = page.getByTestId('counter-meter');
    await meter.getByRole('heading', { name: 'KGL-0001' }).waitFor();
    expect(await meter.textContent()).toContain('+250788000111');
    counterUrl = new URL(page.url()).pathname + new URL(page.url()).search;
    expect(counterUrl).toMatch(/\/console\/prepaid\/counter\?meter=/);
  });

  it('quotes by units and by amount, with the tariff’s blocks and tax', async () => {
    await page.getByRole('button', { name: 'By units' }).click();
    await page.getByLabel('Units (kWh)').fill('10');
    const total = page.getByTestId('counter-quote-total');
    await total.getByText('10.0 kWh').waitFor();
    await page.getByRole('button', { name: 'By amount' }).click();
    await page.getByLabel('Amount (RWF)').fill('5000');
    const quote = page.getByTestId('counter-quote');
    // 5,000 handed over rarely buys whole tenths costing exactly 5,000 (issue 41, item 1): the
    // total is the sum of the lines shown, and the rest is change to give back, on its own line.
    const change = quote.getByTestId('counter-quote-change');
    await change.waitFor();
    expect(await change.textContent()).toMatch(/Change from RWF\s?5,000/);
    // The demo's residential tariff: 18 % tax, blocks priced 89, 310 and 369 a kWh.
    await quote.getByRole('cell', { name: 'Tax' }).waitFor();
    expect(await quote.locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(await quote.textContent()).toMatch(/RWF\s?369/);
    const lines = await quote.locator('tbody tr td:last-child').allTextContents();
    cashCharge = amount(await total.locator('td').last().textContent());
    expect(lines.reduce((sum, l) => sum + amount(l), 0)).toBe(cashCharge);
    expect(cashCharge + amount(await change.locator('td').last().textContent())).toBe(5000);
    await shot(page, 'prepaid-day-2-quote');
    await expectAccessible(page, 'the counter with a quote');
  });

  it('sells for cash: the token large and grouped, with receipts for A4, 80 mm and 58 mm', async () => {
    const take = page.getByRole('button', { name: /^Take RWF\s?[\d,]+ in cash$/ });
    expect(amount(await take.textContent())).toBe(cashCharge);
    await take.click();
    const digits = page.getByTestId('counter-token-digits');
    await digits.waitFor();
    cashToken = (await digits.textContent()) ?? '';
    await expectAccessible(page, 'the counter with a token');
    expect(cashToken).toMatch(/^\d{3}( \d{3})+$/);
    await shot(page, 'prepaid-day-3-cash-token');
    const card = page.getByTestId('counter-token');
    for (const [name, width] of [
      ['Print on A4', 595.28],
      ['Receipt printer 80 mm', 226.77],
      ['Receipt printer 58 mm', 164.41],
    ] as const) {
      const href = await card.getByRole('link', { name }).getAttribute('href');
      const pdf = await pdfAt(href!);
      expect(pdf.type).toBe('application/pdf');
      expect(pdf.width).toBeCloseTo(width, 1);
      // Its footer names the meter and the token's count, not the sale's id (issue 54, item 10).
      const saleId = /purchases\/([^/]+)\/receipt/.exec(href!)![1]!;
      expect(pdf.text, `${name}: ${pdf.type} ${pdf.width}`).toMatch(/Indango: KGL-0001\/\d+/);
      expect(pdf.text).not.toContain(saleId);
    }
    await card.getByRole('button', { name: 'Send the token to the customer again' }).click();
    await page.getByText('The token is on its way to the customer again.').waitFor();
    await card.getByRole('button', { name: 'New sale' }).click();
  });

  it('sells by MoMo: the payer approves on the sandbox phone while the counter waits', async () => {
    await page.getByLabel('Amount (RWF)').fill('3000');
    await page
      .getByTestId('counter-quote-total')
      .getByText(/RWF\s?[\d,]+/)
      .waitFor();
    await page.getByRole('radio', { name: 'MTN MoMo' }).check();
    // Mobile money takes the total only: what 3,000 leaves over is not asked of the payer, it is no
    // change to hand back (issue 54, item 10: "Change from RWF 3,000: RWF 38" on a MoMo sale).
    const leftOver = page.getByTestId('counter-quote-change');
    await leftOver.getByText(/^Not asked of the payer/).waitFor();
    expect(await leftOver.textContent()).not.toContain('Change from');
    await shot(page, 'prepaid-day-4a-momo-no-change');
    await expect.poll(() => page.getByLabel("Payer's phone").inputValue()).toBe('+250788000111');
    await page.getByRole('button', { name: /Ask \+250788000111 to pay RWF\s?[\d,]+/ }).click();
    const waiting = page.getByTestId('counter-waiting');
    await waiting.getByText('Waiting for the payer to approve on +250788000111').waitFor();
    await shot(page, 'prepaid-day-4-momo-waiting');
    await expectAccessible(page, 'the counter waiting for the payer');

    const [phone] = await Promise.all([
      context.waitForEvent('page'),
      waiting.getByRole('link', { name: 'Open the sandbox phone' }).click(),
    ]);
    const request = phone
      .getByTestId('phone-request')
      .filter({ hasText: 'Electricity, meter KGL-0001' })
      .first();
    await request.waitFor();
    // the phone is asked for the quote's total, the sum of its lines (issue 41, item 1), written as
    // money, from the payer's number as people write it (issue 54, item 10: "RWF 2962", "250788000111")
    const asked = (await request.textContent()) ?? '';
    expect(asked).toMatch(/RWF\s\d,\d{3}(?!\d)/);
    expect(asked).toContain('Request to pay from +250 788 000 111');
    await request.getByRole('button', { name: 'Approve' }).click();
    await phone.locator('[data-testid="phone-request"][data-status="approved"]').first().waitFor();
    await shot(phone, 'prepaid-day-5-sandbox-phone-approved');
    await expectAccessible(phone, 'the sandbox phone');
    await phone.close();

    const digits = page.getByTestId('counter-token-digits');
    await digits.waitFor({ timeout: 30_000 });
    expect(await digits.textContent()).not.toBe(cashToken);
    expect(await page.getByTestId('counter-token').textContent()).toMatch(
      /Paid: RWF\s?[\d,]+ for [\d.]+ kWh/,
    );
    await shot(page, 'prepaid-day-6-momo-token');

    // The payer, at the meter with a phone no chat or e-mail reaches, gets the same token by SMS
    // (issue 65), on the sandbox phone (as its owner sees it: the clerk is not shown texts).
    const token = ((await digits.textContent()) ?? '').replace(/\D/g, '');
    const owner = await signedIn('owner-day@example.com');
    const payerPhone = await owner.newPage();
    await payerPhone.goto('/console/sandbox/phone');
    const texts = payerPhone.getByTestId('phone-sms-text');
    await expect
      .poll(async () => (await texts.allTextContents()).some((t) => t.replace(/\D/g, '').includes(token)), {
        timeout: 30_000,
      })
      .toBe(true);
    const tokenSms = (await texts.allInnerTexts()).find((t) => t.replace(/\D/g, '').includes(token));
    // In the meter owner's Kinyarwanda, the token grouped as the keypad takes it.
    expect(tokenSms).toMatch(/^Mubazi KGL-0001\nTokeni \d{3}( \d{3})+\n/);
    await shot(payerPhone, 'prepaid-day-6b-token-sms-on-the-payer-phone');
    await owner.close();
  });

  it('says in words why a MoMo payment failed when the payer declines, and offers to try again', async () => {
    await page.getByTestId('counter-token').getByRole('button', { name: 'New sale' }).click();
    await page.getByLabel('Amount (RWF)').fill('1000');
    await page.getByRole('radio', { name: 'MTN MoMo' }).check();
    await page.getByRole('button', { name: /Ask \+250788000111 to pay RWF\s?[\d,]+/ }).click();
    const waiting = page.getByTestId('counter-waiting');
    await waiting.waitFor();
    const [phone] = await Promise.all([
      context.waitForEvent('page'),
      waiting.getByRole('link', { name: 'Open the sandbox phone' }).click(),
    ]);
    await phone
      .locator('[data-testid="phone-request"][data-status="pending"]')
      .filter({ hasText: 'Electricity, meter KGL-0001' })
      .first()
      .getByRole('button', { name: 'Decline' })
      .click();
    const declined = phone.locator('[data-testid="phone-request"][data-status="failed"]').first();
    await declined.waitFor();
    // The sandbox phone says why in words too, never MoMo's code (issue 54, item 10).
    expect(await declined.getByTestId('phone-reason').textContent()).toBe('The payer declined it.');
    expect(await declined.textContent()).not.toContain('APPROVAL_REJECTED');
    await shot(phone, 'prepaid-day-6a-sandbox-phone-declined');
    await phone.close();
    // MoMo says APPROVAL_REJECTED; the clerk reads what happened, not the provider's code.
    const failed = page.getByRole('alert').filter({ hasText: 'The payment failed' });
    await failed.waitFor({ timeout: 30_000 });
    expect(await failed.textContent()).toContain('The payment failed: the payer declined it on the phone');
    expect(await failed.textContent()).not.toContain('APPROVAL_REJECTED');
    await shot(page, 'prepaid-day-6b-momo-declined');
    await expectAccessible(page, 'the counter after a declined payment');
    await failed.getByRole('button', { name: 'Try again' }).click();
    await page.getByRole('radio', { name: 'Cash' }).check();
  });

  it('says why a sale failed on its purchase page in the counter’s words, never the provider’s code', async () => {
    const counter = page.url();
    await page.goto(`/console/prepaid.purchases?filter=${encodeURIComponent('{"status":"failed"}')}`);
    const row = page.locator('tbody tr').first();
    await row.getByText('KGL-0001').waitFor();
    await row.getByText('KGL-0001').click();
    await page.waitForURL(/\/console\/prepaid\.purchases\/[^/]+\/show/);
    failedPurchaseUrl = new URL(page.url()).pathname;
    const main = page.locator('main');
    await main.getByText('the payer declined it on the phone').first().waitFor();
    expect(await main.textContent()).not.toContain('APPROVAL_REJECTED');
    await shot(page, 'prepaid-day-6c-failed-purchase');
    await expectAccessible(page, 'a failed purchase');
    await page.goto(counter);
    await page.getByTestId('counter-check').waitFor();
  });

  it('checks a token a customer typed: the cash one, not keyed in yet, and a mistyped one', async () => {
    const check = page.getByTestId('counter-check');
    await check.getByLabel('Token as typed').fill(cashToken);
    await check.getByRole('button', { name: 'Check' }).click();
    const result = page.getByTestId('counter-check-result');
    await result.getByText(/^Valid: the meter will take it/).waitFor();
    // Issue 66, item 5: a token is valid for the organization's days (90 by default), and says until when.
    expect(await page.getByTestId('counter-check-valid-until').textContent()).toMatch(
      /^Valid until \S.*\d{4}/,
    );
    await shot(page, 'prepaid-day-7-token-check');
    await expectAccessible(page, 'the counter with a token check');
    await check.getByLabel('Token as typed').fill('111 222 333');
    await check.getByRole('button', { name: 'Check' }).click();
    await result.getByText(/Not a token of this meter|Already used/).waitFor();
  });

  it('buys by chat: after Pay the bot asks which number pays, with a Rwandan example, and takes a local one', async () => {
    // Issue 54, item 9: the bot asked with a Ugandan example (+256 700 000000), then read the number
    // typed as an amount and looped; the purchase could not finish.
    await page.goto('/console/simulator');
    const chat = page.getByTestId('simulator-chat');
    const say = async (text: string, answer: string | RegExp) => {
      const before = await chat.locator('[data-direction="out"]').count();
      await page.getByPlaceholder('Type a message…').fill(text);
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await chat.locator('[data-direction="out"]').nth(before).waitFor();
      await chat.locator('[data-direction="out"]').filter({ hasText: answer }).last().waitFor();
    };
    await say('hi', /Send your meter number/);
    await say('KGL-0001', /How much do you want to pay/);
    await say('1000', /buys [\d.]+ kWh/);
    await chat.locator('[data-choice="pay"]').last().click();
    await chat
      .locator('[data-direction="out"]')
      // Issue 66, item 5: an MTN number (078…), not Airtel's 072… the country's plain example gave.
      .filter({ hasText: 'Which MTN MoMo number pays? Send it like 0780 123 456 or +250 780 123 456.' })
      .last()
      .waitFor();
    await say('0788 000 111', /Approve the payment of RWF\s?[\d,]+ on your phone/);
    await shot(page, 'prepaid-day-7a-chat-purchase');
    await expectAccessible(page, 'a purchase by chat');
    const sale = await rig.app.database.db
      .withTables<PrepaidTables>()
      .selectFrom('prepaid_purchase')
      .select(['id', 'payment_id', 'payer_msisdn', 'status'])
      .where('source', '=', 'chat')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(sale).toMatchObject({ payer_msisdn: '+250788000111', status: 'pending' });
    // The payer approves on the sandbox phone: the chat's sale is paid and its token issued.
    const phone = await context.newPage();
    await phone.goto('/console/sandbox/phone');
    await phone
      .locator('[data-testid="phone-request"][data-status="pending"]')
      .filter({ hasText: 'Electricity, meter KGL-0001' })
      .first()
      .getByRole('button', { name: 'Approve' })
      .click();
    await phone.locator('[data-testid="phone-request"][data-status="approved"]').first().waitFor();
    await phone.close();
    await expect
      .poll(
        async () =>
          (
            await rig.app.database.db
              .withTables<PrepaidTables>()
              .selectFrom('prepaid_purchase')
              .select('status')
              .where('id', '=', sale.id)
              .executeTakeFirstOrThrow()
          ).status,
        { timeout: 30_000 },
      )
      .toBe('paid');
    await page.goto(counterUrl);
  });

  it('buys by USSD on the sandbox handset: an amount that buys nothing gets the range a sale takes, and its top is quoted', async () => {
    // Issue 66, item 5: USSD asked for "digits, like 1000" whatever the tariff, and offered amounts
    // the sale then refused; now it says the one range every sale takes, and both ends are sold.
    // The handset is the owner's (its texts carry tokens): a phone of its own beside the counter.
    const owner = await signedIn('owner-day@example.com');
    const phone = await owner.newPage();
    await phone.goto('/console/sandbox/phone');
    const handset = phone.getByTestId('ussd-handset');
    const screen = phone.getByTestId('ussd-screen');
    await handset.getByLabel('Phone number').fill('+250 788 730 066');
    await handset.getByRole('button', { name: 'Dial' }).click();
    await screen.getByText('1. Buy').waitFor();
    const reply = async (input: string, next: RegExp) => {
      const before = await screen.innerText();
      await handset.getByLabel('Reply').fill(input);
      await handset.getByRole('button', { name: 'Send' }).click();
      await expect.poll(async () => screen.innerText()).not.toBe(before);
      expect(await screen.innerText()).toMatch(next);
    };
    await reply('1', /^Enter your meter number/);
    await reply('KGL-0001', /^Meter KGL-0001\nAmount to pay in RWF/);
    await reply('5', /^Enter an amount in digits, from RWF [\d,]+ to RWF [\d,]+\nMeter KGL-0001/);
    await shot(phone, 'prepaid-day-7b-ussd-range');
    await expectAccessible(phone, 'the USSD handset asking an amount in range');
    const most = /to RWF ([\d,]+)/.exec(await screen.innerText())![1]!.replace(/,/g, '');
    await reply(most, /^[\d.]+ kWh for RWF [\d,]+\n/);
    expect(await screen.innerText()).toContain('1. MTN MoMo');
    await shot(phone, 'prepaid-day-7c-ussd-most');
    await owner.close();
  });

  it('opens the meter page: its sales with receipts, its readings and alerts', async () => {
    await page.getByRole('link', { name: 'Open the meter page' }).click();
    const history = page.getByTestId('prepaid-meter-history');
    await history.waitFor();
    meterUrl = new URL(page.url()).pathname;
    const sales = history.getByRole('table', { name: 'Purchases' });
    await sales.getByText(cashToken).waitFor();
    expect(await sales.locator('tbody tr').count()).toBeGreaterThanOrEqual(4);
    const readings = history.getByRole('table', { name: 'Readings' });
    await readings.locator('tbody tr').first().waitFor();
    // Issue 66, item 5: a reading is not sold: its column says where the reading came from.
    await readings.getByRole('columnheader', { name: 'Reading from' }).waitFor();
    expect(await readings.getByText('Sold through').count()).toBe(0);
    await history.getByRole('heading', { name: 'Alerts' }).waitFor();
    // The meter does not report its balance: the page says it is an estimate, on what, and that
    // alerts trust it (issue 54, item 7: it read 0 kWh after a sale).
    const balance = page.getByTestId('prepaid-meter-balance');
    await balance.waitFor();
    expect(await balance.textContent()).toMatch(/^About \d+\.\d kWh left \(estimate\)$/);
    expect(Number(/\d+\.\d/.exec((await balance.textContent())!)![0])).toBeGreaterThan(0);
    expect(await page.getByTestId('prepaid-meter-balance-basis').textContent()).toBe(
      'Estimate: the units sold to this meter, less what its readings show it used (the meter does not report the tokens it takes). Low-balance alerts go out on this estimate.',
    );
    await balance.scrollIntoViewIfNeeded();
    await shot(page, 'prepaid-day-8a-meter-balance-estimate');
    await history.scrollIntoViewIfNeeded();
    await shot(page, 'prepaid-day-8-meter-page');
    await expectAccessible(page, 'the meter page');
    // Reprint: the cash sale's receipt again, from its row.
    const row = sales.locator('tr', { hasText: cashToken });
    const href = await row.getByRole('link', { name: /Receipt/ }).getAttribute('href');
    const pdf = await pdfAt(href!);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.width).toBeCloseTo(595.28, 1);
    // And back to the counter on this meter.
    await history.getByRole('link', { name: 'Sell units to this meter' }).click();
    await page.getByTestId('counter-meter').getByRole('heading', { name: 'KGL-0001' }).waitFor();
  });

  it('shows electricity sales on a phone by meter and customer, not by id', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto('/console/prepaid.purchases');
    const first = phone.locator('.MuiListItemText-primary').first();
    await first.waitFor();
    const titles = await phone.locator('.MuiListItemText-primary').allTextContents();
    expect(titles.every((t) => /^KGL-\d{4}$/.test(t))).toBe(true);
    expect(await phone.locator('.MuiList-root').first().textContent()).toContain('Uwase household');
    await shot(phone, 'prepaid-day-9-sales-on-phone');
    await expectAccessible(phone, 'electricity sales on a phone');
    await phone.close();
  });

  it('sees today’s sales and the last two weeks by provider as a chart on the dashboard', async () => {
    await page.goto('/console/');
    const card = page.getByTestId('prepaid-sales-card');
    await card.waitFor();
    // Today holds at least the day's two sales: what 5,000 in cash and 1,000 by MoMo bought.
    const today = card.getByTestId('prepaid-sold-today');
    await expect.poll(() => today.textContent()).toMatch(/^RWF\s?[\d,]+$/);
    expect(Number((await today.textContent())!.replace(/\D/g, ''))).toBeGreaterThan(5000);
    expect(await card.textContent()).toMatch(/sold today · \d+ sales/);
    const chart = card.getByTestId('prepaid-sales-chart');
    await chart.locator('.recharts-bar-rectangle').first().waitFor();
    expect(await chart.getByText('MTN MoMo').count()).toBeGreaterThan(0);
    await card.scrollIntoViewIfNeeded();
    await shot(page, 'prepaid-day-9b-dashboard-sales');
    await expectAccessible(page, 'the dashboard with electricity sales');
    await card.getByRole('link', { name: 'Open the sales report' }).click();
    await page.getByTestId('prepaid-sales-chart').waitFor();
    await page.goto(counterUrl);
  });

  it('refunds part of the cash sale from its page: the token warning, a moment to undo, a second person, and the customer told', async () => {
    // Issue 62: no Refund on the prepaid purchase page (API only). The clerk (ops, no refund limit of
    // their own) asks; the purchase changes only once the owner approves; the customer hears in
    // Kinyarwanda that the money went back and that the token keeps working.
    const prepaid = () => rig.app.database.db.withTables<PrepaidTables>();
    const sale = await prepaid()
      .selectFrom('prepaid_purchase as p')
      .innerJoin('prepaid_token as t', 't.purchase_id', 'p.id')
      .select(['p.id', 'p.payment_id'])
      .where('t.token', '=', cashToken.replace(/\s/g, ''))
      .executeTakeFirstOrThrow();
    const refunds = async () =>
      (
        await rig.app.database.pool.query<{ id: string; status: string; amount_minor: string }>(
          'select id, status, amount_minor from payment_refund where payment_id = $1',
          [sale.payment_id],
        )
      ).rows;
    await page.goto(`/console/prepaid.purchases/${sale.id}/show`);
    const panel = page.getByTestId('prepaid-refund');
    await panel.getByText(`Left to refund: RWF ${cashCharge.toLocaleString('en-US')}`).waitFor();
    const ask = async () => {
      await panel.getByRole('button', { name: 'Refund' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText('Refund this purchase').waitFor();
      expect(await dialog.getByTestId('prepaid-refund-token').textContent()).toContain(
        'it keeps working on the meter and cannot be taken back',
      );
      await dialog.getByTestId('prepaid-refund-amount').fill('1000');
      await dialog.getByTestId('prepaid-refund-reason').fill('Bought for the wrong meter');
      // Not without the box ticked: the token keeps working.
      expect(await dialog.getByTestId('prepaid-refund-confirm').isDisabled()).toBe(true);
      await dialog.getByTestId('prepaid-refund-ack').check();
      return dialog;
    };
    const dialog = await ask();
    await shot(page, 'prepaid-day-9c-refund-dialog');
    await expectAccessible(page, 'the Refund dialog of a purchase');
    await dialog.getByTestId('prepaid-refund-confirm').click();
    const held = panel.getByTestId('prepaid-refund-held');
    await held.getByText('Refund of RWF 1,000 goes in 5 s.').waitFor();
    await held.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Refund undone: nothing was sent.').waitFor();
    expect(await refunds()).toEqual([]);

    await (await ask()).getByTestId('prepaid-refund-confirm').click();
    await held.waitFor();
    await shot(page, 'prepaid-day-9d-refund-held');
    await page
      .getByText('Refund asked: it waits for a second person to approve it.')
      .waitFor({ timeout: 15_000 });
    const [waiting] = await refunds();
    expect(waiting).toMatchObject({ status: 'awaiting_approval', amount_minor: '1000' });
    // Nothing of the purchase changes while it waits.
    expect(await panel.getByTestId('prepaid-refund-totals').textContent()).not.toContain('Refunded so far');
    await shot(page, 'prepaid-day-9e-refund-waiting');

    await rig.app.createStaff({ email: 'power-owner@example.com', role: 'owner', org: ORG });
    const owner = await rig.app.signIn('power-owner@example.com', undefined, ORG);
    expect((await owner.post(`/api/refunds/${waiting!.id}/approve`)).json().status).toBe('succeeded');
    await page.reload();
    await panel.getByText('Refunded so far: RWF 1,000').waitFor();
    await page.getByText('Refunded', { exact: true }).first().waitFor();
    await shot(page, 'prepaid-day-9f-refunded-purchase', { fullPage: true });
    await expectAccessible(page, 'a refunded purchase');

    // The sales report nets it, on the day the money went back.
    await page.goto('/console/prepaid/sales');
    const table = page.getByTestId('prepaid-sales-table');
    await table.getByText('− RWF 1,000').first().waitFor();
    await table.scrollIntoViewIfNeeded();
    await shot(page, 'prepaid-day-9g-sales-net-of-refunds');

    // What the customer was told, in the messages sent.
    await page.goto('/console/notifications');
    await page
      .getByRole('row', { name: /Money refunded/ })
      .first()
      .click();
    await page
      .getByText(/yasubijwe kuri mubazi KGL-0001\. Impamvu: Bought for the wrong meter/)
      .first()
      .waitFor();
    await page
      .getByText(/Tokeni wahawe ikomeza gukora kuri mubazi/)
      .first()
      .waitFor();
    await shot(page, 'prepaid-day-9h-refund-message');

    // And the customer's own purchase list in the portal says what went back and what it cost in the end.
    const portal = await context.newPage();
    await portal.setViewportSize({ width: 390, height: 844 });
    await portal.goto(`/portal/${ORG}/`);
    await portal.getByLabel('Phone number').fill('+250 788 000 111');
    await portal.getByLabel('Meter number').fill('KGL-0001');
    await portal.getByRole('button', { name: 'Send me a code' }).click();
    await portal.getByText('a code is on its way').waitFor();
    await portal.getByLabel('Code').fill(await portalCodeCaughtFor(rig.app, 'uwase@example.com'));
    await portal.getByRole('button', { name: 'Sign in' }).click();
    const refunded = portal.getByTestId('history-refunded');
    await refunded.waitFor();
    expect((await refunded.textContent())?.replace(/\s+/g, ' ')).toBe(
      `RWF 1,000 refunded · RWF ${(cashCharge - 1000).toLocaleString('en-US')} paid in the end`,
    );
    await refunded.scrollIntoViewIfNeeded();
    await shot(portal, 'prepaid-day-9i-portal-refunded');
    await portal.close();
    await page.goto(counterUrl);
  }, 120_000);

  it('reads the counter in Spanish and Hindi, with no English left', async () => {
    for (const [language, words] of [
      ['Español', ['Cotización', 'Pago', 'en efectivo', 'Comprobar un token que escribió un cliente']],
      ['हिन्दी', ['कीमत', 'भुगतान', 'नकद लें', 'ग्राहक द्वारा लिखा टोकन जाँचें']],
    ] as const) {
      await page
        .getByRole('button', { name: /English|Español|हिन्दी/ })
        .first()
        .click();
      await page.getByRole('menuitem', { name: language }).click();
      await page.goto(counterUrl);
      await page.getByRole('textbox').or(page.getByRole('spinbutton')).first().waitFor();
      await page.getByRole('spinbutton').first().fill('2000');
      // The total is the sum of the lines (2,000 asked charges a little less, the rest is change).
      await page
        .getByTestId('counter-quote-total')
        .getByText(/1[,.\s]?9\d\d|2[,.\s]?000/)
        .waitFor();
      const text = (await page.locator('main').textContent()) ?? '';
      for (const word of words) expect(text, language).toContain(word);
      for (const english of ['Quote', 'Payment', 'Take RWF', 'Check a token', 'Total to pay'])
        expect(text, language).not.toContain(english);
      await expectAccessible(page, `the counter in ${language}`);
      await shot(page, `prepaid-day-10-counter-${language === 'Español' ? 'es' : 'hi'}`);
    }
    await page.getByRole('button', { name: 'हिन्दी' }).first().click();
    await page.getByRole('menuitem', { name: 'English' }).click();
  });

  it('quotes in Kinyarwanda with its own digits, though Chromium has no Kinyarwanda of its own', async () => {
    // Issue 54, item 11: "RWF 1,481" and "10.0 kWh" in Kinyarwanda (Chromium fell back to English).
    await page
      .getByRole('button', { name: /English|Español|हिन्दी/ })
      .first()
      .click();
    await page.getByRole('menuitem', { name: 'Ikinyarwanda' }).click();
    await page.goto(counterUrl);
    await page.getByRole('spinbutton').first().fill('2000');
    const total = page.getByTestId('counter-quote-total');
    await total.getByText(/^RWF\s1\.\d{3}$/).waitFor();
    expect(await total.textContent()).toMatch(/\d+,\d kWh/);
    expect(await page.getByTestId('counter-quote').textContent()).not.toMatch(
      /RWF\s\d{1,3},\d{3}|\d\.\d kWh/,
    );
    await shot(page, 'prepaid-day-10a-counter-rw');
    await page.getByRole('button', { name: 'Ikinyarwanda' }).first().click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.goto(counterUrl);
  });

  it('reads the meter, the failed sale and the tariffs in Spanish and Hindi, with no English code left', async () => {
    for (const [language, lang] of [
      ['Español', 'es'],
      ['हिन्दी', 'hi'],
    ] as const) {
      await page
        .getByRole('button', { name: /English|Español|हिन्दी/ })
        .first()
        .click();
      await page.getByRole('menuitem', { name: language }).click();
      // The meter, the failed sale and the tariffs: categories and the failure in the reader's words.
      const [residential, declined] =
        lang === 'es' ? ['Residencial', 'el pagador lo rechazó'] : ['आवासीय', 'भुगतानकर्ता ने'];
      for (const [name, url, ready, word] of [
        ['meter', meterUrl, '[data-testid="prepaid-meter-history"] tbody tr', residential],
        ['failed-purchase', failedPurchaseUrl, 'main .MuiChip-root', declined],
        ['tariffs', '/console/prepaid.tariffs', 'tbody tr', residential],
      ] as const) {
        await page.goto(url);
        await page.locator(ready).first().waitFor();
        await page.getByText(word).first().waitFor();
        await shot(page, `prepaid-day-11-${name}-${lang}`);
        const body = (await page.locator('body').textContent()) ?? '';
        expect(body, `${name} in ${language}`).not.toMatch(
          /residential|institution|APPROVAL_REJECTED|declined/i,
        );
        await expectAccessible(page, `the ${name} page in ${language}`);
      }
      await page.locator('tbody tr').first().click();
      await page.waitForURL(/prepaid\.tariffs\/[^/]+\/show/);
      await page.locator('main .MuiCardContent-root').first().waitFor();
      await shot(page, `prepaid-day-11-tariff-${lang}`);
      expect(await page.locator('body').textContent()).not.toMatch(/residential|institution/i);
    }
    await page.getByRole('button', { name: 'हिन्दी' }).first().click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.goto(counterUrl);
  }, 180_000);

  it('reads every record page of the day in English and another language by turns: words, never a key, a code or an id', async () => {
    const prepaid = () => rig.app.database.db.withTables<PrepaidTables>();
    const first = async (
      table:
        | 'prepaid_tariff'
        | 'prepaid_alert'
        | 'prepaid_reading'
        | 'prepaid_meter_request'
        | 'prepaid_token'
        | 'prepaid_account',
    ) => (await prepaid().selectFrom(table).select('id').orderBy('id').executeTakeFirstOrThrow()).id;
    const cashSale = await prepaid()
      .selectFrom('prepaid_purchase')
      .select('id')
      .where('method', '=', 'cash')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    const customer = await prepaid()
      .selectFrom('prepaid_account')
      .select('id')
      .where('phone', '=', '+250788000111')
      .executeTakeFirstOrThrow();
    const pages = {
      meter: meterUrl,
      customer: `/console/prepaid.accounts/${customer.id}/show`,
      'cash-sale': `/console/prepaid.purchases/${cashSale.id}/show`,
      'failed-sale': failedPurchaseUrl,
      tariff: `/console/prepaid.tariffs/${await first('prepaid_tariff')}/show`,
      alert: `/console/prepaid.alerts/${await first('prepaid_alert')}/show`,
      reading: `/console/prepaid.readings/${await first('prepaid_reading')}/show`,
      'sign-up': `/console/prepaid.meter_requests/${await first('prepaid_meter_request')}/show`,
      token: `/console/prepaid.tokens/${await first('prepaid_token')}/show`,
    };
    const found = await codesOnRecordPages(page, pages, { shots: 'prepaid-day-12' });
    expect(found).toEqual([]);
  }, 600_000);
});
