/**
 * `node --import tsx bench/console-list.ts`: the staff console listing 100,000 contacts in Chromium.
 * Times what a person waits for: a cold page load of the list, the next page, a search and a
 * filter, each until the rows are on screen; and the API call behind each. Needs /usr/bin/chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { chromium } from 'playwright-core';
import { buildApp } from '../src/app/build-app.ts';
import { AVAILABLE_MODULES } from '../src/app/modules.ts';
import { addMember } from '../src/core/auth/index.ts';
import { findOrganizationBySlug } from '../src/core/orgs/index.ts';
import { loadConfig } from '../src/platform/config/index.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const dataDir = mkdtempSync(join(tmpdir(), 'opsdesk-bench-console-'));
const app = await buildApp({
  config: loadConfig(
    { OPSDESK_DATA_DIR: dataDir, OPSDESK_LOG_LEVEL: 'warn', OPSDESK_RATE_LIMIT_PER_MINUTE: '1000000' },
    { envFile: false },
  ),
  modules: AVAILABLE_MODULES,
});
try {
  const org = (await findOrganizationBySlug(app.database.db, 'default'))!;
  const ctx = app.deps.systemCtx(org.id, 'bench');
  await addMember(ctx, {
    email: 'bench@example.com',
    name: 'Bench',
    password: 'bench-password-123',
    role: 'owner',
    assignerRole: 'system',
  });
  const t = performance.now();
  await sql`insert into contact (org_id, display_name, preferred_language, created_at)
    select ${org.id}, 'Person ' || g || (case when g % 1000 = 0 then ' Zebra' else '' end),
           (array['en','hi','es'])[1 + g % 3], now() - (g || ' minutes')::interval
    from generate_series(1, ${ROWS}) g`.execute(app.database.db);
  await sql`analyze contact`.execute(app.database.db);
  console.log(`inserted ${ROWS} contacts in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const address = app.http.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const api: Array<{ url: string; ms: number }> = [];
  if (process.env.BENCH_TRACE)
    page.on('request', (req) =>
      console.log(`    -> ${(performance.now() / 1000).toFixed(3)} ${req.url().replace(base, '')}`),
    );
  page.on('requestfinished', (req) => {
    if (req.url().includes('/api/contacts/records'))
      api.push({ url: req.url().replace(base, ''), ms: req.timing().responseEnd });
  });
  await page.goto(`${base}/console/`);
  await page.fill('input[name="email"], input[type="email"]', 'bench@example.com');
  await page.fill('input[type="password"]', 'bench-password-123');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/console\/?$/);

  const rowsShown = () => page.locator('tbody tr').first().waitFor({ timeout: 60_000 });
  const timed = async (label: string, act: () => Promise<unknown>, until: () => Promise<unknown>) => {
    const start = performance.now();
    await act();
    await until();
    console.log(`  ${label.padEnd(42)} ${(performance.now() - start).toFixed(0).padStart(6)} ms`);
  };
  console.log(`\nConsole list of ${ROWS} contacts in Chromium (until rows are on screen):`);
  const shows = (text: RegExp) => page.getByText(text).first().waitFor({ timeout: 60_000 });
  await timed(
    'cold load of the list page',
    () => page.goto(`${base}/console/contacts.contacts`),
    () => shows(/^1-25 of (about )?100([,.\s]?000| thousand)$/),
  );
  await rowsShown();
  await timed(
    'next page',
    () =>
      page
        .getByRole('button', { name: /next page|go to page 2/i })
        .first()
        .click(),
    () => shows(/^26-50 of (about )?100([,.\s]?000| thousand)$/),
  );
  await timed(
    'search "zebra" (100 matches)',
    async () => {
      await page
        .getByPlaceholder(/search/i)
        .first()
        .fill('zebra');
    },
    () => shows(/^1-25 of 100$/),
  );
  console.log('\nAPI calls behind them (response end, ms):');
  for (const call of api)
    console.log(`  ${call.ms.toFixed(0).padStart(6)}  ${decodeURIComponent(call.url).slice(0, 110)}`);
  await browser.close();
} finally {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}
