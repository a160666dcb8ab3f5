import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MomoSandbox, startMomoSandbox } from '../../src/channels/momo/index.ts';
import { eventually } from '../support/eventually.ts';
import { portalCodeCaughtFor } from '../support/outbox-secrets.ts';
import type { ApiClient } from '../support/test-app.ts';
import { type ConsoleRig, openConsoleAs, shot, startConsoleRig } from './console-harness.ts';

/*
 * Portal users on a phone, in Debian's Chromium against the real app and the MTN MoMo stand-in:
 * the owner of an institution adds a buyer; the buyer signs in with their own phone (the code goes
 * to them), sees the purchase screens but not the people, and buys through MoMo.
 */
const OWNER_PHONE = '+250788200111';
const BUYER_PHONE = '+250788200222';
const METER = 'GSK-0001';
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
    tiers: [{ uptoKwh: null, priceMinorPerKwh: 100 }],
    taxBasisPoints: 0,
    effectiveFrom: '2020-01-01T00:00:00Z',
  });
  expect(tariff.statusCode, tariff.body).toBe(201);
  const account = await staff.post('/api/prepaid/accounts', {
    kind: 'institution',
    name: 'Groupe Scolaire Kigali',
    phone: OWNER_PHONE,
    channel: { name: 'email', to: 'head@example.com' },
  });
  expect(account.statusCode, account.body).toBe(201);
  const meter = await staff.post('/api/prepaid/meters', {
    accountId: account.json().id,
    number: METER,
    building: 'Main block',
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
  context.setDefaultTimeout(15_000);
  page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[portal] ${err.message}`));
}, 120_000);

afterAll(async () => {
  await context?.close();
  await rig?.close();
  await momo?.close();
});

/** The latest code the portal sent to `address`, opened from the outbox where it waits sealed. */
async function sentCode(address: string): Promise<string> {
  return portalCodeCaughtFor(rig.app, address);
}

async function signIn(phone: string, codeTo: string) {
  await page.goto('/portal/default/');
  await page.getByLabel('Phone number').fill(phone);
  await page.getByLabel('Meter number').fill(METER);
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await page.getByText('a code is on its way').waitFor();
  await page.getByLabel('Code').fill(await sentCode(codeTo));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Hello, Groupe Scolaire Kigali' }).waitFor();
}

describe('prepaid portal users', () => {
  it('an owner adds a buyer, who signs in with their own phone and buys through MoMo', async () => {
    await signIn(OWNER_PHONE, 'head@example.com');
    await page.getByText('Signed in as Groupe Scolaire Kigali · Owner').waitFor();
    const people = page.getByTestId('users');
    await people.getByLabel('Name').fill('Jean Bursar');
    await people.getByLabel('Phone number').fill('+250 788 200 222');
    await people.getByLabel(/^E-mail/).fill('jean@example.com');
    await people.getByLabel('Role').last().selectOption('buyer');
    await people.getByRole('button', { name: 'Add a person' }).click();
    await page.getByTestId('users').locator('[data-user="Jean Bursar"]').waitFor();
    await page.getByTestId('users').scrollIntoViewIfNeeded();
    await shot(page, 'prepaid-portal-users-1-owner-added-buyer');
    const { rows: users } = await rig.app.database.pool.query(
      `select name, phone, email, role from prepaid_portal_user where removed_at is null order by created_at`,
    );
    expect(users).toEqual([
      { name: 'Groupe Scolaire Kigali', phone: OWNER_PHONE, email: null, role: 'owner' },
      { name: 'Jean Bursar', phone: BUYER_PHONE, email: 'jean@example.com', role: 'buyer' },
    ]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Send me a code' }).waitFor();
    await signIn('+250 788 200 222', 'jean@example.com');
    await page.getByText('Signed in as Jean Bursar · Buyer').waitFor();
    expect(await page.getByTestId('users').count(), 'a buyer does not manage people').toBe(0);
    await shot(page, 'prepaid-portal-users-2-buyer-home');

    await page.getByRole('button', { name: 'Buy electricity' }).click();
    await page.getByLabel('Amount (RWF)').fill('1,000');
    await page.getByRole('button', { name: 'See the price' }).click();
    const quote = page.getByTestId('quote');
    await quote.getByText(/You get \d+\.\d kWh/).waitFor();
    expect(await quote.getByLabel('Phone that pays').inputValue(), 'the buyer’s own phone pays').toBe(
      BUYER_PHONE,
    );
    await quote.getByRole('button', { name: /^Pay RWF/ }).click();
    const request = await momo.waitForRequestToPay((r) => r.payer.partyId === '250788200222', 20_000);
    await momo.settle(request.referenceId, 'SUCCESSFUL');
    await momo.sendCallback(request.referenceId, { url: `${rig.baseUrl}/webhooks/momo` });
    const shown = page.getByTestId('token');
    await shown.waitFor();
    const { rows } = await rig.app.database.pool.query<{ token: string }>(
      `select t.token from prepaid_token t where t.payment_id = $1`,
      [request.referenceId],
    );
    expect(rows).toHaveLength(1);
    expect((await shown.innerText()).replace(/\s+/g, '')).toBe(rows[0]!.token);
    await shot(page, 'prepaid-portal-users-3-buyer-token');
    // History names the portal user by name; the console words "Portal: …" in the reader's language.
    const { rows: audit } = await rig.app.database.pool.query(
      `select actor_id, actor_label from audit_event where action = 'prepaid.purchase.created'`,
    );
    expect(audit.map((a) => a.actor_label)).toEqual(['Jean Bursar (Groupe Scolaire Kigali)']);
    expect(audit.map((a) => a.actor_id)).toEqual([expect.stringMatching(/^portal:/)]);
  });

  it('staff see the account’s portal users on its page, change a role, and are told the last owner stays', async () => {
    const { context: desk, page: console } = await openConsoleAs(rig, 'vendor@example.com');
    try {
      await console.click('[data-nav="resource:prepaid.accounts"]');
      await console.locator('tbody').getByText('Groupe Scolaire Kigali').click();
      const panel = console.getByTestId('prepaid-portal-users');
      const jean = panel.locator('[data-user="Jean Bursar"]');
      await jean.waitFor();
      await jean.getByLabel('Role').click();
      await console.getByRole('option', { name: 'Viewer' }).click();
      await eventually(
        async () => {
          const { rows } = await rig.app.database.pool.query(
            `select role from prepaid_portal_user where name = 'Jean Bursar' and role = 'viewer'`,
          );
          return rows.length === 1 || undefined;
        },
        { what: 'Jean is a viewer' },
      );
      await panel
        .locator('[data-user="Groupe Scolaire Kigali"]')
        .getByRole('button', { name: 'Remove' })
        .click();
      await panel.getByRole('alert').waitFor();
      expect(await panel.getByRole('alert').innerText()).toMatch(/owner/i);
      await shot(console, 'prepaid-portal-users-4-console-panel');
    } finally {
      await desk.close();
    }
  });
});
