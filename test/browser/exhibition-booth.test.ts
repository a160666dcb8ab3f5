import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ReceivedMail, type SmtpProcess, startSmtpProcess } from '../standins/smtp-server.ts';
import { eventually } from '../support/eventually.ts';
import { type ApiClient, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';
import { shot } from './console-harness.ts';
import { writeY4m } from './scanner-camera.ts';

/*
 * The exhibition booth page (a second page of the scanner app, /scanner/booth.html) in Debian's
 * Chromium against the real app. The customer is registered at the desk and their welcome e-mail
 * goes through the SMTP server process; the QR PNG attached to that e-mail is what the fake camera
 * shows, so the page decodes the customer's real pass with getUserMedia + jsQR.
 */
const BOOTH_STAFF = 'coffee-booth@example.com';
/** An ops member working the booth: the desk's permission to take payment goes with them. */
const OPS_AT_BOOTH = 'ops-booth@example.com';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

let app: TestApp;
let smtp: SmtpProcess;
let owner: ApiClient;
let desk: ApiClient;
let baseUrl: string;
let tmp: string;
let boothId: string;
let exhibitionId: string;
let browser: Browser;
const pages: Page[] = [];
const customer = { id: '', code: '', name: 'Asha Rao' };

const boothShot = (page: Page, name: string) => shot(page, `booth-${name}`, { fullPage: true });

async function call(client: ApiClient, method: 'post' | 'get', url: string, body?: unknown) {
  const res = method === 'get' ? await client.get(url) : await client.post(url, body);
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.body ? res.json() : undefined;
}

const billsOf = async (customerId: string) =>
  (
    await app.database.pool.query(
      `select amount_minor::int as amount, booth_id, status, created_by from exhibition_bill
        where customer_id = $1 order by created_at`,
      [customerId],
    )
  ).rows as Array<{ amount: number; booth_id: string; status: string; created_by: string }>;

const tabOf = async (customerId: string) =>
  (
    await app.database.pool.query(
      'select total_minor::int as total, bill_count from exhibition_customer where id = $1',
      [customerId],
    )
  ).rows[0] as { total: number; bill_count: number };

/** The money taken for the customer's bills (core payments of purpose `exhibition.bill`). */
const paymentsOf = async (customerId: string) =>
  (
    await app.database.pool.query(
      `select p.amount_minor::int as amount, p.status, p.manual_kind as kind from payment p
        join exhibition_bill b on b.id::text = p.purpose_id
        where p.purpose_type = 'exhibition.bill' and b.customer_id = $1 order by p.created_at`,
      [customerId],
    )
  ).rows as Array<{ amount: number; status: string; kind: string | null }>;

const queuedCount = async (page: Page) => Number(await page.getByTestId('queued').getAttribute('data-count'));

/** A phone signed in as the booth's staff, on the booth page. */
async function phone(
  options: { camera?: boolean; email?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 412, height: 915 },
    locale: 'en-US',
  });
  context.setDefaultTimeout(15_000);
  if (options.camera === false)
    await context.addInitScript(() => localStorage.setItem('opsdesk.booth.camera', 'off'));
  const page = await context.newPage();
  pages.push(page);
  page.on('pageerror', (err) => console.error(`[booth] ${err.message}`));
  await page.goto('/scanner/booth.html');
  await page.getByLabel('E-mail').fill(options.email ?? BOOTH_STAFF);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('booth-today').waitFor();
  return { context, page };
}

/** Bills `amount` (typed as staff would) to the customer on screen; resolves with the bill panel's key. */
async function bill(page: Page, amount: string, description: string) {
  await page.getByLabel(/Amount/).fill(amount);
  await page.getByLabel('What for (optional)').fill(description);
  await page.getByRole('button', { name: /^Bill / }).click();
  await page.waitForFunction(() => document.getElementById('last-bill')?.dataset.key !== undefined);
  return page.getByTestId('last-bill');
}

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'opsdesk-booth-'));
  smtp = await startSmtpProcess();
  app = await startTestApp({
    env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'Expo desk <desk@expo.test>' },
  });
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const address = app.http.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  baseUrl = `http://127.0.0.1:${address.port}`;
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  await app.createStaff({ email: 'desk@example.com', role: 'ops' });
  await app.createStaff({ email: BOOTH_STAFF, role: 'scanner' });
  await app.createStaff({ email: OPS_AT_BOOTH, role: 'ops' });
  owner = await app.signIn('owner@example.com');
  desk = await app.signIn('desk@example.com');
  const today = new Date().toISOString().slice(0, 10);
  const exhibition = await call(owner, 'post', '/api/exhibition/exhibitions', {
    name: 'Winter Expo',
    currency: 'USD',
    startsOn: today,
    endsOn: today,
    venue: 'Hall 4',
    timeZone: 'UTC',
  });
  exhibitionId = exhibition.id;
  boothId = (
    await call(owner, 'post', `/api/exhibition/exhibitions/${exhibitionId}/booths`, { name: 'Coffee corner' })
  ).id;
  const boothStaff = await app.signIn(BOOTH_STAFF);
  const session = await call(boothStaff, 'get', '/api/auth/session');
  await call(owner, 'post', `/api/exhibition/booths/${boothId}/staff`, { userId: session.user.id });
  const opsSession = await call(await app.signIn(OPS_AT_BOOTH), 'get', '/api/auth/session');
  await call(owner, 'post', `/api/exhibition/booths/${boothId}/staff`, { userId: opsSession.user.id });
  await app.startWorker();
  const registered = await call(desk, 'post', '/api/exhibition/customers', {
    exhibitionId,
    name: customer.name,
    email: 'asha@visitor.test',
    phone: '+14155550101',
  });
  Object.assign(customer, { id: registered.id, code: registered.code });
  // The QR the customer got by e-mail, as the SMTP server received it, is what the camera sees.
  const [mail] = (await smtp.waitForMessages(1)) as ReceivedMail[];
  const qr = mail!.attachments.find((a) => a.mimeType === 'image/png');
  if (!qr) throw new Error('the welcome e-mail has no QR attachment');
  const file = join(tmp, 'asha.y4m');
  writeY4m(Buffer.from(qr.base64, 'base64'), file);
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, `--use-file-for-fake-video-capture=${file}`],
  });
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail')
    for (const [i, page] of pages.entries())
      await boothShot(page, `failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}-${i}`).catch(() => {});
  for (const page of pages) await page.context().close();
  pages.length = 0;
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await smtp?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('exhibition booth page', () => {
  it('decodes the QR from the customer’s welcome e-mail with the camera and bills against it', async () => {
    const { page } = await phone();
    await page.getByTestId('customer-name').filter({ hasText: customer.name }).waitFor();
    expect(await page.getByTestId('customer-total').innerText()).toBe('$0.00');
    await boothShot(page, 'customer');
    const panel = await bill(page, '12.50', 'Two coffees');
    await expect.poll(() => panel.getAttribute('data-state')).toBe('sent');
    expect(await panel.innerText()).toMatch(/^Billed \$12\.50 to Asha Rao\.\n/);
    // The just-made bill can be voided here for a short while (said on screen).
    await panel.getByRole('button', { name: 'Void this bill' }).waitFor();
    expect(await panel.innerText()).toContain('You can void this bill here for 2 minutes after billing.');
    await expect.poll(() => page.getByTestId('customer-total').innerText()).toBe('$12.50');
    await expect.poll(() => page.getByTestId('booth-today').innerText()).toBe('$12.50');
    await boothShot(page, 'billed');
    expect(await billsOf(customer.id)).toEqual([
      {
        amount: 1250,
        booth_id: boothId,
        status: 'active',
        created_by: expect.stringContaining('coffee-booth'),
      },
    ]);
    expect(await tabOf(customer.id)).toEqual({ total: 1250, bill_count: 1 });
  });

  it('offline: takes a bill by typed code, keeps it across a reload, and sends it once when the network returns', async () => {
    const before = await tabOf(customer.id);
    const { context, page } = await phone({ camera: false });
    await page.evaluate(() => navigator.serviceWorker.ready);
    await context.setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    await page
      .getByLabel('Code, name or phone')
      .fill(`${customer.code.slice(0, 4)}-${customer.code.slice(4)}`.toLowerCase());
    await page.getByRole('button', { name: 'Find' }).click();
    await page
      .getByTestId('customer-name')
      .filter({ hasText: `Customer ${customer.code.slice(0, 4)}-${customer.code.slice(4)}` })
      .waitFor();
    const panel = await bill(page, '7,25', 'Cake');
    expect(await panel.getAttribute('data-state')).toBe('queued');
    await expect.poll(() => queuedCount(page)).toBe(1);
    await boothShot(page, 'offline-queued');

    // The page opens with no network (from the service worker's cache) and the bill is still queued.
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await expect.poll(() => queuedCount(page)).toBe(1);
    expect(await tabOf(customer.id)).toEqual(before);

    await context.setOffline(false);
    await expect.poll(() => queuedCount(page)).toBe(0);
    expect(await tabOf(customer.id)).toEqual({
      total: before.total + 725,
      bill_count: before.bill_count + 1,
    });
    expect((await billsOf(customer.id)).filter((b) => b.amount === 725)).toHaveLength(1);
  });

  it('bills once when the server’s answer is lost and the phone sends the bill again', async () => {
    const before = await tabOf(customer.id);
    const { page } = await phone({ camera: false });
    await page.getByLabel('Code, name or phone').fill(customer.code);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByTestId('customer-name').filter({ hasText: customer.name }).waitFor();
    // The first send reaches the server (the bill is stored) but its answer never reaches the phone.
    let lost = 0;
    await page.route('**/api/exhibition/customers/*/bills', async (route) => {
      if (lost > 0) return route.continue();
      lost++;
      await route.fetch();
      await route.abort('connectionreset');
    });
    const panel = await bill(page, '3.10', 'Water');
    await eventually(async () => (await billsOf(customer.id)).some((b) => b.amount === 310), {
      what: 'the first send to be stored',
    });
    // The phone retries on its own (every few seconds) with the same Idempotency-Key.
    await expect.poll(() => panel.getAttribute('data-state')).toBe('sent');
    expect(lost).toBe(1);
    expect((await billsOf(customer.id)).filter((b) => b.amount === 310)).toHaveLength(1);
    expect(await tabOf(customer.id)).toEqual({
      total: before.total + 310,
      bill_count: before.bill_count + 1,
    });
  });

  it('finds customers by name or phone, and lets staff pick one of several', async () => {
    const verma = await call(desk, 'post', '/api/exhibition/customers', {
      exhibitionId,
      name: 'Asha Verma',
      email: 'asha.verma@visitor.test',
      phone: '+14155550199',
    });
    const { page } = await phone({ camera: false });
    await page.getByLabel('Code, name or phone').fill('asha');
    await page.getByRole('button', { name: 'Find' }).click();
    const matches = page.getByTestId('matches');
    await matches.getByRole('button', { name: /Asha Verma/ }).waitFor();
    expect(await matches.getByRole('button').count()).toBe(2);
    await boothShot(page, 'matches');
    await matches.getByRole('button', { name: /Asha Verma/ }).click();
    await page.getByTestId('customer-name').filter({ hasText: 'Asha Verma' }).waitFor();
    const panel = await bill(page, '2', 'Postcard');
    await expect.poll(() => panel.getAttribute('data-state')).toBe('sent');
    expect(await billsOf(verma.id)).toMatchObject([{ amount: 200, booth_id: boothId, status: 'active' }]);
    // One match (the phone's last digits) shows the customer at once.
    await page.getByRole('button', { name: 'Next customer' }).click();
    await page.getByLabel('Code, name or phone').fill('0101');
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByTestId('customer-name').filter({ hasText: customer.name }).waitFor();
  });

  it('takes cash for the tab where the customer stands, once when the answer is lost; scanner staff cannot', async () => {
    await call(desk, 'post', `/api/exhibition/customers/${customer.id}/bills`, {
      boothId,
      amountMinor: 450,
      description: 'Tea',
    });
    // The booth's scanner staff bill but take no money: no button, and the desk's route refuses them.
    const scanner = await phone({ camera: false });
    await scanner.page.getByLabel('Code, name or phone').fill(customer.code);
    await scanner.page.getByRole('button', { name: 'Find' }).click();
    await scanner.page.getByTestId('customer-name').filter({ hasText: customer.name }).waitFor();
    await scanner.page.getByTestId('customer-total').waitFor();
    expect(await scanner.page.getByTestId('take-payment').count()).toBe(0);
    const refused = await (await app.signIn(BOOTH_STAFF)).post(
      `/api/exhibition/customers/${customer.id}/payments`,
      {
        method: 'cash',
      },
    );
    expect(refused.statusCode).toBe(403);

    const owed = (await call(desk, 'get', `/api/exhibition/customers/${customer.id}/bills`)) as Array<{
      status: string;
      money: { dueMinor: number };
    }>;
    const due = owed.filter((b) => b.status === 'active').reduce((n, b) => n + b.money.dueMinor, 0);
    expect(due).toBeGreaterThan(0);
    expect(await paymentsOf(customer.id)).toEqual([]);
    const dueText = `$${(due / 100).toFixed(2)}`;

    const { page } = await phone({ camera: false, email: OPS_AT_BOOTH });
    await page.getByLabel('Code, name or phone').fill(customer.code);
    await page.getByRole('button', { name: 'Find' }).click();
    await page.getByTestId('customer-name').filter({ hasText: customer.name }).waitFor();
    await page.getByTestId('take-payment').click();
    const step = page.getByTestId('tab-payment');
    await step.getByText(`The tab owes ${dueText}.`, { exact: false }).waitFor();
    // Nothing is recorded before staff say the cash is in hand.
    expect(await paymentsOf(customer.id)).toEqual([]);
    await boothShot(page, 'payment-confirm');

    // The first tap reaches the server (the money is recorded) but its answer never reaches the phone.
    let lost = 0;
    await page.route('**/api/exhibition/customers/*/payments', async (route) => {
      if (lost > 0) return route.continue();
      lost++;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: `Cash received: ${dueText}` }).click();
    await page.getByTestId('payment-error').filter({ hasText: 'the payment is not confirmed' }).waitFor();
    await eventually(async () => (await paymentsOf(customer.id)).length > 0, {
      what: 'the first tap recorded',
    });
    await page.getByRole('button', { name: `Cash received: ${dueText}` }).click();
    await expect.poll(() => step.getAttribute('data-step')).toBe('done');
    expect(await step.innerText()).toContain(`Took ${dueText} in cash. Nothing more is due on this tab.`);
    await boothShot(page, 'payment-taken');
    expect(lost).toBe(1);
    const taken = await paymentsOf(customer.id);
    expect(taken.every((p) => p.status === 'recorded' && p.kind === 'cash')).toBe(true);
    expect(taken.reduce((n, p) => n + p.amount, 0)).toBe(due);

    // Asked again: nothing is due, and nothing more is taken.
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('take-payment').click();
    await step.getByText('Nothing is due on this tab').waitFor();
    expect(await paymentsOf(customer.id)).toEqual(taken);
  });

  it('says plainly that none of the person’s organizations has a booth, offering none to switch to', async () => {
    // A raffle seller (oldest membership: a raffle-only organization) also belongs to an expo with no
    // booth yet: before issue 66 the page offered that expo (and any organization) to switch to.
    const email = 'raffle-seller@example.com';
    await app.createOrg('a-raffle-only', email);
    const seller = await app.signIn(email, undefined, 'a-raffle-only');
    expect((await seller.patch('/api/org', { modules: ['raffle'] })).statusCode).toBe(200);
    await app.createOrg('b-bare-expo', 'bare-owner@example.com');
    await app.createStaff({ email, role: 'scanner', org: 'b-bare-expo' });

    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 412, height: 915 } });
    context.setDefaultTimeout(15_000);
    await context.addInitScript(() => localStorage.setItem('opsdesk.booth.camera', 'off'));
    const page = await context.newPage();
    pages.push(page);
    await page.goto('/scanner/booth.html');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByTestId('booth-none')
      .getByText(
        'You are in a-raffle-only, and none of your organizations has an exhibition booth yet. Ask the desk to add a booth and assign you to it.',
      )
      .waitFor();
    expect(await page.getByTestId('booth-pick-org').count()).toBe(0);
    await boothShot(page, 'no-organization-with-booths');
  });

  it('refuses a mistyped code with the server’s message and no customer on screen', async () => {
    const { page } = await phone({ camera: false });
    const typo = customer.code.slice(0, 7) + (customer.code[7] === 'A' ? 'B' : 'A');
    await page.getByLabel('Code, name or phone').fill(typo);
    await page.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => page.getByTestId('lookup-error').innerText()).not.toBe('');
    expect(await page.getByTestId('customer-name').count()).toBe(0);
    await boothShot(page, 'typo');
  });
});
