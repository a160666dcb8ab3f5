import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle, createRaffleOrder } from '../factories/raffle.ts';
import { createMessSetup, createStudent } from '../factories/student.ts';
import { type ConsoleRig, failureShot, shot, signInAs, startConsoleRig } from './console-harness.ts';

/**
 * Issue 53 in the console: a payment's page carries its Refunds panel; the Refund action opens with
 * what is left pre-filled, waits with an Undo before anything is sent, then records the refund; the
 * refunds list shows it.
 */
let rig: ConsoleRig;
let page: Page;
let paymentId: string;

beforeAll(async () => {
  rig = await startConsoleRig();
  await rig.app.createStaff({ email: 'owner@example.com', role: 'owner' });
  const { cycleId } = await createMessSetup(rig.app);
  const student = await createStudent(rig.app, { paidCycleId: cycleId });
  const { rows } = await rig.app.database.pool.query<{ id: string }>(
    `select id from payment where purpose_type = 'mess.cycle_fee' and purpose_id like $1`,
    [`${student.id}:%`],
  );
  paymentId = rows[0]!.id;
  ({ page } = await signInAs(rig, 'owner@example.com'));
  page.setDefaultTimeout(20_000);
});

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail')
    await failureShot(page, `failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await rig?.close();
});

const refundsInDb = async () =>
  Number(
    (
      await rig.app.database.pool.query<{ n: string }>(
        'select count(*) as n from payment_refund where payment_id = $1',
        [paymentId],
      )
    ).rows[0]?.n,
  );

describe('refunds in the console', () => {
  it('refunds from the payment’s page with what is left pre-filled and an undo window, and lists it', async () => {
    await page.goto(`/console/payments.payments/${paymentId}/show`);
    const panel = page.getByTestId('payment-refunds-panel');
    await panel.getByText(/left to refund ₹3,000\.00/).waitFor();
    await panel.getByTestId('refund-open').click();
    expect(await page.getByTestId('refund-amount').inputValue()).toBe('3000.00');
    await page.getByTestId('refund-amount').fill('500');
    await page.getByTestId('refund-reason').fill('Student left the hostel');
    await page.getByTestId('refund-confirm').click();
    // Held, undoable: nothing is sent yet.
    await panel.getByText(/Refunding ₹500\.00 in 5 seconds/).waitFor();
    await panel.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Undone: nothing was refunded').waitFor();
    expect(await refundsInDb()).toBe(0);

    await panel.getByTestId('refund-open').click();
    await page.getByTestId('refund-amount').fill('500');
    await page.getByTestId('refund-reason').fill('Student left the hostel');
    await page.getByTestId('refund-confirm').click();
    await panel.getByTestId('refund-row').getByText('Student left the hostel').waitFor();
    await panel.getByText(/left to refund ₹2,500\.00/).waitFor();
    await panel.getByRole('link', { name: 'Receipt' }).waitFor();
    expect(await refundsInDb()).toBe(1);
    await shot(page, 'payment-refunds-panel');

    await page.goto('/console/payments.refunds');
    await page.locator('tbody').getByText('Student left the hostel').waitFor();
    await shot(page, 'refunds-list');
  });

  it('carries the same Refunds panel on a raffle order’s page, for the payment that paid it', async () => {
    const raffle = await createRaffle(rig.app, { title: 'Panel raffle' });
    const order = await createRaffleOrder(rig.app, { raffleId: raffle.id, payment: 'paid' });
    await page.goto(`/console/raffle.orders/${order.id}/show`);
    await page.getByTestId('order-payment-link').waitFor();
    const panel = page.getByTestId('payment-refunds-panel');
    await panel.getByText(/left to refund \$15\.00/).waitFor();
    await panel.getByTestId('refund-open').waitFor();
  });
});
