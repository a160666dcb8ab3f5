import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgIdOf } from '../factories/org.ts';
import { cleanupNow, daysAgo } from '../support/retention.ts';
import { type ConsoleRig, shot, shotOnFailure, signInAs, startConsoleRig } from './console-harness.ts';

/**
 * The owner's data-retention page: every kind with its default period and what a cleanup would remove
 * now; a period changed and saved; then the nightly cleanup's run in the runs list, with what it removed.
 */
let rig: ConsoleRig;
let page: Page;

beforeAll(async () => {
  rig = await startConsoleRig();
  await rig.app.createStaff({ email: 'owner@example.com', role: 'owner' });
  const orgId = await orgIdOf(rig.app);
  // delivered e-mails of 45 and 100 days ago
  for (const days of [45, 45, 45, 100])
    await sql`insert into notification (org_id, channel, recipient, template, locale, body, status, created_at, sent_at)
      values (${orgId}, 'email', 'ana@example.com', 'test.message', 'en', 'Hello', 'sent', ${daysAgo(days)}, ${daysAgo(days)})`.execute(
      rig.app.database.db,
    );
  ({ page } = await signInAs(rig, 'owner@example.com'));
  page.setDefaultTimeout(30_000);
});

shotOnFailure(() => page);

afterAll(async () => {
  await rig?.close();
});

const row = (kind: string) => page.locator(`tr[data-kind="${kind}"]`);

describe('data retention in the console', () => {
  it('shows each kind with its default, saves a period, and lists the run with what it removed', async () => {
    await page.click('[data-nav="page:/retention"]');
    await page.getByRole('heading', { name: 'Data retention' }).first().waitFor();
    await row('notifications.delivered').getByText('Delivered notifications').waitFor();
    await row('mess.scans').getByText('Scan logs (daily counts kept)').waitFor();
    expect(await row('notifications.delivered').getByRole('spinbutton').inputValue()).toBe('30');
    await row('notifications.delivered').getByText('4 rows').waitFor();
    await page.getByText('Finished background jobs: kept 7 days').waitFor();
    await shot(page, 'retention-settings');

    await row('notifications.delivered').getByRole('spinbutton').fill('60');
    await page.getByRole('button', { name: 'Save' }).click();
    await row('notifications.delivered').getByText('1 row').waitFor();
    expect(
      (
        await sql<{ periods: Record<string, number> }>`select periods from retention_settings`.execute(
          rig.app.database.db,
        )
      ).rows[0]?.periods['notifications.delivered'],
    ).toBe(60);

    await cleanupNow(rig.app);
    await page.getByRole('link', { name: 'See the cleanup runs' }).click();
    await page.waitForURL(/\/console\/retention\.runs/);
    await page.locator('tbody').getByText('notifications.delivered: 1').waitFor();
    await page.locator('tbody').getByText('Done', { exact: true }).first().waitFor();
    await page.locator('tbody').getByText('Command line').first().waitFor();
    await shot(page, 'retention-runs');
  });
});
