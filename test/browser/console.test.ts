import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../support/test-app.ts';
import {
  type ConsoleRig,
  failureShot,
  openConsoleAs,
  shot,
  signInAs,
  startConsoleRig,
} from './console-harness.ts';

const OWNER = 'owner@example.com';
const VIEWER = 'viewer@example.com';
const SCANNER = 'scanner@example.com';

let rig: ConsoleRig;
let owner: ApiClient;
/** This test's own browser context and page, signed in as the owner (no test inherits another's). */
let context: BrowserContext;
let page: Page;

/**
 * Staff every test may read but none changes: named so that sorting by name puts them in a known
 * order, and 27 `crew` members make two pages. A test that changes staff makes its own member.
 */
async function seedStaff() {
  await rig.app.createStaff({ email: OWNER, role: 'owner' });
  await rig.app.createStaff({ email: VIEWER, role: 'viewer' });
  await rig.app.createStaff({ email: SCANNER, role: 'scanner' });
  for (let i = 1; i <= 27; i++) {
    const n = String(i).padStart(2, '0');
    await rig.app.createStaff({ email: `crew${n}@example.com`, role: i % 3 === 0 ? 'ops' : 'viewer' });
  }
}

/** A member of this test's own, by API: its id. */
async function memberOfMyOwn(email: string, role: 'viewer' | 'ops' | 'owner' = 'viewer'): Promise<string> {
  await rig.app.createStaff({ email, role });
  const members = (await owner.get('/api/users')).json() as { id: string; email: string }[];
  return members.find((m) => m.email === email)!.id;
}

const navEntries = (p: Page) =>
  p.locator('[data-nav]').evaluateAll((els) => els.map((e) => e.getAttribute('data-nav')));

beforeAll(async () => {
  rig = await startConsoleRig();
  await seedStaff();
  owner = await rig.app.signIn(OWNER);
});

afterAll(async () => {
  await rig?.close();
});

// Tests that read the server alone, or open a browser of their own (another member, a phone's screen,
// the login form), open no owner's console first.
describe('staff console, on its own', () => {
  it('serves the console under /console/ with deep links, and / redirects there', async () => {
    const root = await fetch(`${rig.baseUrl}/`, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/console/');
    const deep = await fetch(`${rig.baseUrl}/console/platform.members/some-id/show`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await deep.text()).toContain('<div id="root">');
    const missingAsset = await fetch(`${rig.baseUrl}/console/assets/nope.js`);
    expect(missingAsset.status).toBe(404);
  });

  it("runs React's production build, whatever NODE_ENV the console was built under", async () => {
    // These tests build it under Vitest's NODE_ENV=test, where Vite used to bundle React's
    // development runtime: slower screens for every operator whose shell set NODE_ENV.
    const html = await (await fetch(`${rig.baseUrl}/console/`)).text();
    const entry = /<script type="module"[^>]* src="([^"]+)"/.exec(html)?.[1];
    expect(entry).toMatch(/^\/console\/assets\/index-.+\.js$/);
    const code = await (await fetch(`${rig.baseUrl}${entry}`)).text();
    expect(code).toContain('createRoot'); // React is in the entry chunk…
    expect(code).not.toContain('Each child in a list should have a unique'); // …without its development checks
  });

  it('signs in and shows the dashboard with cards and the activity chart', async () => {
    const signedIn = await signInAs(rig, OWNER); // through the login form
    const page = signedIn.page;
    const staff = (await owner.get('/api/users')).json().length;
    await page.waitForSelector('[data-card="platform.staff"] [data-testid="stat-number"]');
    expect(await page.locator('[data-card="platform.staff"] [data-testid="stat-number"]').innerText()).toBe(
      String(staff),
    );
    await page.waitForSelector('[data-card="platform.activity"] svg.recharts-surface');
    expect(await navEntries(page)).toEqual(
      expect.arrayContaining([
        'dashboard',
        'users',
        'tokens',
        'jobs',
        'audit',
        'settings',
        'resource:platform.members',
      ]),
    );
    await shot(page, 'dashboard-light');
    await signedIn.context.close();
  });

  it('never shows write actions to a viewer', async () => {
    expect(
      (await owner.post('/api/notes/notes', { title: 'A note the viewer may read', body: 'x' })).statusCode,
    ).toBe(201);
    const viewer = await openConsoleAs(rig, VIEWER);
    const p = viewer.page;
    expect(await navEntries(p)).not.toContain('tokens');
    await p.goto('/console/platform.members');
    await p.getByText('crew02@example.com').waitFor();
    expect(await p.locator('[data-action]').count()).toBe(0);
    expect(await p.locator('tbody input[type="checkbox"]').count()).toBe(0);
    expect(await p.getByTestId('export-button').count()).toBe(1);
    await p.goto('/console/notes.notes');
    await p.getByText('A note the viewer may read').waitFor();
    expect(await p.getByTestId('import-button').count()).toBe(0);
    await p.goto('/console/users');
    await p.getByText('crew02@example.com').waitFor();
    expect(await p.getByRole('link', { name: 'Add staff member' }).count()).toBe(0);
    await p.goto('/console/settings');
    await p.getByText('You can look but not change this.').waitFor();
    await shot(p, 'viewer-settings');
    await viewer.context.close();
  });

  it('shows a scanner only the scanner', async () => {
    const scanner = await openConsoleAs(rig, SCANNER);
    expect(await navEntries(scanner.page)).toEqual(['scanner']);
    expect(await scanner.page.locator('[data-nav="scanner"]').getAttribute('href')).toBe('/scanner/');
    await scanner.page.getByText('Open the scanner').waitFor();
    await shot(scanner.page, 'scanner-home');
    await scanner.context.close();
  });

  it('fits a 390px-wide phone screen', async () => {
    const phone = await openConsoleAs(rig, OWNER, { width: 390, height: 844 });
    const p = phone.page;
    await p.waitForSelector('[data-card="platform.staff"] [data-testid="stat-number"]');
    const overflow = () => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shot(p, 'phone-dashboard');
    await p.goto('/console/users');
    await p.getByText('crew02@example.com').waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shot(p, 'phone-users');
    await phone.context.close();
  });

  it('signs out and back in after a password change', async () => {
    const email = 'changes-password@example.com';
    await memberOfMyOwn(email, 'ops');
    const mine = await signInAs(rig, email);
    const page = mine.page;
    await page.goto('/console/account/password');
    await page.getByLabel('Current password').fill('correct horse battery staple');
    await page.getByLabel('New password (at least 10 characters)').fill('a much newer passphrase');
    await page.getByLabel('Repeat the new password').fill('a much newer passphrase');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Password changed.').first().waitFor();
    // The account button says whose menu it is (axe: label in name), no longer react-admin's "Profile".
    await page.getByRole('button', { name: 'Account menu of changes-password' }).click();
    await page.getByRole('menuitem', { name: 'Logout' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill('wrong password!!');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('login-error').waitFor();
    await page.getByLabel('Password').fill('a much newer passphrase');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForSelector('[data-nav="dashboard"]');
    await mine.context.close();
  });
});

describe('staff console', () => {
  beforeEach(async () => {
    // 30 s a step: on a 2-core machine shared by test runs, the dashboard's first paint or a server
    // answer outlasted the harness's 10 s (a token and a field-error test each failed there, load ~20).
    ({ context, page } = await openConsoleAs(rig, OWNER, undefined, 30_000));
  });

  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail')
      await failureShot(page, `failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
    await context.close();
  });

  it('lists staff members with server-side search, filters and pagination', async () => {
    await page.click('[data-nav="resource:platform.members"]');
    await page.waitForURL(/\/console\/platform\.members/);
    await page.locator('input[name="q"]').fill('crew');
    await page.getByText('1-25 of 27').waitFor();
    await page.getByRole('button', { name: 'Go to next page' }).click();
    await page.getByText('26-27 of 27').waitFor();
    await page.locator('input[name="q"]').fill('crew1');
    await page.getByText('1-10 of 10').waitFor();
    await page.locator('input[name="q"]').fill('crew');
    await page.getByText('1-25 of 27').waitFor();
    await shot(page, 'members-list');
  });

  it('exports the filtered set as CSV', async () => {
    await page.goto('/console/platform.members');
    await page.locator('input[name="q"]').fill('crew0');
    await page.getByText('1-9 of 9').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-button').click(),
    ]);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines).toHaveLength(10);
    expect(lines[0]).toContain('email');
    expect(csv).toContain('crew09@example.com');
    expect(csv).not.toContain('crew10@example.com');
  });

  it('runs a confirmed bulk action on the selected rows', async () => {
    await memberOfMyOwn('bulk-target@example.com');
    await page.goto('/console/platform.members');
    await page.locator('input[name="q"]').fill('bulk-target');
    await page.getByText('1-1 of 1').waitFor();
    await page.locator('tbody input[type="checkbox"]').first().check();
    await page.locator('[data-action="disable"]').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirm' }).click();
    // One record reads as a sentence naming it, not "1 done, 0 failed" (issue 41, item 20).
    await page.getByText('“Disable” done: bulk-target').waitFor();
    const res = await rig.app.anonymous().get('/healthz');
    expect(res.statusCode).toBe(200);
    const members = (await owner.get('/api/users')).json() as { email: string; disabled: boolean }[];
    expect(members.find((m) => m.email === 'bulk-target@example.com')?.disabled).toBe(true);
  });

  it('opens a record with its audit timeline', async () => {
    const id = await memberOfMyOwn('audited@example.com');
    expect((await owner.patch(`/api/users/${id}`, { disabled: true })).statusCode).toBe(200);
    await page.goto('/console/platform.members');
    await page.locator('input[name="q"]').fill('audited');
    await page.getByText('1-1 of 1').waitFor();
    await page.locator('tbody tr').first().click();
    await page.waitForURL(/\/show$/);
    // The audit code reads as words; the code itself stays on the chip's tooltip.
    await page
      .getByTestId('audit-timeline')
      .getByTitle('platform.member.disabled')
      .getByText('Member disabled')
      .first()
      .waitFor();
    await shot(page, 'member-detail');
  });

  it('imports notes from CSV with column mapping and a dry run first', async () => {
    await page.goto('/console/notes.notes');
    await page.getByTestId('import-button').click();
    const csv = 'Title,Body\nFirst imported,one two three\n,missing title\nSecond imported,four\n';
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByText('notes.csv: rows 3, columns 2').waitFor();
    await page.getByRole('button', { name: 'Check (dry run)' }).click();
    await page.getByTestId('import-result').getByText('Rows: 3 · valid: 2 · invalid: 1').waitFor();
    await page.getByRole('button', { name: 'Download failed rows' }).waitFor();
    await shot(page, 'import-dry-run');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('2 records created').waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByText('First imported').waitFor();
  });

  it('switches the interface to Hindi, Spanish, French and Kinyarwanda', async () => {
    await page.goto('/console/');
    await page.getByRole('button', { name: 'English' }).first().click();
    await page.getByRole('menuitem', { name: 'हिन्दी' }).click();
    await page.locator('[data-nav="dashboard"]').getByText('डैशबोर्ड').waitFor();
    await page.locator('[data-nav="users"]').getByText('स्टाफ़ और भूमिकाएँ').waitFor();
    await shot(page, 'dashboard-hindi');
    await page.getByRole('button', { name: 'हिन्दी' }).first().click();
    await page.getByRole('menuitem', { name: 'Español' }).click();
    await page.locator('[data-nav="users"]').getByText('Personal y roles').waitFor();
    await page.reload();
    await page.locator('[data-nav="audit"]').getByText('Registro de auditoría').waitFor();
    // French and Kinyarwanda, the other languages the server speaks (issue 41, item 2).
    await page.getByRole('button', { name: 'Español' }).first().click();
    await page.getByRole('menuitem', { name: 'Français' }).click();
    await page.locator('[data-nav="users"]').getByText('Personnel et rôles').waitFor();
    await shot(page, 'dashboard-french');
    await page.getByRole('button', { name: 'Français' }).first().click();
    await page.getByRole('menuitem', { name: 'Ikinyarwanda' }).click();
    await page.locator('[data-nav="users"]').getByText('Abakozi n’inshingano').waitFor();
    await shot(page, 'dashboard-kinyarwanda');
    await page.getByRole('button', { name: 'Ikinyarwanda' }).first().click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.locator('[data-nav="dashboard"]').getByText('Dashboard').waitFor();
  });

  it('words a refusal in the console language from its code, not the server English', async () => {
    await page.goto('/console/');
    await page.getByRole('button', { name: 'English' }).first().click();
    await page.getByRole('menuitem', { name: 'Español' }).click();
    await page.goto('/console/account/password');
    await page.getByLabel('Contraseña actual').fill('not my password at all');
    await page.getByLabel(/Nueva contraseña/).fill('a much newer passphrase');
    await page.getByLabel(/Repita/).fill('a much newer passphrase');
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('alert').getByText('La contraseña actual es incorrecta.').waitFor();
    // A bulk action reports each refused row in the same words.
    await page.goto('/console/platform.members');
    await page.locator('input[name="q"]').fill('owner@');
    await page.locator('tbody tr', { hasText: OWNER }).locator('input[type="checkbox"]').check();
    await page.locator('[data-action="disable"]').click();
    await page.getByRole('dialog').getByRole('button', { name: 'Confirmar' }).click();
    // The refused record by its name and the message only: no id, no code (issue 41, item 20).
    const refused = page.getByRole('dialog').filter({ hasText: 'No puedes desactivar tu propia cuenta.' });
    await refused.getByText('Un registro no cambió.').waitFor();
    const words = await refused.innerText();
    expect(words).toContain('owner');
    expect(words).not.toMatch(/resources\.cannot_disable_self|[0-9a-f]{8}-[0-9a-f]{4}-/);
    await page.getByRole('dialog').getByRole('button', { name: 'Cerrar' }).click();
    await page.getByRole('button', { name: 'Español' }).first().click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await page.locator('[data-nav="dashboard"]').getByText('Dashboard').waitFor();
  });

  it('toggles dark mode and keeps it after a reload', async () => {
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    await page.getByRole('button', { name: 'Toggle light/dark mode' }).first().click();
    await expect.poll(background).not.toBe(light);
    await page.reload();
    await page.waitForSelector('[data-nav="dashboard"]');
    await expect.poll(background).not.toBe(light);
    await shot(page, 'dashboard-dark');
    await page.getByRole('button', { name: 'Toggle light/dark mode' }).first().click();
    await expect.poll(background).toBe(light);
  });

  it('opens the command palette with Ctrl+K and jumps to a screen', async () => {
    const id = await memberOfMyOwn('palette-audit@example.com');
    expect((await owner.patch(`/api/users/${id}`, { disabled: true })).statusCode).toBe(200);
    await page.keyboard.press('Control+k');
    const input = page.getByTestId('palette-input');
    await input.waitFor();
    await input.fill('audit');
    await shot(page, 'command-palette');
    await input.press('Enter');
    await page.waitForURL(/\/console\/audit$/);
    await page.getByTestId('audit-table').getByTitle('platform.member.disabled').first().waitFor();
    await page.keyboard.press('?');
    await page.getByText('Keyboard shortcuts').waitFor();
    await page.keyboard.press('Escape');
  });

  it('filters jobs by state and retries a failed one', async () => {
    const created = await owner.post('/api/notes/notes', { title: 'Doomed', body: 'x', failTimes: 5 });
    expect(created.statusCode).toBe(201);
    await rig.app.startWorker();
    let state = '';
    await expect
      .poll(
        async () => {
          for (const s of ['failed', 'dead']) {
            if ((await owner.get(`/api/jobs?state=${s}`)).json().total > 0) state = s;
          }
          return state;
        },
        { timeout: 30_000, interval: 500 },
      )
      .not.toBe('');
    await page.goto('/console/jobs');
    await page.getByRole('combobox', { name: 'State' }).click();
    await page.getByRole('option', { name: state === 'dead' ? 'Dead-lettered' : 'Failed' }).click();
    await page.waitForURL(new RegExp(`filter=.*${state}`));
    await page.getByText('notes.count-words').first().waitFor();
    await shot(page, 'jobs-failed');
    await page.getByRole('button', { name: 'Retry' }).first().click();
    await page.getByText('Job queued again').waitFor();
  });

  it('creates an API token and shows its secret once', async () => {
    await page.goto('/console/tokens');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('sheet sync');
    await page.getByRole('dialog').getByLabel('Scopes').click();
    await page.getByRole('option', { name: 'platform.audit.read' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Create token' }).click();
    const secret = await page.getByTestId('token-secret').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByText('sheet sync').waitFor();
    expect(await page.content()).not.toContain(secret);
  });

  it('shows field errors from the server next to the fields', async () => {
    await page.goto('/console/settings');
    await page.getByLabel('Time zone').fill('Mars/Olympus');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('expected an IANA time zone').waitFor();
  });
});
