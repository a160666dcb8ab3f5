import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrepaidMeter, createPrepaidTariff } from '../factories/prepaid.ts';
import { expectAccessible } from './axe.ts';
import { type ConsoleRig, openConsoleAs, shot, shotOnFailure, startConsoleRig } from './console-harness.ts';

/*
 * Issue 65: "there is no USSD simulator in the console (a new user must use curl)". In Chromium, an
 * operator dials the USSD menu from the sandbox phone's handset, buys electricity through the menu's
 * screens (each posted by the sandbox's Africa's Talking gateway to the organization's real USSD
 * callback), approves the MoMo request on the same page, and reads the token SMS that reached the
 * number. Nothing approves by itself (OPSDESK_SANDBOX_AUTO_APPROVE_SECONDS=0): the click pays.
 */
let rig: ConsoleRig;
let page: Page;
let context: BrowserContext;
let meter = '';

beforeAll(async () => {
  rig = await startConsoleRig({
    env: { OPSDESK_SANDBOX: 'true', OPSDESK_SANDBOX_AUTO_APPROVE_SECONDS: '0' },
  });
  await createPrepaidTariff(rig.app);
  meter = (await createPrepaidMeter(rig.app, { number: 'KGL-7301' })).number;
  await rig.app.createStaff({ email: 'owner@example.com', role: 'owner' });
  await rig.app.startWorker();
  ({ page, context } = await openConsoleAs(rig, 'owner@example.com', undefined, 30_000));
}, 180_000);

shotOnFailure(() => page);

afterAll(async () => {
  await context?.close();
  await rig?.close();
});

const handset = () => page.getByTestId('ussd-handset');
const screen = () => page.getByTestId('ussd-screen');

/** Types a reply on the open screen and waits for the next one. */
async function reply(input: string, next: string | RegExp) {
  const before = await screen().innerText();
  await handset().getByLabel('Reply').fill(input);
  await handset().getByRole('button', { name: 'Send' }).click();
  await expect.poll(async () => screen().innerText()).not.toBe(before);
  expect(await screen().innerText()).toMatch(next);
}

describe('the USSD handset on the sandbox phone (issue 65)', () => {
  it('dials the menu from a number, buys a token through its screens, and the token SMS reaches the number', async () => {
    await page.goto('/console/sandbox/phone');
    await handset().getByText('USSD handset').waitFor();
    await handset().getByLabel('Phone number').fill('+250 788 730 001');
    // The code to dial is the organization's (the sandbox's when it names none), once its setup is read:
    // on a loaded machine the field was still empty when the test first looked (the Dial button waits).
    await expect.poll(() => handset().getByLabel('Code to dial').inputValue()).toBe('*384*12345#');
    await handset().getByRole('button', { name: 'Dial' }).click();
    await screen().getByText('1. Buy').waitFor();
    expect(await screen().innerText()).toBe(
      'Electricity\n1. Buy\n2. My last token\n3. My balance\n4. Language',
    );
    expect(await screen().getAttribute('aria-label')).toBe('Screen of +250 788 730 001');
    // Shown as a handset shows it: in a monospace font, the number fixed while the session is open.
    expect(await screen().evaluate((el) => getComputedStyle(el).fontFamily)).toMatch(/mono/i);
    expect(await handset().getByLabel('Phone number').isEditable()).toBe(false);
    await shot(page, 'ussd-handset-1-menu');

    await reply('1', /^Enter your meter number/);
    await reply(meter, /^Meter KGL-7301\nAmount to pay in RWF/);
    await reply('1000', /^10\.0 kWh for RWF 1,000\n/);
    expect(await screen().innerText()).toContain('1. MTN MoMo');
    await shot(page, 'ussd-handset-2-quote');
    await expectAccessible(page, 'the USSD handset with an open screen');
    // Enter sends, as a phone's OK key does.
    await handset().getByLabel('Reply').fill('1');
    await handset().getByLabel('Reply').press('Enter');
    await screen().and(page.locator('[data-status="ended"]')).waitFor();
    expect(await screen().innerText()).toBe('Approve RWF 1,000 on your phone. Your token comes by SMS.');
    // END closed the session: no reply line, the session says so, the phone may dial again.
    expect(await handset().getByLabel('Reply').count()).toBe(0);
    expect(await handset().getByTestId('ussd-ended').innerText()).toBe('The session is over.');
    await handset().getByRole('button', { name: 'Dial again' }).waitFor();

    // MoMo asks the same number to pay, on the same page.
    const request = page.getByTestId('phone-request').filter({ hasText: `meter ${meter}` });
    await request.waitFor({ timeout: 20_000 });
    expect(await request.textContent()).toContain('Request to pay from +250 788 730 001');
    await shot(page, 'ussd-handset-3-ended-momo');
    await request.getByRole('button', { name: 'Approve' }).click();

    const sms = handset().getByTestId('ussd-handset-sms').first();
    await sms.waitFor({ timeout: 30_000 });
    expect(await sms.innerText()).toMatch(/^Meter KGL-7301\nToken [\d ]+\n10\.0 kWh, paid RWF 1,000$/);
    await shot(page, 'ussd-handset-4-token-sms');
    await expectAccessible(page, 'the USSD handset after the session, with the token SMS');
  });

  it('cancels a session with Cancel, and a fresh dial starts from the first screen', async () => {
    await page.goto('/console/sandbox/phone');
    await handset().getByLabel('Phone number').fill('+250 788 730 002');
    await handset().getByRole('button', { name: 'Dial' }).click();
    await screen().getByText('1. Buy').waitFor();
    await reply('1', /^Enter your meter number/);
    await handset().getByRole('button', { name: 'Cancel' }).click();
    await handset().getByTestId('ussd-ended').getByText('You cancelled the session.').waitFor();
    expect(await handset().getByLabel('Phone number').isEditable()).toBe(true);
    await shot(page, 'ussd-handset-5-cancelled');
    // The numbers dialed lately are offered in the number's field, newest first.
    const offered = await page
      .locator('#ussd-recent-numbers option')
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(['+250 788 730 002', '+250 788 730 001']);
    await handset().getByRole('button', { name: 'Dial again' }).click();
    await screen().and(page.locator('[data-status="open"]')).getByText('1. Buy').waitFor();
  });

  it('says under each field what to type when the number or the code is not one', async () => {
    await page.goto('/console/sandbox/phone');
    await handset().getByLabel('Phone number').fill('0788');
    // Enter in the field dials, as the button does.
    await handset().getByLabel('Phone number').press('Enter');
    await handset()
      .getByText('Not a phone number: write + and the country code, like +250788123456')
      .waitFor();
    expect(await handset().getByLabel('Phone number').getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'ussd-handset-6-bad-number');
    await handset().getByLabel('Phone number').fill('+250 788 730 003');
    await handset().getByLabel('Code to dial').fill('384');
    await handset().getByRole('button', { name: 'Dial' }).click();
    await handset().getByText('A USSD code starts with * and ends with #, such as *384*12345#').waitFor();
    expect(await handset().getByLabel('Phone number').getAttribute('aria-invalid')).toBe('false');
    expect(await page.getByTestId('ussd-screen').count()).toBe(0);
  });
  it('speaks the console’s language: in French, its words and why the session ended', async () => {
    await page.goto('/console/sandbox/phone');
    await page.locator('header').getByRole('button', { name: 'English' }).first().click();
    await page.getByRole('menuitem', { name: 'Français' }).click();
    await handset().getByText('Téléphone USSD').waitFor();
    await handset().getByLabel('Numéro de téléphone').fill('+250 788 730 004');
    await handset().getByRole('button', { name: 'Composer' }).click();
    await screen().getByText('1. Buy').waitFor();
    expect(await handset().getByText('61 caractères sur 182').count()).toBe(1);
    await handset().getByRole('button', { name: 'Annuler' }).click();
    await handset().getByText('Vous avez annulé la session.').waitFor();
    await handset().getByRole('button', { name: 'Composer à nouveau' }).waitFor();
    await shot(page, 'ussd-handset-7-french');
    await expectAccessible(page, 'the USSD handset in French');
  });
});
