import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/app/demo-seed.ts';
import { eventually } from '../support/eventually.ts';
import type { ApiClient } from '../support/test-app.ts';
import { type ConsoleRig, openConsoleAs, shot, startConsoleRig } from './console-harness.ts';

/*
 * Issue 27's day on the demo with nothing but the sandbox, in Debian's Chromium: electricity is
 * bought by MoMo (started through the staff API: the console has no sales counter), the payer
 * approves on the console's sandbox phone, the token e-mail is read in the caught-mail inbox, and
 * the customer signs into the portal with the code the inbox caught. The payer is left to the
 * person (OPSDESK_SANDBOX_AUTO_APPROVE_SECONDS=0) so the approval on the phone is what pays.
 */
let rig: ConsoleRig;
let staff: ApiClient;
let page: Page;

beforeAll(async () => {
  rig = await startConsoleRig({
    env: { OPSDESK_SANDBOX: 'true', OPSDESK_SANDBOX_AUTO_APPROVE_SECONDS: '0' },
  });
  await seedDemo(rig.app);
  await rig.app.createStaff({ email: 'clerk@example.com', role: 'ops' });
  staff = await rig.app.signIn('clerk@example.com');
  await rig.app.startWorker();
  ({ page } = await openConsoleAs(rig, 'clerk@example.com'));
}, 180_000);
afterAll(async () => {
  await rig?.close();
});

/** The newest caught e-mail whose subject matches, opened in the inbox; returns its text. */
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
    expect(await banner.textContent()).toContain('MTN MoMo, Airtel Money, E-mail, WhatsApp, Telegram are played on this machine');
    await expect
      .poll(async () => page.getByTestId('channel-sandbox').allTextContents())
      .toEqual([
        'MTN MoMo: sandbox (played on this machine)Open',
        'Airtel Money: sandbox (played on this machine)Open',
        'E-mail: sandbox (played on this machine)Open',
      ]);
    await shot(page, 'sandbox-1-dashboard');
  });

  it('buys electricity by MoMo, approved on the sandbox phone; the token e-mail is in the inbox', async () => {
    const meter = (await staff.get('/api/prepaid/console/meters?number=KGL-0001')).json().items[0];
    const bought = await staff.post('/api/prepaid/purchases', {
      meterId: meter.id,
      method: 'momo',
      amount: { amountMinor: 1000, currency: 'RWF' },
      msisdn: '+250788000111',
    });
    expect(bought.statusCode, bought.body).toBe(201);
    const purchase = bought.json() as { id: string };

    await page.goto('/console/sandbox/phone');
    const request = page.getByTestId('phone-request').filter({ hasText: 'Electricity, meter KGL-0001' });
    await request.waitFor({ timeout: 20_000 });
    expect(await request.textContent()).toContain('RWF 1000');
    expect(await request.textContent()).toContain('Request to pay from 250788000111');
    await shot(page, 'sandbox-2-phone-request');
    await request.getByRole('button', { name: 'Approve' }).click();
    await page.getByTestId('phone-request').first().and(page.locator('[data-status="approved"]')).waitFor();
    await shot(page, 'sandbox-3-phone-approved');

    const paid = await eventually(
      async () => {
        const p = (await staff.get(`/api/prepaid/purchases/${purchase.id}`)).json();
        return p.status === 'paid' ? p : undefined;
      },
      { what: 'the purchase paid' },
    );
    const grouped = `${paid.token.slice(0, 3)} ${paid.token.slice(3, 6)} ${paid.token.slice(6)}`;
    // The demo household reads Kinyarwanda: its messages come in its language.
    const text = await readCaughtMail('Tokeni ya mubazi KGL-0001');
    expect(text).toContain(grouped);
    await shot(page, 'sandbox-4-token-email');
  });

  it('shows a welcome e-mail as HTML with its QR inline, and its attachments', async () => {
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
  });

  it('signs into the portal with the code the inbox caught', async () => {
    const portal = await rig.browser.newContext({
      viewport: { width: 390, height: 844 },
      baseURL: rig.baseUrl,
      locale: 'en-US',
    });
    const phone = await portal.newPage();
    await phone.goto('/portal/default/');
    await phone.getByLabel('Phone number').fill('+250 788 000 111');
    await phone.getByLabel('Meter number').fill('KGL-0001');
    await phone.getByRole('button', { name: 'Send me a code' }).click();
    await phone.getByText('a code is on its way to you').waitFor();
    // E-mail can go (the sandbox catches it); the chats nobody set up are named, not promised.
    expect(await phone.getByRole('status').textContent()).toContain(
      'unless your codes go by Telegram, WhatsApp: this operator has not set that up',
    );
    const text = await readCaughtMail('Kode yawe yo kwinjira');
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
