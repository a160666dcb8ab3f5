import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { type ApiClient, TEST_PASSWORD } from '../support/test-app.ts';
import { type ConsoleRig, sharedConsoleRig, shot, signInAs } from './console-harness.ts';

/*
 * Live totals: a bill added through the API by another client (a second desk) shows on the booth
 * page (scanner app, EventSource on /api/live), on the console's booth dashboard and on the desk's
 * open tab without a reload. The screens' safety polls run every 60 s; the assertions allow 5 s, so
 * only the live stream can have updated them.
 */
const LIVE_WITHIN_MS = 5_000;
const BOOTH_STAFF = 'live-booth@example.com';

let rig: ConsoleRig;
let otherDesk: ApiClient;
let boothId: string;
const customer = { id: '', code: '' };

async function call(client: ApiClient, url: string, body: unknown, headers?: Record<string, string>) {
  const res = await client.post(url, body, headers);
  if (res.statusCode >= 300) throw new Error(`POST ${url}: ${res.statusCode} ${res.body}`);
  return res.body ? res.json() : undefined;
}
const liveShot = (page: Page, name: string) => shot(page, `exhibition-live-${name}`, { fullPage: true });
const textOf = (page: Page, testId: string) => page.getByTestId(testId).innerText();

beforeAll(async () => {
  // The worker's app, in an organization of this file's own.
  rig = await sharedConsoleRig({ org: 'exhibition-live' });
  const { app } = rig;
  await app.createStaff({ email: 'live-owner@example.com', role: 'owner' });
  await app.createStaff({ email: 'live-desk@example.com', role: 'ops' });
  await app.createStaff({ email: BOOTH_STAFF, role: 'scanner' });
  const owner = await app.signIn('live-owner@example.com');
  otherDesk = await app.signIn('live-desk@example.com');
  const today = new Date().toISOString().slice(0, 10);
  const exhibition = await call(owner, '/api/exhibition/exhibitions', {
    name: 'Live Expo',
    currency: 'USD',
    startsOn: today,
    endsOn: today,
    timeZone: 'UTC',
  });
  boothId = (await call(owner, `/api/exhibition/exhibitions/${exhibition.id}/booths`, { name: 'Tea stall' }))
    .id;
  const boothUser = (await (await app.signIn(BOOTH_STAFF)).get('/api/auth/session')).json().user.id;
  await call(owner, `/api/exhibition/booths/${boothId}/staff`, { userId: boothUser });
  Object.assign(
    customer,
    await call(otherDesk, '/api/exhibition/customers', {
      exhibitionId: exhibition.id,
      name: 'Lena Fischer',
      email: 'lena@visitor.test',
      phone: '+14155550177',
    }),
  );
}, 120_000);
afterAll(() => rig?.close());

describe('exhibition screens update live', () => {
  it('a bill from another desk appears on the booth page, the dashboard and the open tab without a reload', async () => {
    // The booth page on a phone, signed in as the booth's staff.
    const booth = await rig.browser.newContext({
      baseURL: rig.baseUrl,
      viewport: { width: 412, height: 860 },
    });
    booth.setDefaultTimeout(15_000);
    await booth.addInitScript(() => localStorage.setItem('opsdesk.booth.camera', 'off'));
    const phone = await booth.newPage();
    phone.on('pageerror', (err) => console.error(`[booth] ${err.message}`));
    const streamOf = (page: Page) =>
      page.waitForResponse((r) => r.url().includes('/api/live?') && r.status() === 200);
    const streams = [streamOf(phone)];
    await phone.goto('/scanner/booth.html');
    await phone.getByLabel('E-mail').fill(BOOTH_STAFF);
    await phone.getByLabel('Password').fill(TEST_PASSWORD);
    await phone.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => textOf(phone, 'booth-today')).toBe('$0.00');

    // The dashboard and the desk (its tab open on the customer) in the console, as the owner.
    const { page: dashboard } = await signInAs(rig, 'live-owner@example.com');
    streams.push(streamOf(dashboard));
    await dashboard.goto('/console/exhibition/dashboard');
    await dashboard.getByTestId('dashboard-today').getByText('$0.00').waitFor();
    // The desk in a second tab of the same signed-in browser (one sign-in for both screens).
    const desk = await dashboard.context().newPage();
    streams.push(streamOf(desk));
    await desk.goto('/console/exhibition/desk');
    await desk.getByTestId('desk-scan').waitFor();
    // The scanner types into whatever has the focus: the scan input takes it by itself.
    await eventually(
      () => desk.evaluate(() => document.activeElement?.getAttribute('data-testid') === 'desk-scan'),
      { what: 'the scan input to have the focus' },
    );
    await desk.keyboard.type(`${customer.code}\n`);
    await desk.getByTestId('desk-tab').getByText('Lena Fischer').waitFor();
    await desk.getByTestId('desk-total').getByText('$0.00').waitFor();
    // Each page's live stream is open (200, text/event-stream) before the bill.
    await Promise.all(streams);

    const billed = Date.now();
    await call(
      otherDesk,
      `/api/exhibition/customers/${customer.id}/bills`,
      { boothId, amountMinor: 1875, description: 'Three teas' },
      { 'idempotency-key': 'live-screens-1' },
    );
    const seen = async (page: Page, testId: string, text: string) => {
      await eventually(async () => (await textOf(page, testId)).includes(text), {
        what: `${testId} to show ${text}`,
        timeoutMs: LIVE_WITHIN_MS,
      });
      return Date.now() - billed;
    };
    const delays = {
      booth: await seen(phone, 'booth-today', '$18.75'),
      dashboard: await seen(dashboard, 'dashboard-today', '$18.75'),
      desk: await seen(desk, 'desk-total', '$18.75'),
    };
    console.info(`live updates seen after (ms): ${JSON.stringify(delays)}`);
    // The desk's own input keeps the focus while its tab refreshes underneath.
    expect(await desk.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'desk-amount',
    );
    await liveShot(phone, 'booth');
    await liveShot(dashboard, 'dashboard');
    await liveShot(desk, 'desk');

    // The stored tab is what the screens show.
    const tab = (await otherDesk.get(`/api/exhibition/customers/${customer.id}`)).json();
    expect(tab).toMatchObject({ totalMinor: 1875, billCount: 1 });
  });
});
