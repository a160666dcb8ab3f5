import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/test-app.ts';
import { type ConsoleRig, openConsoleAs, shot, shotOnFailure, startConsoleRig } from './console-harness.ts';

/*
 * Issue 65: a visitor without an e-mail registers at the desk with a phone; every refused field
 * shows what to type under it, both at once; the code and badge link reach the phone by SMS (the
 * console's sandbox phone shows the text). Such a customer asks for their statement: the desk texts
 * it from the customer's page, its sums and a link to the PDF.
 */
let rig: ConsoleRig;
let page: Page;
let context: BrowserContext;
let owner: Awaited<ReturnType<TestApp['signIn']>>;
let exhibitionId = '';

beforeAll(async () => {
  rig = await startConsoleRig({ env: { OPSDESK_SANDBOX: 'true' } });
  await rig.app.createStaff({ email: 'owner@example.com', role: 'owner' });
  owner = await rig.app.signIn('owner@example.com');
  const ex = await owner.post('/api/exhibition/exhibitions', {
    name: 'Kigali Crafts Fair',
    currency: 'EUR',
    startsOn: '2026-01-01',
    endsOn: '2030-12-31',
  });
  expect(ex.statusCode, ex.body).toBe(201);
  exhibitionId = ex.json().id;
  await rig.app.startWorker();
  ({ page, context } = await openConsoleAs(rig, 'owner@example.com', undefined, 30_000));
}, 180_000);

shotOnFailure(() => page);

afterAll(async () => {
  await context?.close();
  await rig?.close();
});

const fieldError = (field: 'email' | 'phone') => page.getByTestId(`desk-${field}-error`);

describe('registering a visitor without an e-mail at the desk (issue 65)', () => {
  it('names both fields when neither is given, each bad field under it, then registers by phone and texts the code', async () => {
    await page.goto('/console/exhibition/desk');
    await page.getByTestId('desk-scan').waitFor();
    await page.keyboard.press('F2');
    await page.getByTestId('desk-register').waitFor();
    await page.keyboard.type('Jean Mugisha');
    await page.keyboard.press('Enter');
    // Neither a phone nor an e-mail: both fields say so.
    const both = 'Give a phone or an e-mail: without an e-mail, the code and badge link go by SMS.';
    await fieldError('email').getByText(both).waitFor();
    expect(await fieldError('phone').innerText()).toBe(both);
    expect(await page.getByTestId('desk-error').innerText()).toBe(both);
    await shot(page, 'exhibition-desk-phone-1-neither');

    // A bad e-mail and a bad phone: each field says what to type, at once (the e-mail's error
    // used to hide the phone's).
    await page.getByLabel('E-mail').fill('jean@');
    await page.getByLabel('Phone').fill('12');
    await page.keyboard.press('Enter');
    await fieldError('phone')
      .getByText(/\+250788123456|phone/i)
      .waitFor();
    expect(await fieldError('email').innerText()).toMatch(/e-mail/i);
    expect(await page.getByLabel('E-mail').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Phone').getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'exhibition-desk-phone-2-both-wrong');

    // A phone alone, as people type it: registered, the tab opens, the code goes by SMS.
    await page.getByLabel('E-mail').fill('');
    await page.getByLabel('Phone').fill('+250 788 000 333');
    await page.keyboard.press('Enter');
    await page.getByTestId('desk-tab').getByText('Jean Mugisha').waitFor();
    expect(await fieldError('phone').count()).toBe(0);
    const [customer] = (
      await owner.get(`/api/exhibition/exhibitions/${exhibitionId}/customers?q=Jean`)
    ).json() as Array<{ code: string; email: string; phone: string }>;
    expect(customer).toMatchObject({ email: '', phone: '+250788000333' });
    const code = `${customer!.code.slice(0, 4)}-${customer!.code.slice(4)}`;
    await page
      .getByTestId('desk-notice')
      .getByText(
        `Registered Jean Mugisha, code ${code}: the code and badge link are on their way by SMS to +250788000333.`,
      )
      .waitFor();
    await shot(page, 'exhibition-desk-phone-3-registered');

    // The text on the sandbox phone: the code and the badge link.
    const phone = await context.newPage();
    await phone.goto('/console/sandbox/phone');
    const text = phone.getByTestId('phone-sms-text').filter({ hasText: code });
    await text.waitFor({ timeout: 30_000 });
    expect(await text.innerText()).toMatch(
      /Kigali Crafts Fair: your code is \w{4}-\w{4}\..*\/public\/exhibition\/badge\//s,
    );
    await shot(phone, 'exhibition-desk-phone-4-sms');
    await phone.close();

    // The customer's page lists the text, sent and delivered, with its parts and cost.
    const { id } = (
      await owner.get(`/api/exhibition/exhibitions/${exhibitionId}/customers?q=Jean`)
    ).json()[0] as { id: string };
    await page.goto(`/console/exhibition.customers/${id}/show`);
    const row = page.getByTestId('person-message').filter({ hasText: '+250788000333' });
    await row.getByText('SMS', { exact: true }).waitFor();
    await expect
      .poll(() => row.getByTestId('person-message-sms').innerText(), { timeout: 20_000 })
      .toMatch(/^2 parts, GSM-7 · Delivered · cost RWF/);
    expect(await row.getAttribute('data-status')).toBe('sent');
    await page.getByTestId('person-messages').scrollIntoViewIfNeeded();
    await shot(page, 'exhibition-desk-phone-5-customer-messages');
  });

  it('texts the statement to a phone-only customer from their page: the sums and a link that opens the PDF', async () => {
    const created = await owner.post('/api/exhibition/customers', {
      exhibitionId,
      name: 'Aline Uwase',
      phone: '+250 788 000 334',
    });
    expect(created.statusCode, created.body).toBe(201);
    const customer = created.json() as { id: string; code: string };
    const code = `${customer.code.slice(0, 4)}-${customer.code.slice(4)}`;
    const booth = await owner.post(`/api/exhibition/exhibitions/${exhibitionId}/booths`, { name: 'Baskets' });
    expect(booth.statusCode, booth.body).toBe(201);
    for (const amountMinor of [1250, 4000]) {
      const bill = await owner.post(`/api/exhibition/customers/${customer.id}/bills`, {
        boothId: booth.json().id,
        amountMinor,
        confirmed: true,
      });
      expect(bill.statusCode, bill.body).toBe(201);
    }

    await page.goto(`/console/exhibition.customers/${customer.id}/show`);
    const panel = page.getByTestId('exhibition-statement');
    // No e-mail: the e-mail button is off, the text one on.
    await panel.getByRole('button', { name: 'Text the statement' }).waitFor();
    expect(await panel.getByRole('button', { name: 'E-mail the statement' }).isDisabled()).toBe(true);
    await panel.getByRole('button', { name: 'Text the statement' }).click();
    await panel.getByText('The statement is on its way by SMS to +250788000334.').waitFor();
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'exhibition-desk-phone-6-statement-texted');

    const phone = await context.newPage();
    await phone.goto('/console/sandbox/phone');
    const text = phone.getByTestId('phone-sms-text').filter({ hasText: '/public/exhibition/statement/' });
    await text.waitFor({ timeout: 30_000 });
    const body = await text.innerText();
    expect(body).toContain(`Kigali Crafts Fair: statement for code ${code}. Bills: 2.`);
    expect(body).toMatch(/Total €52\.50, paid €0\.00, returned €0\.00, net paid €0\.00\./);
    await text.scrollIntoViewIfNeeded();
    await shot(phone, 'exhibition-desk-phone-7-statement-sms');

    // The link opens the statement without signing in (a fresh browser context: no session).
    const link = /https?:\/\/\S+\/public\/exhibition\/statement\/\S+/.exec(body)?.[0];
    expect(link, body).toBeDefined();
    const stranger = await context.browser()!.newContext();
    const opened = await stranger.request.get(link!);
    expect(opened.status()).toBe(200);
    expect(opened.headers()['content-type']).toBe('application/pdf');
    await stranger.close();
    await phone.close();
  });
});

/*
 * Every message goes in the person's language, and the desk offered a new customer English or
 * Spanish only. It offers the five, each named in itself (a Kinyarwanda speaker finds "Ikinyarwanda"
 * whatever language the clerk's console is in), and the welcome SMS comes in it.
 */
describe('the desk registers a customer in any of the five languages (issue 65)', () => {
  it('offers each language in its own name, and a visitor registered in Kinyarwanda gets the code in Kinyarwanda', async () => {
    await page.goto('/console/exhibition/desk');
    await page.getByTestId('desk-scan').waitFor();
    await page.keyboard.press('F2');
    await page.getByTestId('desk-register').waitFor();
    const language = page.getByLabel('Language');
    expect(await language.locator('option').allInnerTexts()).toEqual([
      'English',
      'हिन्दी',
      'Español',
      'Français',
      'Ikinyarwanda',
    ]);
    // The console speaks English, so the desk starts there.
    expect(await language.inputValue()).toBe('en');

    await page.getByLabel('Name').fill('Diane Ingabire');
    await page.getByLabel('Phone').fill('+250 788 000 444');
    await language.selectOption({ label: 'Ikinyarwanda' });
    await shot(page, 'exhibition-desk-languages-1-kinyarwanda');
    await page.getByLabel('Name').press('Enter');
    await page.getByTestId('desk-tab').getByText('Diane Ingabire').waitFor();
    const [customer] = (
      await owner.get(`/api/exhibition/exhibitions/${exhibitionId}/customers?q=Diane`)
    ).json() as Array<{ code: string; language: string }>;
    expect(customer).toMatchObject({ language: 'rw' });
    const code = `${customer!.code.slice(0, 4)}-${customer!.code.slice(4)}`;

    const phone = await context.newPage();
    await phone.goto('/console/sandbox/phone');
    const text = phone.getByTestId('phone-sms-text').filter({ hasText: code });
    await text.waitFor({ timeout: 30_000 });
    expect(await text.innerText()).toMatch(
      /Kigali Crafts Fair: kode yawe ni \w{4}-\w{4}\..*Badge na QR: .*\/public\/exhibition\/badge\//s,
    );
    await shot(phone, 'exhibition-desk-languages-2-sms');
    await phone.close();
  });
});
