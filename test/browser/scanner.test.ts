import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { type Browser, chromium, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { legacySignature } from '../../src/modules/mess/legacy-passes.rules.ts';
import { type ApiClient, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';
import { middayZone, zoneAtHour } from '../support/test-clock.ts';
import { shot } from './console-harness.ts';
import { writeY4m } from './scanner-camera.ts';

/*
 * The mess scanner PWA in Debian's Chromium against the real app. Each scenario's browser has a
 * fake camera (a .y4m made here from a real pass QR), so passes go through getUserMedia + jsQR.
 */
const OWNER = 'warden@example.com';
const SCANNER = 'counter@example.com';
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
let owner: ApiClient;
let baseUrl: string;
let tmp: string;
let cycleId: string;
/** The mess's zone: about noon there while this runs, so its all-day meal is open (see middayZone). */
const messZone = middayZone();
const browsers: Browser[] = [];
const pages: Page[] = [];
const students: Record<string, { id: string; rollNumber: string }> = {};

/** A Chromium whose fake camera shows `png` (a QR image) in every frame. */
async function browserSeeing(png: Uint8Array, name: string): Promise<Browser> {
  const file = join(tmp, `${name}.y4m`);
  writeY4m(png, file);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, `--use-file-for-fake-video-capture=${file}`],
  });
  browsers.push(browser);
  return browser;
}

/**
 * A phone: its own context (so its own device id, IndexedDB and service worker), signed in.
 * `camera: false` starts with the camera switched off (a saved preference), to scan only when told.
 */
async function phone(browser: Browser, options: { camera?: boolean; timezoneId?: string } = {}) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 412, height: 915 },
    locale: 'en-US',
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  context.setDefaultTimeout(15_000);
  if (options.camera === false)
    await context.addInitScript(() =>
      localStorage.setItem('opsdesk.scanner.prefs', JSON.stringify({ camera: false, sound: false })),
    );
  const page = await context.newPage();
  pages.push(page);
  page.on('pageerror', (err) => console.error(`[scanner] ${err.message}`));
  await page.goto('/scanner/');
  await page.getByLabel('E-mail').fill(SCANNER);
  await page.getByLabel('Password').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#scan').waitFor();
  // The snapshot (keys, students, meals) is on the phone once its date shows.
  await page.getByText('Student list from').waitFor();
  return { context, page };
}

/** What the phone shows (once its web fonts, Devanagari among them, have loaded). */
const shotOfPhone = (page: Page, name: string) => shot(page, `scanner-${name}`, { fullPage: true });

const queuedCount = async (page: Page) => Number(await page.getByTestId('queued').getAttribute('data-count'));

/** The result panel once it shows a verdict (not "checking") for a scan other than `previous`. */
async function nextResult(page: Page, previous?: string | null) {
  await page.waitForFunction((prev) => {
    const result = document.getElementById('result')?.dataset;
    return result?.nonce !== undefined && result.nonce !== prev && result.decision !== 'pending';
  }, previous ?? null);
  return page.locator('#result');
}

async function typeRoll(page: Page, roll: string) {
  const previous = await page.locator('#result').getAttribute('data-nonce');
  await page.getByLabel('Roll number').fill(roll);
  await page.getByRole('button', { name: 'Check' }).click();
  return nextResult(page, previous);
}

const today = () => new Date().toISOString().slice(0, 10);
const shiftDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function call(method: 'post' | 'patch' | 'get', url: string, body?: unknown) {
  const res = method === 'get' ? await owner.get(url) : await owner[method](url, body);
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.body ? res.json() : undefined;
}

/** A registered student; `approved` and `paid` for the open cycle unless told otherwise. */
async function student(key: string, name: string, rollNumber: string, o: { paid?: boolean } = {}) {
  const created = await call('post', '/api/mess/students', { name, rollNumber, room: 'B-12' });
  await call('post', '/api/mess/students/actions/approve', { ids: [created.id] });
  if (o.paid !== false)
    await call('post', `/api/mess/students/${created.id}/cash-payments`, { cycleId, amountMinor: 300_000 });
  students[key] = { id: created.id, rollNumber };
  return created.id as string;
}

async function passPng(studentId: string): Promise<Uint8Array> {
  const res = await owner.get(`/api/mess/students/${studentId}/pass.png`);
  if (res.statusCode !== 200) throw new Error(`pass.png: ${res.statusCode} ${res.body}`);
  return res.rawPayload;
}

const scansOf = async (studentId: string) =>
  (
    await app.database.pool.query(
      `select nonce, device_id, decision, reason, server_decision, offline, conflict, scanned_at, local_decision
         from mess_scan where student_id = $1 order by scanned_at`,
      [studentId],
    )
  ).rows;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'opsdesk-scanner-'));
  app = await startTestApp();
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const address = app.http.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  baseUrl = `http://127.0.0.1:${address.port}`;
  await app.createStaff({ email: OWNER, role: 'owner' });
  await app.createStaff({ email: SCANNER, role: 'scanner' });
  owner = await app.signIn(OWNER);
  // One meal open all day, in a zone where it is about noon (a meal ends by 23:59, so on UTC this
  // failed in the last minute of a UTC day), and a cycle around today.
  await call('patch', '/api/org', { timeZone: messZone });
  await call('post', '/api/mess/meals', { name: 'All-day meal', start: '00:00', end: '23:59' });
  cycleId = (
    await call('post', '/api/mess/cycles', {
      name: 'This month',
      from: shiftDays(today(), -3),
      to: shiftDays(today(), 27),
      feeMinor: 300_000,
      currency: 'USD',
    })
  ).id;
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail')
    for (const [i, page] of pages.entries())
      await shotOfPhone(page, `failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}-${i}`).catch(
        () => {},
      );
  pages.length = 0;
});

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await app?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('mess scanner PWA', () => {
  it('is served at /scanner/ with a manifest, a service worker in scope and the CSP', async () => {
    const page = await fetch(`${baseUrl}/scanner/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('manifest.webmanifest');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const manifest = await fetch(`${baseUrl}/scanner/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toContain('application/manifest+json');
    expect(await manifest.json()).toMatchObject({ scope: '/scanner/', display: 'standalone' });
    const sw = await fetch(`${baseUrl}/scanner/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    expect(await sw.text()).not.toContain('__SCANNER_PRECACHE__');
    expect((await fetch(`${baseUrl}/scanner/assets/nope.js`)).status).toBe(404);
  });

  it('shows ALLOWED with the student for an eligible student’s pass seen by the camera', async () => {
    const id = await student('asha', 'Asha Verma', '21CS042');
    const { page } = await phone(await browserSeeing(await passPng(id), 'asha'));
    const result = await nextResult(page);
    await expect.poll(() => result.getAttribute('data-synced')).toBe('sent');
    expect(await result.getAttribute('data-decision')).toBe('allowed');
    expect(await page.getByTestId('decision').innerText()).toContain('ALLOWED');
    expect(await page.getByTestId('student-name').innerText()).toBe('Asha Verma');
    expect(await page.getByTestId('sync-line').innerText()).toContain('Confirmed by the server');
    expect(await page.locator('.avatar').innerText()).toBe('AV');
    // Which meal the phone serves shows before any scan (here, beside the first one).
    expect(await page.getByTestId('meal-now').innerText()).toMatch(/^Serving now: All-day meal, until 23:59/);
    const registration = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(registration).toBe(`${baseUrl}/scanner/`);
    // Installable as an app: Chromium's own check of the manifest, icons and service worker
    // (test contexts are incognito-like, which is the one objection allowed).
    const cdp = await page.context().newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
    await shotOfPhone(page, 'allowed');
    const rows = await scansOf(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ decision: 'allowed', offline: false, local_decision: 'allowed' });
  });

  it('offline: queues scans with their original time, survives a reload, and sends each once when back', async () => {
    const ravi = await student('ravi', 'Ravi Kumar', '21ME007');
    const meena = await student('meena', 'Meena Iyer', '21EE013');
    const { context, page } = await phone(await browserSeeing(await passPng(ravi), 'ravi'), {
      camera: false,
    });
    await page.evaluate(() => navigator.serviceWorker.ready);

    await context.setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    const before = Date.now();
    await page.getByRole('button', { name: 'Start camera' }).click();
    const camera = await nextResult(page);
    expect(await camera.getAttribute('data-decision')).toBe('allowed');
    expect(await page.getByTestId('student-name').innerText()).toBe('Ravi Kumar');
    expect(await page.getByTestId('sync-line').innerText()).toContain('Saved on this phone');
    await page.getByRole('button', { name: 'Stop camera' }).click();
    expect(await (await typeRoll(page, '21ee013')).getAttribute('data-decision')).toBe('allowed');
    expect(await (await typeRoll(page, 'NOBODY-1')).getAttribute('data-decision')).toBe('denied');
    expect(await page.getByTestId('reason').innerText()).toBe('Student not found');
    await expect.poll(() => queuedCount(page)).toBe(3);
    expect(await page.getByTestId('queued').innerText()).toBe('3 waiting to send');
    await shotOfPhone(page, 'offline-queued');

    // The page opens with no network (the context is offline, so the service worker can only
    // answer from its cache) and the queue is still there (IndexedDB).
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await page.locator('#scan').waitFor();
    await expect.poll(() => queuedCount(page)).toBe(3);
    await page.getByTestId('offline-banner').waitFor();
    expect(await scansOf(ravi)).toHaveLength(0);

    // Taken before the phone can reach the server: a scan stamped on arrival would be later.
    const backOnline = Date.now();
    await context.setOffline(false);
    await expect.poll(() => queuedCount(page)).toBe(0);
    expect(await page.getByTestId('offline-banner').count()).toBe(0);

    const scans = [...(await scansOf(ravi)), ...(await scansOf(meena))];
    expect(scans).toHaveLength(2);
    for (const scan of scans) {
      expect(scan).toMatchObject({ decision: 'allowed', offline: true, local_decision: 'allowed' });
      const at = (scan.scanned_at as Date).getTime();
      expect(at).toBeGreaterThanOrEqual(before - 1000);
      expect(at).toBeLessThan(backOnline);
    }
    const nonces = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('opsdesk-scanner');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const all = await new Promise<{ nonce: string; state: string }[]>((resolve) => {
        const r = db.transaction('scans').objectStore('scans').getAll();
        r.onsuccess = () => resolve(r.result);
      });
      return all;
    });
    expect(nonces).toHaveLength(3);
    expect(nonces.every((s) => s.state === 'sent')).toBe(true);
    const onServer = await app.database.pool.query(
      'select nonce, count(*)::int as n from mess_scan where nonce = any($1) group by nonce',
      [nonces.map((s) => s.nonce)],
    );
    expect(onServer.rows).toHaveLength(3);
    expect(onServer.rows.every((r) => r.n === 1)).toBe(true);
    await shotOfPhone(page, 'synced');
  });

  it('offline: a run-on scan between two good ones is refused in words when back, the good ones recorded, nothing left waiting', async () => {
    const kiran = await student('kiran', 'Kiran Rao', '21CH004');
    const lata = await student('lata', 'Lata Singh', '21CH005');
    const { context, page } = await phone(await browserSeeing(await passPng(kiran), 'kiran'), {
      camera: false,
    });
    await page.evaluate(() => navigator.serviceWorker.ready);
    await context.setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    expect(await (await typeRoll(page, '21ch004')).getAttribute('data-decision')).toBe('allowed');
    // A keyboard-wedge reader that lost its Enter runs roll numbers together past any roll number.
    const runOn = '21CH00421CH00521CH00421CH00521CH00421CH005X';
    expect(await (await typeRoll(page, runOn)).getAttribute('data-decision')).toBe('denied');
    expect(await (await typeRoll(page, '21CH005')).getAttribute('data-decision')).toBe('allowed');
    await expect.poll(() => queuedCount(page)).toBe(3);

    await context.setOffline(false);
    await expect.poll(() => queuedCount(page)).toBe(0);
    expect(await scansOf(kiran)).toMatchObject([{ decision: 'allowed', offline: true }]);
    expect(await scansOf(lata)).toMatchObject([{ decision: 'allowed', offline: true }]);
    const refused = page.locator('#recent li[data-state="refused"]');
    await expect.poll(() => refused.count()).toBe(1);
    expect(await refused.innerText()).toContain(runOn);
    expect(await refused.getByTestId('refusal').innerText()).toBe(
      'Not recorded: the scan could not be read (too long to be a pass or roll number). Scan the pass again.',
    );
    expect(await page.locator('#recent li[data-state="queued"]').count()).toBe(0);
    expect(await page.locator('#recent li[data-state="sent"]').count()).toBe(2);
    await shotOfPhone(page, 'run-on-refused');
  });

  it("reads the original system's pass pasted or typed into the roll number field, for the student it names", async () => {
    const uma = await student('uma', 'Uma Nair', '21CH006');
    // As the mess import leaves it: the old QR secret, and the old id and nonce of each student.
    const secret = 'sahara-qr-signing-secret-2025';
    const legacyId = '6f1c2a34-9b1e-4d7a-8c55-0a1b2c3d4e60';
    const res = await owner.request('PUT', '/api/mess/legacy-passes', { qrSecret: secret, until: null });
    expect(res.statusCode, res.body).toBe(200);
    await call('post', '/api/mess/legacy-passes/students', {
      students: [{ legacyId, rollNumber: '21CH006', nonce: 'c0ffee123456', qrVersion: 3 }],
    });
    const message = `3|${legacyId}|1760000000|c0ffee123456`;
    const { page } = await phone(await browserSeeing(await passPng(uma), 'uma'), { camera: false });
    await typeRoll(page, `${message}|${legacySignature(message, secret)}`);
    await expect.poll(async () => (await scansOf(uma)).length).toBe(1);
    // The phone did not turn her away as an unknown roll number: the server, holding the old secret, let her in.
    expect((await scansOf(uma))[0]).toMatchObject({
      decision: 'allowed',
      server_decision: 'allowed',
      local_decision: null,
      conflict: false,
    });
    await expect.poll(() => page.getByTestId('student-name').innerText()).toBe('Uma Nair');
  });

  it('keeps queued scans when the session has expired, and sends them after the next sign-in', async () => {
    const nita = await student('nita', 'Nita Shah', '21CS101');
    const blank = await browserSeeing(await QRCode.toBuffer('NOT-A-PASS', { width: 200 }), 'session');
    const { context, page } = await phone(blank, { camera: false });
    await context.setOffline(true);
    await page.getByTestId('offline-banner').waitFor();
    expect(await (await typeRoll(page, '21CS101')).getAttribute('data-decision')).toBe('allowed');
    await expect.poll(() => queuedCount(page)).toBe(1);

    await context.clearCookies();
    await context.setOffline(false);
    await page.getByTestId('needs-login').waitFor();
    expect(await queuedCount(page)).toBe(1);
    expect(await scansOf(nita)).toHaveLength(0);
    await shotOfPhone(page, 'session-expired');

    await page.getByTestId('needs-login').getByRole('button', { name: 'Sign in' }).click();
    await page.getByLabel('E-mail').fill(SCANNER);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => queuedCount(page)).toBe(0);
    expect(await scansOf(nita)).toMatchObject([{ decision: 'allowed', offline: true }]);
  });

  it('one pass scanned on two offline phones becomes one conflict after both sync', async () => {
    const kiran = await student('kiran', 'Kiran Rao', '21CH021');
    const browser = await browserSeeing(await passPng(kiran), 'kiran');
    const a = await phone(browser, { camera: false });
    const b = await phone(browser, { camera: false });
    const ids = await Promise.all(
      [a, b].map((p) => p.page.evaluate(() => localStorage.getItem('opsdesk.scanner.deviceId'))),
    );
    expect(ids[0]).not.toBe(ids[1]);

    for (const p of [a, b]) {
      await p.context.setOffline(true);
      await p.page.getByTestId('offline-banner').waitFor();
      await p.page.getByRole('button', { name: 'Start camera' }).click();
      expect(await (await nextResult(p.page)).getAttribute('data-decision')).toBe('allowed');
      await p.page.getByRole('button', { name: 'Stop camera' }).click();
    }
    for (const p of [a, b]) await p.context.setOffline(false);
    for (const p of [a, b]) await expect.poll(() => queuedCount(p.page)).toBe(0);

    const scans = await scansOf(kiran);
    // Both phones served Kiran, and that is recorded; the server would have refused the second.
    expect(scans.map((s) => s.decision)).toEqual(['allowed', 'allowed']);
    expect(scans.map((s) => s.server_decision).sort()).toEqual(['allowed', 'denied']);
    expect(new Set(scans.map((s) => s.device_id))).toEqual(new Set(ids));
    expect(scans.filter((s) => s.conflict)).toHaveLength(1);
    const conflicts = await app.database.pool.query(
      'select first_device_id, second_device_id from mess_scan_conflict where student_id = $1',
      [kiran],
    );
    expect(conflicts.rows).toHaveLength(1);
    expect(new Set([conflicts.rows[0].first_device_id, conflicts.rows[0].second_device_id])).toEqual(
      new Set(ids),
    );
    // The phone that synced second says so on its screen.
    const lines = await Promise.all([a, b].map((p) => p.page.getByTestId('sync-line').innerText()));
    expect(lines.filter((l) => l.includes('Served on another counter too'))).toHaveLength(1);
    const second = lines.findIndex((l) => l.includes('Served on another counter too'));
    await shot([a, b][second]!.page, 'conflict');
  });

  it('checks a typed roll number when the camera cannot read the pass', async () => {
    await student('dev', 'Dev Malhotra', '21BT099');
    const blank = await browserSeeing(await QRCode.toBuffer('HELLO-PLAIN-QR', { width: 300 }), 'plain');
    const { page } = await phone(blank);
    // The camera reads a QR that is not a pass: refused on the phone, in words.
    await nextResult(page);
    expect(await page.getByTestId('reason').innerText()).toBe('Not a mess pass');
    const result = await typeRoll(page, ' 21bt099 ');
    expect(await result.getAttribute('data-decision')).toBe('allowed');
    expect(await page.getByTestId('student-name').innerText()).toBe('Dev Malhotra');
    await expect.poll(() => result.getAttribute('data-synced')).toBe('sent');
    expect(await page.getByTestId('sync-line').innerText()).toContain('Confirmed by the server');
    await shotOfPhone(page, 'typed');

    // A keyboard-wedge (hardware) scanner types the whole pass and Enter into the same field.
    const hari = await student('hari', 'Hari Prasad', '21CE031');
    const png = PNG.sync.read(Buffer.from(await passPng(hari)));
    const code = jsQR.default(new Uint8ClampedArray(png.data), png.width, png.height)!.data;
    expect(code).toMatch(/^OD1:/);
    const previous = await page.locator('#result').getAttribute('data-nonce');
    await page.getByLabel('Roll number').fill(code);
    await page.getByLabel('Roll number').press('Enter');
    const wedge = await nextResult(page, previous);
    expect(await wedge.getAttribute('data-decision')).toBe('allowed');
    expect(await page.getByTestId('student-name').innerText()).toBe('Hari Prasad');
    expect((await scansOf(hari))[0]).toMatchObject({ decision: 'allowed' });
  });

  it('shows the times of scans on the organization’s clock, not the phone’s', async () => {
    await student('tara', 'Tara Sen', '21ME071');
    const blank = await browserSeeing(await QRCode.toBuffer('HELLO-PLAIN-QR', { width: 300 }), 'plain-zone');
    // A phone set to a zone where it is evening, at a mess where it is noon: the console, the reports
    // and the scanner agree on the mess's clock.
    const phoneZone = zoneAtHour(19);
    const { page } = await phone(blank, { camera: false, timezoneId: phoneZone });
    const clock = (at: number, timeZone: string) =>
      new Date(at).toLocaleTimeString('en-IN', { hour: '2-digit', minute: '2-digit', timeZone });
    const before = Date.now();
    await typeRoll(page, '21ME071');
    const shown = await page.getByTestId('sync-line').innerText();
    const onOrgClock = [before, Date.now()].map((at) => clock(at, messZone));
    expect(
      onOrgClock.some((c) => shown.endsWith(c)),
      `${shown} ends with one of ${onOrgClock}`,
    ).toBe(true);
    expect(shown).not.toContain(clock(before, phoneZone));
  });

  it('says why in words, in English and Hindi: a replaced pass, an unpaid fee, already served', async () => {
    const sita = await student('sita', 'Sita Devi', '21PH005');
    const oldPass = await passPng(sita);
    await call('post', '/api/mess/students/actions/reissue-pass', { ids: [sita] });
    await student('ulla', 'Ulla Sen', '21MA077', { paid: false });
    // Tara was served this meal already, at the counter's other phone.
    await student('tara', 'Tara Das', '21CS150');
    const served = { nonce: crypto.randomUUID(), rollNumber: '21CS150', scannedAt: new Date().toISOString() };
    await call('post', '/api/mess/scans', {
      deviceId: 'other-phone',
      scans: [{ ...served, offline: false }],
    });
    const { page } = await phone(await browserSeeing(oldPass, 'sita-old'));

    const result = await nextResult(page);
    expect(await result.getAttribute('data-decision')).toBe('denied');
    expect(await page.getByTestId('decision').innerText()).toContain('DENIED');
    expect(await page.getByTestId('reason').innerText()).toBe('Old pass: a newer pass was issued');
    expect(await page.getByTestId('student-name').innerText()).toBe('Sita Devi');
    await expect.poll(() => result.getAttribute('data-synced')).toBe('sent');
    expect(await page.getByTestId('reason').getAttribute('data-code')).toBe('pass_revoked');
    await shotOfPhone(page, 'denied-revoked');

    await page.getByRole('button', { name: 'Stop camera' }).click();
    await typeRoll(page, '21MA077');
    expect(await page.getByTestId('reason').innerText()).toBe('Mess fee not paid for this cycle');
    await typeRoll(page, '21CS150');
    expect(await page.getByTestId('reason').innerText()).toBe('Already served this meal');

    await page.getByRole('button', { name: 'हिन्दी' }).click();
    expect(await page.getByTestId('reason').innerText()).toBe('यह भोजन पहले ही परोसा जा चुका है');
    expect(await page.getByTestId('decision').innerText()).toContain('अनुमति नहीं');
    expect(await page.getByLabel('रोल नंबर').count()).toBe(1);
    await shotOfPhone(page, 'denied-hindi');
  });
});
