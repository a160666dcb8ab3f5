import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/app/demo-seed.ts';
import { type ConsoleRig, openConsoleAs, shot, startConsoleRig } from './console-harness.ts';

/*
 * Issue 27's day on the demo with nothing but the sandbox, in Debian's Chromium: electricity is
 * bought by MoMo at the console's sales counter, the payer approves on the console's sandbox phone
 * while the counter waits, the token e-mail is read in the caught-mail inbox, and the customer
 * signs into the portal with the code the inbox caught. The payer is left to the person
 * (OPSDESK_SANDBOX_AUTO_APPROVE_SECONDS=0) so the approval on the phone is what pays.
 */
let rig: ConsoleRig;
let page: Page;

beforeAll(async () => {
  rig = await startConsoleRig({
    env: { OPSDESK_SANDBOX: 'true', OPSDESK_SANDBOX_AUTO_APPROVE_SECONDS: '0' },
  });
  await seedDemo(rig.app);
  // an admin of the demo's electricity vendor, and one of its fair, whose exhibitors get the welcome
  // e-mails: the caught mail holds live sign-in codes and tokens, so only owners and admins read it
  await rig.app.createStaff({ email: 'clerk@example.com', role: 'admin', org: 'power' });
  await rig.app.createStaff({ email: 'desk@example.com', role: 'admin', org: 'expo' });
  await rig.app.startWorker();
  ({ page } = await openConsoleAs(rig, 'clerk@example.com', undefined, 30_000));
}, 180_000);
afterAll(async () => {
  await rig?.close();
});

/** The newest caught e-mail whose subject matches, opened in `page`'s inbox; returns its text. */
async function readCaughtMail(subject: string): Promise<string> {
  await page.goto('/console/sandbox/mail');
  const item = page
    .getByTestId('mail-list')
    .getByRole('button', { name: new RegExp(subject) })
    .first();
  await item.waitFor({ timeout: 20_000 });
  await item.click();
  const view = page.getByTestId('mail-view');
  await view.getByTestId('mail-subject').filter({ hasText: subject }).waitFor();
  const textTab = view.getByRole('tab', { name: 'Text' });
  if (await textTab.isEnabled()) await textTab.click();
  return (await view.getByTestId('mail-text').textContent()) ?? '';
}

describe('a day in the sandbox', () => {
  it('says plainly that it runs in the sandbox, and each played channel is "sandbox"', async () => {
    const banner = page.getByTestId('sandbox-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain(
      'MTN MoMo, Airtel Money, E-mail, SMS, WhatsApp, Telegram are played on this machine',
    );
    await expect
      .poll(async () => page.getByTestId('channel-sandbox').allTextContents())
      .toEqual([
        'MTN MoMo: sandbox (played on this machine)Open',
        'Airtel Money: sandbox (played on this machine)Open',
        'E-mail: sandbox (played on this machine)Open',
        'SMS: sandbox (played on this machine)Open',
        'WhatsApp: sandbox (played on this machine)Open',
        'Telegram: sandbox (played on this machine)Open',
      ]);
    await shot(page, 'sandbox-1-dashboard');
  });

  it('buys electricity by MoMo at the console’s counter, approved on the sandbox phone; the token e-mail is in the inbox', async () => {
    await page.goto('/console/prepaid/counter');
    await page.getByLabel('Meter number, account, phone or name').fill('KGL-0001');
    await page
      .getByTestId('counter-matches')
      .getByRole('button', { name: /KGL-0001/ })
      .click();
    await page.getByLabel('Amount (RWF)').fill('1000');
    // The payer is asked for the sum of the quote's lines: what 1,000 buys (the rest is change).
    const total = page.getByTestId('counter-quote-total');
    await total.getByText(/RWF\s?\d/).waitFor();
    const charged = /RWF\s?([\d,]+)/.exec((await total.textContent()) ?? '')![1]!;
    expect(Number(charged.replace(/,/g, ''))).toBeLessThanOrEqual(1000);
    await page.getByRole('radio', { name: 'MTN MoMo' }).check();
    await page.getByLabel("Payer's phone").fill('+250788000111');
    await page
      .getByRole('button', { name: new RegExp(`Ask \\+250788000111 to pay RWF\\s?${charged}`) })
      .click();
    await page.getByTestId('counter-waiting').waitFor();
    await shot(page, 'sandbox-2-counter-waiting');

    // The payer's phone, in a tab of its own: the counter keeps watching the payment.
    const phone = await page.context().newPage();
    await phone.goto('/console/sandbox/phone');
    const request = phone.getByTestId('phone-request').filter({ hasText: 'Electricity, meter KGL-0001' });
    await request.waitFor({ timeout: 20_000 });
    // As money, the payer's number as people write it (issue 54, item 10: "RWF 2962", "from 250788000111").
    expect(await request.textContent()).toMatch(new RegExp(`RWF\\s${charged}(?!\\d)`));
    expect(await request.textContent()).toContain('Request to pay from +250 788 000 111');
    await shot(phone, 'sandbox-2-phone-request');
    await request.getByRole('button', { name: 'Approve' }).click();
    await phone.getByTestId('phone-request').first().and(phone.locator('[data-status="approved"]')).waitFor();
    await shot(phone, 'sandbox-3-phone-approved');
    await phone.close();

    const digits = page.getByTestId('counter-token-digits');
    await digits.waitFor({ timeout: 30_000 });
    const grouped = (await digits.textContent()) ?? '';
    expect(grouped).toMatch(/^\d{3}( \d{3})+$/);
    await shot(page, 'sandbox-3-counter-token');
    // The demo household reads Kinyarwanda: its messages come in its language.
    const text = await readCaughtMail('Tokeni ya mubazi KGL-0001');
    expect(text).toContain(grouped);
    await shot(page, 'sandbox-4-token-email');
  });

  it('shows a welcome e-mail as HTML with its QR inline, and its attachments', async () => {
    // The inbox shows each organization its own mail: the welcome e-mails are the fair's.
    const { context, page } = await openConsoleAs(rig, 'desk@example.com', undefined, 30_000);
    await page.goto('/console/sandbox/mail');
    await page
      .getByTestId('mail-list')
      .getByRole('button', { name: /Your code for/ })
      .first()
      .click();
    const frame = page.frameLocator('[data-testid="mail-view"] iframe');
    const qr = frame.locator('img[src^="data:image/png"]').first();
    await qr.waitFor();
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(50);
    await shot(page, 'sandbox-5-welcome-html');
    await context.close();
  });

  it('signs into the portal with the code the inbox caught', async () => {
    const portal = await rig.browser.newContext({
      viewport: { width: 390, height: 844 },
      baseURL: rig.baseUrl,
      locale: 'en-US',
    });
    const phone = await portal.newPage();
    await phone.goto('/portal/power/');
    await phone.getByLabel('Phone number').fill('+250 788 000 111');
    await phone.getByLabel('Meter number').fill('KGL-0001');
    await phone.getByRole('button', { name: 'Send me a code' }).click();
    await phone.getByText('a code is on its way to you').waitFor();
    // The sandbox plays every channel (e-mail, and the organization's own WhatsApp number and
    // Telegram bot), so the code is promised without naming a channel it cannot go by.
    expect(await phone.getByRole('status').textContent()).toBe(
      'If this phone and meter belong together, a code is on its way to you.',
    );
    // In the portal's English, not the account's Kinyarwanda (issue 54, item 8).
    const text = await readCaughtMail('Your sign-in code');
    await shot(page, 'sandbox-6-code-email');
    const code = /\b(\d{6})\b/.exec(text)?.[1];
    expect(code).toBeDefined();
    await phone.getByLabel('Code').fill(code!);
    await phone.getByRole('button', { name: 'Sign in' }).click();
    await phone.getByRole('heading', { name: 'Hello, Uwase household' }).waitFor();
    await shot(phone, 'sandbox-7-portal-signed-in');
    await portal.close();
  });
});
