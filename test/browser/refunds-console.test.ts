import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCashFee } from '../../src/modules/mess/fee-payments.ts';
import { createExhibition, registerExhibitionCustomer } from '../factories/exhibition.ts';
import { orgCtx } from '../factories/org.ts';
import { createPayment } from '../factories/payment.ts';
import { createPrepaidMeter, createPrepaidTariff } from '../factories/prepaid.ts';
import { createRaffle, createRaffleOrder } from '../factories/raffle.ts';
import { createMessSetup, createStudent } from '../factories/student.ts';
import { type ConsoleRig, sharedConsoleRig, shot, shotOnFailure, signInAs } from './console-harness.ts';

/**
 * Issue 53 in the console: a payment's page carries its Refunds panel; the Refund action opens with
 * what is left pre-filled, waits with an Undo before anything is sent, then records the refund; the
 * refunds list shows it. Issue 62: a payment whose purpose's module refunds from its own record (a
 * purchase, a student's pay-back) points there instead, and the refund is made there in its words.
 */
/** Its own account: the test turns its console Spanish, which no other file's owner should inherit. */
const OWNER = 'refunds-owner@example.com';
let rig: ConsoleRig;
let page: Page;
/** A cash payment of ₹3,500 for a purpose no module owns: its own page refunds it. */
let paymentId: string;
/** A student's ₹3,500 cash fee for a ₹3,000 cycle: the mess pays the credit back from the student's page. */
let feePaymentId: string;
let studentId: string;

beforeAll(async () => {
  // The worker's app, in an organization of this file's own.
  rig = await sharedConsoleRig({ org: 'refunds-console' });
  await rig.app.createStaff({ email: OWNER, role: 'owner' });
  const { cycleId } = await createMessSetup(rig.app);
  // ₹3,500 for a ₹3,000 cycle: the mess gives back what was paid beyond the dues (issue 62).
  const student = await createStudent(rig.app);
  studentId = student.id;
  await recordCashFee(await orgCtx(rig.app), { studentId: student.id, cycleId, amountMinor: 350_000 });
  const { rows } = await rig.app.database.pool.query<{ id: string }>(
    `select id from payment where purpose_type = 'mess.cycle_fee' and purpose_id like $1`,
    [`${student.id}:%`],
  );
  feePaymentId = rows[0]!.id;
  paymentId = (await createPayment(rig.app, { method: 'cash', amountMinor: 350_000, currency: 'INR' })).id;
  ({ page } = await signInAs(rig, OWNER));
  page.setDefaultTimeout(20_000);
});

shotOnFailure(() => page);

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
  it('refunds a payment no module owns from its page with what is left pre-filled and an undo window, and lists it', async () => {
    await page.goto(`/console/payments.payments/${paymentId}/show`);
    const panel = page.getByTestId('payment-refunds-panel');
    await panel.getByText(/left to refund ₹3,500\.00/).waitFor();
    await panel.getByTestId('refund-open').click();
    expect(await page.getByTestId('refund-amount').inputValue()).toBe('3500.00');
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
    await panel.getByText(/left to refund ₹3,000\.00/).waitFor();
    await panel.getByRole('link', { name: 'Receipt' }).waitFor();
    expect(await refundsInDb()).toBe(1);
    await shot(page, 'payment-refunds-panel');

    await page.goto('/console/payments.refunds');
    await page.locator('tbody').getByText('Student left the hostel').waitFor();
    await shot(page, 'refunds-list');
  });

  // Issue 62: core's Refund sent no module options, so an issued token's refund was refused there (or a
  // refund went through without the module's words); the payment's page now points to the purchase.
  it('points a prepaid purchase’s payment to the purchase, whose Refund with the token warning refunds it', async () => {
    await createPrepaidTariff(rig.app);
    const meter = await createPrepaidMeter(rig.app);
    const owner = await rig.app.signIn(OWNER);
    const sale = await owner.post('/api/prepaid/purchases', {
      meterId: meter.meterId,
      method: 'cash',
      amount: { amountMinor: 1500, currency: 'RWF' },
    });
    expect(sale.statusCode, sale.body).toBe(201);
    const purchase = sale.json() as { id: string; paymentId: string };
    const paymentPage = `/console/payments.payments/${purchase.paymentId}/show`;
    await page.goto(paymentPage);
    const panel = page.getByTestId('payment-refunds-panel');
    await panel.getByText(/left to refund RWF\s1,500/).waitFor();
    const pointer = panel.getByTestId('refund-from-record');
    await pointer.getByText(/so it is refunded from its page/).waitFor();
    const link = pointer.getByRole('link', {
      name: new RegExp(`^Refund from Electricity, meter ${meter.number} — `),
    });
    await link.waitFor();
    // No Refund of core's own here: it could not say what becomes of the token.
    expect(await panel.getByTestId('refund-open').count()).toBe(0);
    await pointer.scrollIntoViewIfNeeded();
    await shot(page, 'payment-refund-from-purchase');

    await link.click();
    await page.waitForURL(new RegExp(`/prepaid\\.purchases/${purchase.id}/show`));
    const refund = page.getByTestId('prepaid-refund');
    await refund.getByTestId('prepaid-refund-open').click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByTestId('prepaid-refund-token')
      .getByText(/keeps working on the meter/)
      .waitFor();
    await dialog.getByTestId('prepaid-refund-amount').fill('500');
    await dialog.getByTestId('prepaid-refund-reason').fill('Bought for the neighbour’s meter');
    await dialog.getByTestId('prepaid-refund-ack').check();
    await dialog.getByTestId('prepaid-refund-confirm').click();
    await refund.getByTestId('prepaid-refund-held').getByText('Refund of RWF 500 goes in 5 s.').waitFor();
    await page.getByText('Refund made: the customer is told when the money is back.').waitFor();
    await refund.getByText('Refunded so far: RWF 500 · Left to refund: RWF 1,000').waitFor();
    await shot(page, 'purchase-refunded-from-pointer');

    // The payment's page shows the refund the purchase made, with what is left.
    await page.goto(paymentPage);
    await panel.getByTestId('refund-row').getByText('Bought for the neighbour’s meter').waitFor();
    await panel.getByText(/refunded RWF\s500 · left to refund RWF\s1,000/).waitFor();
    expect(await panel.getByTestId('refund-open').count()).toBe(0);
  });

  it('points a student’s mess fee to the student’s page, where the credit is paid back', async () => {
    await page.goto(`/console/payments.payments/${feePaymentId}/show`);
    const pointer = page.getByTestId('payment-refunds-panel').getByTestId('refund-from-record');
    const link = pointer.getByRole('link', { name: /^Refund from Mess fee, cycle .* — roll / });
    await link.click();
    await page.waitForURL(new RegExp(`/mess\\.students/${studentId}/show`));
    await page.getByTestId('mess-pay-back-open').waitFor();
  });

  it('points a bill’s payment to the bill (its words name the customer), where the bill is voided or reduced', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const { exhibition, booths } = await createExhibition(rig.app, {
      startsOn: today,
      endsOn: today,
      booths: ['Tea stall'],
    });
    const customer = await registerExhibitionCustomer(rig.app, { exhibitionId: exhibition.id });
    const owner = await rig.app.signIn(OWNER);
    const bill = await owner.post(`/api/exhibition/customers/${customer.id}/bills`, {
      boothId: booths[0]!.id,
      amountMinor: 450,
      description: 'Masala chai',
    });
    expect(bill.statusCode, bill.body).toBe(201);
    const paid = await owner.post(`/api/exhibition/customers/${customer.id}/payments`, { method: 'cash' });
    expect(paid.statusCode, paid.body).toBeLessThan(300);
    const { rows } = await rig.app.database.pool.query<{ id: string }>(
      `select id from payment where purpose_type = 'exhibition.bill' and purpose_id = $1`,
      [bill.json().id],
    );
    await page.goto(`/console/payments.payments/${rows[0]!.id}/show`);
    const link = page
      .getByTestId('refund-from-record')
      .getByRole('link', { name: /^Refund from Bill .*: Masala chai$/ });
    await link.click();
    await page.waitForURL(new RegExp(`/exhibition\\.bills/${bill.json().id}/show`));
    await page.getByTestId('bill-refund-open').waitFor();
  });

  it('carries the same Refunds panel on a raffle order’s page, whose own Cancel and refund gives the money back', async () => {
    const raffle = await createRaffle(rig.app, { title: 'Panel raffle' });
    const order = await createRaffleOrder(rig.app, { raffleId: raffle.id, payment: 'paid' });
    await page.goto(`/console/raffle.orders/${order.id}/show`);
    await page.getByTestId('order-payment-link').waitFor();
    const panel = page.getByTestId('payment-refunds-panel');
    await panel.getByText(/left to refund \$15\.00/).waitFor();
    // Core's Refund could not say what becomes of the numbers: the order's own action does.
    await page.getByTestId('raffle-order-refund-open').waitFor();
    expect(await panel.getByTestId('refund-open').count()).toBe(0);
  });

  // Issue 62: the list named a payment id and no person; the payment's history read "Method: Proof →
  // cash", "Refund: — → another record", and `sent` stayed raw in other languages.
  it('names the person and the record in the refunds list and words the refund in the history, in Spanish too', async () => {
    const raffle = await createRaffle(rig.app, { title: 'Words raffle' });
    const order = await createRaffleOrder(rig.app, {
      raffleId: raffle.id,
      name: 'Lucía Gómez',
      pick: { numbers: [7, 21] },
      payment: 'paid',
    });
    const { rows } = await rig.app.database.pool.query<{ id: string }>(
      `select id from payment where purpose_type = 'raffle.order' and purpose_id = $1`,
      [order.id],
    );
    const orderPaymentId = rows[0]!.id;
    await page.goto(`/console/raffle.orders/${order.id}/show`);
    const panel = page.getByTestId('payment-refunds-panel');
    await page.getByTestId('raffle-order-refund-open').click();
    await page.getByTestId('raffle-order-refund-reason').fill('Raffle moved to March');
    await page.getByTestId('raffle-order-refund-confirm').click();
    await panel.getByTestId('refund-row').getByText('Raffle moved to March').waitFor();

    await page.goto('/console/payments.refunds');
    const row = page.locator('tbody tr', { hasText: 'Raffle moved to March' });
    await row.getByText('Lucía Gómez').waitFor();
    const record = row.getByRole('link', { name: 'Raffle Words raffle — numbers 7, 21' });
    await record.waitFor();
    await shot(page, 'refunds-list-person-and-record');
    await record.click();
    await page.waitForURL(new RegExp(`/raffle\\.orders/${order.id}/show`));

    // The payments list names the payer and the record the same way.
    await page.goto('/console/payments.payments');
    await page
      .locator('tbody tr', { hasText: 'Lucía Gómez' })
      .getByRole('link', { name: 'Raffle Words raffle — numbers 7, 21' })
      .waitFor();
    await shot(page, 'payments-list-person-and-record');

    await page.goto(`/console/payments.payments/${orderPaymentId}/show`);
    const history = page.getByTestId('audit-timeline');
    const title = 'Refund of $30.00 to Lucía Gómez for Raffle Words raffle — numbers 7, 21';
    await history.getByText(title).first().waitFor();
    const text = await history.innerText();
    expect(text).not.toContain('another record');
    expect(text).not.toMatch(/Proof → |Verified → Paid/);
    // The refund is named as itself and opens its page; the payment it is in is not named again.
    await history.getByRole('link', { name: title }).first().waitFor();
    expect(text).not.toContain('Payment of $30.00');
    await history.scrollIntoViewIfNeeded();
    await shot(page, 'payment-history-refund', { fullPage: true });
    // The refund opens its own page, titled as itself, with its own history.
    await history.getByRole('link', { name: title }).first().click();
    await page.waitForURL(/\/payments\.refunds\/[0-9a-f-]+\/show/);
    const own = page.getByTestId('audit-timeline');
    await own.getByText('Refund requested').waitFor();
    await own.getByText('Paid back').first().waitFor();
    await shot(page, 'refund-page-history', { fullPage: true });
    await page.goto(`/console/payments.payments/${orderPaymentId}/show`);

    // The app bar hides while the page is scrolled down.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('header').getByRole('button', { name: 'English' }).first().click();
    await page.getByRole('menuitem', { name: 'Español' }).click();
    await history
      .getByText('Reembolso de 30,00 US$ a Lucía Gómez por Rifa Words raffle — números 7, 21')
      .first()
      .waitFor();
    await history.getByText('Devuelto').first().waitFor();
    await shot(page, 'payment-history-refund-es', { fullPage: true });
    await page.goto('/console/payments.refunds');
    await page.locator('tbody tr', { hasText: 'Raffle moved to March' }).getByText('Devuelto').waitFor();
    await shot(page, 'refunds-list-es');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('header').getByRole('button', { name: 'Español' }).first().click();
    await page.getByRole('menuitem', { name: 'English' }).click();
  }, 120_000);
});
