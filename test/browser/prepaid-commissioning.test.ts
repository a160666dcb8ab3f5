import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsoleRig, openConsoleAs, sharedConsoleRig, shot, shotOnFailure } from './console-harness.ts';

/**
 * Issue 30, items 3 and 4 in the console: a meter registered with the key left empty prints its
 * commissioning sheet once from its page, then never again; staff issue the meter's API token
 * (shown once), the meter reports through it, and the page shows what it keyed in.
 */
let rig: ConsoleRig;
let page: Page;

beforeAll(async () => {
  // The worker's app, in an organization of this file's own.
  rig = await sharedConsoleRig({ org: 'commissioning' });
  await rig.app.createStaff({ email: 'owner@example.com', role: 'owner' });
  const staff = await rig.app.signIn('owner@example.com');
  await staff.post('/api/prepaid/tariffs', {
    category: 'residential',
    currency: 'RWF',
    tiers: [{ uptoKwh: null, priceMinorPerKwh: 100 }],
    effectiveFrom: '2020-01-01T00:00:00Z',
  });
  await staff.post('/api/prepaid/accounts', { kind: 'household', name: 'Uwase household' });
  ({ page } = await openConsoleAs(rig, 'owner@example.com', undefined, 30_000));
  page.setDefaultTimeout(30_000);
});

shotOnFailure(() => page);

afterAll(async () => {
  await rig?.close();
});

describe('commissioning a prepaid meter in the console', () => {
  it('prints the generated key’s sheet once, issues the meter token once, and shows what the meter keyed in', async () => {
    await page.goto('/console/prepaid.meters/create');
    // The form's account field, not the top bar's "Account menu of …" button.
    await page
      .locator('form')
      .getByLabel(/Account/)
      .first()
      .click();
    await page.getByRole('option', { name: 'Uwase household' }).click();
    await page.locator('input[name="number"]').fill('KGL-7001');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/prepaid\.meters\/[0-9a-f-]{36}\/show/);
    const meterId = /prepaid\.meters\/([0-9a-f-]{36})\/show/.exec(page.url())![1]!;

    const panel = page.getByTestId('prepaid-commissioning');
    await panel.getByText(/prints once, until/).waitFor();
    await shot(page, 'prepaid-commissioning-sheet-ready');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Print the commissioning sheet' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('commissioning-KGL-7001.pdf');
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    // Printed: the page no longer offers it, and the server refuses a second one.
    await panel.getByText(/the key is never shown again/).waitFor();
    expect(await panel.getByRole('button', { name: 'Print the commissioning sheet' }).count()).toBe(0);
    const staff = await rig.app.signIn('owner@example.com');
    const again = await staff.post(`/api/prepaid/meters/${meterId}/commissioning-sheet`, {});
    expect(again.json().code).toBe('prepaid.sheet_gone');
    expect(again.statusCode).toBe(409);

    await panel.getByRole('button', { name: 'Issue a meter API token' }).click();
    const shown = panel.getByRole('textbox', { name: 'Meter API token' });
    await shown.waitFor();
    const meterToken = await shown.inputValue();
    expect(meterToken).toMatch(/^ppm_/);
    await shot(page, 'prepaid-commissioning-token');

    // A sale, then the meter reports taking it through its own token.
    const sale = await staff.post('/api/prepaid/purchases', {
      meterId,
      method: 'cash',
      amount: { amountMinor: 1500, currency: 'RWF' },
    });
    expect(sale.statusCode, sale.body).toBe(201);
    const meterApi = rig.app.anonymous();
    const auth = { authorization: `Bearer ${meterToken}` };
    const report = (reportId: string, at: number, registerTenths: number, acceptedCounts: number[]) =>
      meterApi.request(
        'POST',
        '/api/prepaid/meter/reports',
        { reportId, readAt: new Date(at).toISOString(), registerTenths, acceptedCounts },
        auth,
      );
    const now = Date.now();
    expect((await report('b1', now - 86_400_000, 100, [])).statusCode).toBe(200);
    expect((await report('b2', now, 120, [sale.json().tokenCount])).statusCode).toBe(200);

    await page.reload();
    const reports = page.getByTestId('prepaid-meter-reports');
    await reports.getByText(/^Last report/).waitFor();
    await reports.getByText(/Keyed in ·/).waitFor();
    await reports.getByText('13.0 kWh left').waitFor();
    await reports.getByText('6 days left').waitFor();
    await shot(page, 'prepaid-meter-reports');
  });
});
