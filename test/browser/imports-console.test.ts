import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TZ_ENV } from '../../src/modules/mess/__tests__/mess-fixture.ts';
import { sql } from '../../src/platform/db/index.ts';
import { TEST_MODULES } from '../support/template-sources.ts';
import { type ConsoleRig, failureShot, openConsoleAs, shot, startConsoleRig } from './console-harness.ts';

/**
 * Issue 42 item 1: an owner brings the mess's records over from the original system in the console:
 * the import in the mess's menu, the original's dumpdata uploaded, the dry run's report (what would
 * come, what --notify would send), then the import with its progress to the end and its report.
 */
let rig: ConsoleRig;
let page: Page;
const OWNER = 'import-owner@example.com';
// What the Sahara mess original wrote itself, and the QR_SECRET it ran with (mess-original/README.md).
const FIXTURE = readFileSync(new URL('../fixtures/import/mess-original/dumpdata-1.json', import.meta.url));
const QR_SECRET = 'sahara-qr-secret-2025-abcdefghijklmnop';

beforeAll(async () => {
  rig = await startConsoleRig({ modules: TEST_MODULES.filter((m) => m.name === 'mess'), env: TZ_ENV });
  await rig.app.startWorker();
  await rig.app.createStaff({ email: OWNER, role: 'owner' });
  ({ page } = await openConsoleAs(rig, OWNER, undefined, 60_000));
  page.setDefaultTimeout(30_000);
}, 120_000);
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await failureShot(page, 'imports-console-failed');
});
afterAll(async () => {
  await rig?.close();
});

const students = async () =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from mess_student`.execute(rig.app.database.db)).rows[0]!
      .n,
  );

describe('importing from the original system in the console', () => {
  it('uploads the dumpdata, shows the dry run, then imports with a progress bar to the end', async () => {
    await page.click('[data-nav="import:mess"]');
    await page.getByRole('heading', { level: 1, name: 'Mess: import from the original system' }).waitFor();
    await page.getByText('From Sahara mess (Django)').waitFor();
    await page
      .getByTestId('import-files')
      .setInputFiles({ name: 'sahara.json', mimeType: 'application/json', buffer: FIXTURE });
    await page.getByTestId('import-file-name').getByText('sahara.json').waitFor();
    // Asked once: the original's QR secret, so the students' old passes keep opening the mess.
    await page.locator('input[data-question="qrSecret"]').fill(QR_SECRET);
    expect(await page.locator('input[data-question="qrSecret"]').getAttribute('type')).toBe('password');
    await shot(page, 'imports-chosen');

    await page.getByRole('button', { name: 'Dry run' }).click();
    const dry = page.getByTestId('import-dry-run');
    await dry.getByText('Dry run: nothing was written').waitFor();
    // model, records, would be created, updated, unchanged, skipped, refused (flagged after)
    const cells = async (model: string, card = dry) =>
      (await card.locator(`tr[data-model="${model}"] td`).allInnerTexts()).slice(0, 7);
    expect(await cells('core.student')).toEqual(['students', '14', '14', '0', '0', '0', '0']);
    expect(await cells('core.payment')).toEqual(['payments', '23', '22', '0', '0', '1', '0']);
    expect(await cells('core.scanevent')).toEqual(['scans', '218', '218', '0', '0', '0', '0']);
    await dry.getByText('Messages: none sent. With “send messages”, 12 would go.').waitFor();
    await page.getByText('The import brings over exactly the files the dry run checked.').waitFor();
    expect(await students()).toBe(0);
    await shot(page, 'imports-dry-run', { fullPage: true });

    await page.getByRole('button', { name: 'Import now' }).click();
    const run = page.getByTestId('import-run');
    // The bar reaches the end: every record of the file read, then the report under it.
    await run.getByRole('progressbar', { name: /^264 of 264 records/ }).waitFor();
    await run.getByText('Import finished').waitFor();
    expect(await cells('core.student', run)).toEqual(['students', '14', '14', '0', '0', '0', '0']);
    await run.getByText('Messages: none sent. With “send messages”, 12 would go.').waitFor();
    expect(await students()).toBe(14);
    await shot(page, 'imports-done', { fullPage: true });
  });

  it('refuses a file that is not a dumpdata, saying why', async () => {
    await page.getByRole('button', { name: 'Start again' }).click();
    await page
      .getByTestId('import-files')
      .setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"a": ') });
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.getByTestId('import-error').waitFor();
    expect(await page.getByTestId('import-error').innerText()).toMatch(/not JSON|not valid/i);
    await shot(page, 'imports-bad-file');
  });
});
