import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle, createRaffleOrder } from '../factories/raffle.ts';
import { createMessSetup, createStudent } from '../factories/student.ts';
import { type ConsoleRig, sharedConsoleRig, shot, shotOnFailure, signInAs } from './console-harness.ts';

/**
 * Issue 66 item 2 in the console: the Payments list names who paid as the operator knows them (the
 * raffle buyer, the student on the roll) with their phone, and its search finds a payment by the
 * payer's name as typed.
 */
let rig: ConsoleRig;
let page: Page;

beforeAll(async () => {
  // The worker's app, in an organization of this file's own.
  rig = await sharedConsoleRig({ org: 'payments-payers' });
  await rig.app.createStaff({ email: 'owner@example.com', role: 'owner' });
  const { id: raffleId } = await createRaffle(rig.app, { title: 'Rifa Navidad' });
  await createRaffleOrder(rig.app, { raffleId, name: 'Ana Benítez', waId: '595981000111', payment: 'proof' });
  await createRaffleOrder(rig.app, {
    raffleId,
    name: 'María José García López',
    waId: '595981000222',
    payment: 'proof',
  });
  const { cycleId } = await createMessSetup(rig.app);
  await createStudent(rig.app, { name: 'अनन्या शर्मा', rollNumber: 'HI22031', paidCycleId: cycleId });
  ({ page } = await signInAs(rig, 'owner@example.com'));
  page.setDefaultTimeout(20_000);
});

shotOnFailure(() => page);

afterAll(async () => {
  await rig?.close();
});

const rows = (p: Page) => p.locator('tbody tr');

describe('who paid, in the payments list', () => {
  it('names each payer with their phone, and finds a payment by the payer’s name', async () => {
    await page.goto('/console/payments.payments');
    const list = rows(page);
    await list.filter({ hasText: 'Ana Benítez' }).waitFor();
    await list.filter({ hasText: 'अनन्या शर्मा' }).waitFor();
    await expect.poll(() => list.count()).toBe(3);
    expect(await list.filter({ hasText: 'María José García López' }).innerText()).toContain('+595981000222');
    expect(await page.getByRole('columnheader', { name: 'Payer’s phone' }).count()).toBe(1);
    await shot(page, 'payments-payers-list');

    await page.locator('input[name="q"]').fill('García López');
    await expect.poll(() => list.count()).toBe(1);
    await list.filter({ hasText: 'María José García López' }).waitFor();
    await shot(page, 'payments-payers-search');

    // The payment's own page says who paid and their phone too, and the reference a receipt prints.
    await list.filter({ hasText: 'María José García López' }).getByText('+595981000222').click();
    await page.getByTestId('review-payer').getByText('María José García López').waitFor();
    await page.getByText('+595981000222').first().waitFor();
    await page.getByText(/^[0-9A-F]{4}-[0-9A-F]{4}$/).waitFor();
    await shot(page, 'payments-payer-page', { fullPage: true });
  });
});
