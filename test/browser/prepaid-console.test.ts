import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/app/demo-seed.ts';
import { seedOwnDemo } from '../support/own-demo.ts';
import { type ConsoleRig, sharedConsoleRig, shot, shotOnFailure, signInAs } from './console-harness.ts';

/**
 * The prepaid lists in the console with the demo data: sales with their tokens, meters across an
 * institution's buildings, and a meter suspended from its record with the reason it asks for.
 */
let rig: ConsoleRig;
let page: Page;
let orgId: string;
/** The demo's electricity vendor seeded again as this file's own: it suspends a meter and refuses a request. */
const ORG = 'power-console';

beforeAll(async () => {
  rig = await sharedConsoleRig();
  const own = await seedOwnDemo(rig.app, 'prepaid', ORG);
  orgId = own.orgId;
  ({ page } = await signInAs(rig, own.email('owner'), undefined, { org: ORG, password: DEMO_PASSWORD }));
  // A machine shared with other builds: lists can take longer than the harness's 10 s to appear.
  page.setDefaultTimeout(30_000);
});

shotOnFailure(() => page);

afterAll(async () => {
  await rig?.close();
});

const header = (name: string) => page.locator('thead th').getByText(name, { exact: true }).first().waitFor();

describe('prepaid in the console', () => {
  it('lists sales with their tokens and meters by building, in words staff read', async () => {
    await page.click('[data-nav="resource:prepaid.purchases"]');
    await page.waitForURL(/\/console\/prepaid\.purchases/);
    await header('Meter');
    await header('Token');
    await page.locator('tbody .MuiChip-root').getByText('Paid', { exact: true }).first().waitFor();
    await page.locator('tbody').getByText('KGL-0001').first().waitFor();
    // Amounts in the sale's own currency (the demo sells in Rwandan francs), not the organization's.
    await page
      .locator('tbody')
      .getByText(/RWF\s?\d[\d,]*/)
      .first()
      .waitFor();
    await shot(page, 'prepaid-console-sales');

    await page.click('[data-nav="resource:prepaid.meters"]');
    await page.waitForURL(/\/console\/prepaid\.meters/);
    await header('Building');
    await page.locator('tbody').getByText('Science labs').waitFor();
    await shot(page, 'prepaid-console-meters');

    await page.click('[data-nav="resource:prepaid.tariffs"]');
    await page.locator('tbody').getByText('20 kWh @ 89; 50 kWh @ 310; * kWh @ 369').waitFor();
    await shot(page, 'prepaid-console-tariffs');
  });

  it('suspends a meter with a reason, and the list shows it', async () => {
    await page.click('[data-nav="resource:prepaid.meters"]');
    await page.locator('tbody').getByText('KGL-1003').click();
    await page.getByRole('button', { name: 'Suspend' }).click();
    await page.getByRole('dialog').getByRole('textbox').first().fill('tampered seal');
    await shot(page, 'prepaid-console-suspend');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /Suspend|Confirm/ })
      .last()
      .click();
    await page.getByText('Suspended', { exact: true }).first().waitFor();
    const { rows } = await rig.app.database.pool.query(
      `select status from prepaid_meter where org_id = $1 and number = 'KGL-1003'`,
      [orgId],
    );
    expect(rows[0].status).toBe('suspended');
    await shot(page, 'prepaid-console-suspended');
  });

  it('draws sales per day by provider and reconciles payments against tokens', async () => {
    await page.click('[data-nav="page:/prepaid/sales"]');
    await page.getByRole('table', { name: 'Settled payments against tokens issued' }).waitFor();
    await page.locator('.recharts-bar-rectangle').first().waitFor();
    // The demo's four cash top-ups: four settled payments, four tokens.
    await page.getByRole('cell', { name: /^4 · / }).first().waitFor();
    await shot(page, 'prepaid-console-sales-report');
  });

  it('lists meter alerts and requests waiting for staff, refuses one with a note, and offers an account’s statement', async () => {
    await page.click('[data-nav="resource:prepaid.alerts"]');
    await page.waitForURL(/\/console\/prepaid\.alerts/);
    await page.locator('tbody').getByText('KGL-1003').waitFor();
    await page.locator('tbody').getByText('Low balance').first().waitFor();
    // The demo's top-ups outlast the fortnight's use everywhere but in the dormitory.
    expect(await page.locator('tbody').getByText('KGL-1001').count()).toBe(0);
    expect(await page.locator('tbody').getByText('KGL-0001').count()).toBe(0);
    await shot(page, 'prepaid-console-alerts');

    await page.click('[data-nav="resource:prepaid.meter_requests"]');
    await page.locator('tbody').getByText('KGL-0002').click();
    await page.getByRole('button', { name: 'Refuse' }).click();
    await page
      .getByRole('dialog')
      .getByRole('textbox')
      .first()
      .fill('No meter KGL-0002 on our grid: check the number.');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /Refuse|Confirm/ })
      .last()
      .click();
    await page.getByText('Refused', { exact: true }).first().waitFor();
    const { rows } = await rig.app.database.pool.query(
      `select status, decision_note from prepaid_meter_request where org_id = $1 and meter_number = 'KGL-0002'`,
      [orgId],
    );
    expect(rows).toEqual([
      { status: 'rejected', decision_note: 'No meter KGL-0002 on our grid: check the number.' },
    ]);
    await shot(page, 'prepaid-console-request-refused');

    await page.click('[data-nav="resource:prepaid.accounts"]');
    await page.locator('tbody').getByText('Uwase household').click();
    const panel = page.getByTestId('prepaid-statement');
    const link = panel.getByRole('link', { name: 'Download PDF' });
    await link.waitFor();
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/api\/prepaid\/accounts\/[0-9a-f-]{36}\/statement\?month=\d{4}-\d{2}$/);
    const pdf = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        head: (await res.text()).slice(0, 5),
      };
    }, href);
    expect(pdf).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
    await panel.scrollIntoViewIfNeeded();
    await shot(page, 'prepaid-console-statement');
  });
});
