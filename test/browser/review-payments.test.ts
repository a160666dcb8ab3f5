import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Payment } from '../../src/core/payments/index.ts';
import { fixedClock } from '../../src/platform/clock/index.ts';
import { createPayment } from '../factories/payment.ts';
import { createMessSetup, createStudent } from '../factories/student.ts';
import { type ConsoleRig, failureShot, openConsoleAs, shot, startConsoleRig } from './console-harness.ts';

/**
 * Issue 55 item 4: a decision in Review payments waits 5 seconds for an Undo before it is sent. A
 * reload, a closed tab or another site inside that window used to drop it without a word; now the
 * page sends it as it goes. The browser's timers are stopped (Playwright's clock), so the 5 seconds
 * never run out here: whatever reaches the server went when the page went.
 */
const OPS = 'reviewer@example.com';
let rig: ConsoleRig;
let context: BrowserContext;
let page: Page;
const proofs: Payment[] = [];

beforeAll(async () => {
  rig = await startConsoleRig({ clock: fixedClock('2026-11-16T09:00:00Z') });
  await rig.app.createStaff({ email: OPS, role: 'ops' });
  const { cycleId } = await createMessSetup(rig.app);
  // Two amounts, so the test knows which proof the queue shows first (both arrive at one moment).
  for (const [name, amountMinor] of [
    ['Asha Verma', 300_000],
    ['Ravi Kumar', 310_000],
  ] as const) {
    const student = await createStudent(rig.app, { name });
    proofs.push(
      await createPayment(rig.app, {
        purpose: { type: 'mess.cycle_fee', id: `${student.id}:${cycleId}` },
        amountMinor,
        currency: 'INR',
      }),
    );
  }
}, 120_000);
afterEach(async (test) => {
  if (test.task.result?.state === 'fail' && page)
    await failureShot(page, `review-payments-${test.task.name}`);
});
afterAll(async () => {
  await rig?.close();
});

const statusOf = async (id: string) =>
  (await rig.app.database.pool.query<{ status: string }>('select status from payment where id = $1', [id]))
    .rows[0]!.status;

/** The review queue on a browser clock the test can stop (Playwright's fake timers, running until then). */
async function openQueue(): Promise<void> {
  ({ context, page } = await openConsoleAs(rig, OPS));
  await page.clock.install();
  await page.goto('/console/payments/review');
  await page.getByTestId('review-purpose').waitFor();
}

/** The proof the queue shows now, told by its amount. */
async function shownProof(): Promise<{ id: string }> {
  const amount = await page.getByTestId('review-amount').innerText();
  return amount.includes('3,100.00') ? proofs[1]! : proofs[0]!;
}

/** Stops the page's timers with a decision held: its 5 seconds never run out, only the page's going sends it. */
async function stopTheClock(): Promise<void> {
  await page.clock.pauseAt(Date.now() + 1_000);
}

describe('Review payments', () => {
  it('sends a held verify when the page is reloaded inside the undo window', async () => {
    await openQueue();
    const held = await shownProof();
    await page.keyboard.press('v');
    await page.getByTestId('review-held').getByText('Verifying this payment in 5 seconds').waitFor();
    await shot(page, 'review-payments-held-verify');
    await stopTheClock();
    expect(await statusOf(held.id)).toBe('submitted');
    await page.reload();
    await expect.poll(() => statusOf(held.id), { timeout: 15_000 }).toBe('verified');
    await page.clock.resume();
    // The reloaded queue no longer holds it: the other proof is first.
    await page.getByTestId('review-position').getByText('1 of 1').waitFor();
    await context.close();
  });

  it('sends a held denial, with its reason, when the tab is closed inside the undo window', async () => {
    await openQueue();
    const held = await shownProof();
    await page.keyboard.press('d');
    await page.getByLabel('Why it is denied (the payer reads this)').fill('The amount is cut off');
    await page.getByRole('dialog').getByRole('button', { name: 'Deny' }).click();
    await page.getByTestId('review-held').getByText('Denying this proof in 5 seconds').waitFor();
    await stopTheClock();
    expect(await statusOf(held.id)).toBe('submitted');
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => statusOf(held.id), { timeout: 15_000 }).toBe('denied');
    const { rows } = await rig.app.database.pool.query<{ denial_reason: string }>(
      'select denial_reason from payment where id = $1',
      [held.id],
    );
    expect(rows[0]!.denial_reason).toBe('The amount is cut off');
    await context.close();
  });

  it('still sends nothing for a decision undone before the page goes', async () => {
    const third = await createPayment(rig.app, { amountMinor: 4_200, currency: 'INR' });
    await openQueue();
    await page.keyboard.press('v');
    await page.getByTestId('review-held').waitFor();
    await page.keyboard.press('u');
    await page.getByText('Undone: nothing was sent').waitFor();
    await page.reload();
    await page.getByTestId('review-purpose').waitFor();
    expect(await statusOf(third.id)).toBe('submitted');
    await context.close();
  });

  it('shows the next payer without the Deny dialog once a denial made with D is sent (issue 54 item 2)', async () => {
    // Two more waiting beside the undone one: whichever is denied, another payer comes next.
    await createPayment(rig.app, { amountMinor: 4_300, currency: 'INR' });
    await openQueue();
    const first = await page.getByTestId('review-amount').innerText();
    await page.keyboard.press('d');
    await page.getByLabel('Why it is denied (the payer reads this)').fill('Blurred');
    await page.getByRole('dialog').getByRole('button', { name: 'Deny' }).click();
    await page.getByTestId('review-held').waitFor();
    // The undo window runs out on the browser's clock, not by waiting for it.
    await page.clock.fastForward(5_100);
    await page.getByText('Proof denied').first().waitFor();
    await expect.poll(() => page.getByTestId('review-amount').innerText()).not.toBe(first);
    await page.getByTestId('review-verify').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await shot(page, 'review-payments-next-after-deny');
    // The next one is still decided with a key: D asks again, for this payer.
    await page.keyboard.press('d');
    await page.getByRole('dialog').getByLabel('Why it is denied (the payer reads this)').waitFor();
    await context.close();
  });
});
