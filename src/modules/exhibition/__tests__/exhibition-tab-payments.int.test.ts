import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExhibition, registerExhibitionCustomer } from '../../../../test/factories/exhibition.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { type MomoSandbox, startMomoSandbox } from '../../../channels/momo/index.ts';

/*
 * Issue 62: the desk takes a customer's tab in cash or by MoMo (one core payment of purpose
 * `exhibition.bill` per bill), so money taken for a bill can go back; the bill's page says what was paid.
 */
let momo: MomoSandbox;
let app: TestApp;
let owner: ApiClient;

beforeAll(async () => {
  momo = await startMomoSandbox({ dropCallbacks: true });
  app = await startTestApp({ env: momo.appEnv() });
  await app.startWorker();
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  owner = await app.signIn('owner@example.com');
}, 60_000);
afterAll(async () => {
  await app?.close();
  await momo?.close();
});

const rwf = (amountMinor: number) => ({ amountMinor, currency: 'RWF' });

/** A customer of a new exhibition in RWF with one bill per amount. */
async function tab(amounts: number[]) {
  const { exhibition, booths } = await createExhibition(app, { currency: 'RWF', booths: ['Crafts'] });
  const customer = await registerExhibitionCustomer(app, { exhibitionId: exhibition.id });
  const billIds: string[] = [];
  for (const amountMinor of amounts) {
    const bill = await owner.post(`/api/exhibition/customers/${customer.id}/bills`, {
      boothId: booths[0]!.id,
      amountMinor,
      description: 'basket',
      confirmed: true,
    });
    expect(bill.statusCode).toBe(201);
    billIds.push(bill.json().id as string);
  }
  return { customer, billIds };
}
const billsOf = async (customerId: string) =>
  (await owner.get(`/api/exhibition/customers/${customerId}/bills`)).json() as Array<{
    id: string;
    money: { paidMinor: number; pendingMinor: number; dueMinor: number; refundedMinor: number };
  }>;
const paymentsOf = async (billId: string) =>
  (await owner.get(`/api/payments?purposeType=exhibition.bill&purposeId=${billId}`)).json().items as Array<{
    id: string;
    status: string;
  }>;

describe('exhibition: taking a tab’s money at the desk', () => {
  it('takes a tab in cash, one payment per bill, once however often the request is retried', async () => {
    const { customer, billIds } = await tab([1500, 2500]);
    const headers = { 'idempotency-key': 'desk-cash-1' };
    const first = await owner.post(
      `/api/exhibition/customers/${customer.id}/payments`,
      { method: 'cash' },
      headers,
    );
    expect(first.statusCode).toBe(201);
    expect(first.json().payments).toMatchObject([
      { billId: billIds[0], method: 'manual', status: 'recorded', amount: rwf(1500) },
      { billId: billIds[1], method: 'manual', status: 'recorded', amount: rwf(2500) },
    ]);
    const retry = await owner.post(
      `/api/exhibition/customers/${customer.id}/payments`,
      { method: 'cash' },
      headers,
    );
    expect(retry.statusCode).toBe(201);
    expect(retry.json().payments).toEqual(first.json().payments);
    for (const billId of billIds) expect(await paymentsOf(billId)).toHaveLength(1);
    expect((await billsOf(customer.id)).map((b) => b.money)).toMatchObject([
      { paidMinor: 1500, dueMinor: 0 },
      { paidMinor: 2500, dueMinor: 0 },
    ]);
    const nothing = await owner.post(`/api/exhibition/customers/${customer.id}/payments`, { method: 'cash' });
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json().code).toBe('exhibition.tab_nothing_due');
  });

  it('asks the payer by MoMo once per bill; the bill is paid when MTN says so, and its money goes back through MoMo', async () => {
    const { customer, billIds } = await tab([3000]);
    const billId = billIds[0]!;
    const asked = await owner.post(`/api/exhibition/customers/${customer.id}/payments`, {
      method: 'momo',
      msisdn: '+250788000111',
    });
    expect(asked.statusCode).toBe(201);
    const payment = asked.json().payments[0];
    expect(payment).toMatchObject({ billId, method: 'momo', status: 'pending', amount: rwf(3000) });
    expect((await billsOf(customer.id))[0]!.money).toMatchObject({ pendingMinor: 3000, dueMinor: 0 });
    // The payer is being asked: the desk does not ask again.
    const twice = await owner.post(`/api/exhibition/customers/${customer.id}/payments`, { method: 'cash' });
    expect(twice.json().code).toBe('exhibition.tab_nothing_due');

    const request = await momo.waitForRequestToPay((p) => p.referenceId === payment.id);
    expect(request.payer.partyId).toBe('250788000111');
    await momo.settle(payment.id, 'SUCCESSFUL');
    await eventually(
      async () => {
        await owner.post(`/api/payments/${payment.id}/check`);
        return (await billsOf(customer.id))[0]!.money.paidMinor === 3000;
      },
      { what: 'the MoMo payment to settle the bill' },
    );
    expect((await billsOf(customer.id))[0]!.money).toMatchObject({ pendingMinor: 0, dueMinor: 0 });

    await owner.post(`/api/exhibition/bills/${billId}/void`, { reason: 'returned the basket' });
    const refunded = await owner.post(`/api/exhibition/bills/${billId}/refund`, {});
    expect(refunded.statusCode).toBe(200);
    const [refund] = refunded.json().refunds;
    expect(refund).toMatchObject({ method: 'momo', amount: rwf(3000), reason: 'returned the basket' });
    await eventually(
      async () => (await owner.get(`/api/refunds/${refund.id}`)).json().status === 'succeeded',
      {
        what: 'the MoMo refund to be paid back',
      },
    );
    expect(momo.refunds().filter((r) => r.referenceIdToRefund === payment.id)).toHaveLength(1);
    expect((await billsOf(customer.id))[0]!.money).toMatchObject({ paidMinor: 3000, refundedMinor: 3000 });
  });

  it('a MoMo refund that fails for good gives the bill back what its refund took: voided active again, reduced its amount again', async () => {
    const { customer, billIds } = await tab([3000, 2000]);
    const [voided, reduced] = billIds as [string, string];
    const asked = await owner.post(`/api/exhibition/customers/${customer.id}/payments`, {
      method: 'momo',
      msisdn: '+250788000111',
    });
    for (const p of asked.json().payments as Array<{ id: string }>) {
      await momo.waitForRequestToPay((r) => r.referenceId === p.id);
      await momo.settle(p.id, 'SUCCESSFUL');
    }
    await eventually(
      async () => {
        for (const p of asked.json().payments as Array<{ id: string }>)
          await owner.post(`/api/payments/${p.id}/check`);
        return (await billsOf(customer.id)).every((b) => b.money.paidMinor > 0);
      },
      { what: 'the MoMo payments to settle the bills' },
    );
    const billOf = async (id: string) => (await owner.get(`/api/exhibition/bills/${id}`)).json();
    const tabOf = async () => {
      const { totalMinor, billCount } = (await owner.get(`/api/exhibition/customers/${customer.id}`)).json();
      return { totalMinor, billCount };
    };
    const before = { voided: await billOf(voided), reduced: await billOf(reduced), tab: await tabOf() };
    expect(before.tab).toEqual({ totalMinor: 5000, billCount: 2 });

    // MTN holds both refunds PENDING until we fail them below, so nothing can undo the bills before we look.
    momo.keepNextRefundsPending(2);
    const voiding = await owner.post(`/api/exhibition/bills/${voided}/refund`, {
      bill: 'void',
      reason: 'no vino',
    });
    const reducing = await owner.post(`/api/exhibition/bills/${reduced}/refund`, {
      bill: 'reduce',
      toMinor: 500,
      reason: 'descuento',
    });
    expect([voiding.statusCode, reducing.statusCode]).toEqual([200, 200]);
    // Going ahead, the bills change at once.
    expect(await billOf(voided)).toMatchObject({ status: 'void' });
    expect(await billOf(reduced)).toMatchObject({ amountMinor: 500 });
    const ids = [voiding.json().refunds[0].id, reducing.json().refunds[0].id] as string[];
    expect(voiding.json().refunds[0]).toMatchObject({ method: 'momo', amount: rwf(3000) });
    await eventually(async () => momo.refunds().filter((r) => r.status === 'PENDING').length === 2, {
      what: 'MTN to receive both refunds',
    });
    for (const r of momo.refunds().filter((r) => r.status === 'PENDING'))
      momo.settleRefund(r.referenceId, 'FAILED', 'PAYEE_NOT_FOUND');
    await eventually(
      async () => {
        for (const id of ids) await owner.post(`/api/refunds/${id}/check`);
        const statuses = await Promise.all(
          ids.map(async (id) => (await owner.get(`/api/refunds/${id}`)).json().status),
        );
        return statuses.every((s) => s === 'failed');
      },
      { what: 'MTN to fail both refunds' },
    );
    // No money went back: the bills, their money and the tab are as before the refunds.
    expect(await billOf(voided)).toEqual(before.voided);
    expect(await billOf(reduced)).toEqual(before.reduced);
    expect(await tabOf()).toEqual(before.tab);

    // Retried, the refund goes ahead again: the bill is voided again and its money goes back.
    expect((await owner.post(`/api/refunds/${ids[0]}/retry`)).statusCode).toBe(200);
    expect(await billOf(voided)).toMatchObject({ status: 'void' });
    await eventually(
      async () => {
        await owner.post(`/api/refunds/${ids[0]}/check`);
        return (await owner.get(`/api/refunds/${ids[0]}`)).json().status === 'succeeded';
      },
      { what: 'the retried refund to be paid back' },
    );
    expect((await billOf(voided)).money).toMatchObject({ paidMinor: 3000, refundedMinor: 3000 });
    expect(await tabOf()).toEqual({ totalMinor: 2000, billCount: 1 });
  });

  it('two desks taking one tab at once charge it once', async () => {
    const { customer, billIds } = await tab([1200]);
    const answers = await Promise.all(
      [1, 2].map(() => owner.post(`/api/exhibition/customers/${customer.id}/payments`, { method: 'cash' })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect(await paymentsOf(billIds[0]!)).toHaveLength(1);
  });

  it('takes only the bills named, and refuses a bill of another customer', async () => {
    const { customer, billIds } = await tab([700, 800]);
    const other = await tab([900]);
    const wrong = await owner.post(`/api/exhibition/customers/${customer.id}/payments`, {
      method: 'cash',
      billIds: [other.billIds[0]],
    });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().code).toBe('exhibition.bill_not_found');
    const one = await owner.post(`/api/exhibition/customers/${customer.id}/payments`, {
      method: 'cash',
      billIds: [billIds[1]],
    });
    expect(one.json().payments).toMatchObject([{ billId: billIds[1], amount: rwf(800) }]);
    expect((await billsOf(customer.id)).map((b) => b.money.dueMinor)).toEqual([700, 0]);
  });
});
