import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExhibition, registerExhibitionCustomer } from '../../../../test/factories/exhibition.ts';
import { orgCtx } from '../../../../test/factories/org.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { refundedByBill } from '../bill-refunds.ts';
import { listCustomerBills } from '../bills.ts';
import { getCustomer } from '../customers.ts';
import { statementPdfTask } from '../statement.pdf.ts';

let app: TestApp;
let owner: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  owner = await app.signIn('owner@example.com');
}, 60_000);
afterAll(async () => app?.close());

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

describe('exhibition: money back for a voided bill', () => {
  it('refunds the money taken for a voided bill, and the statement shows it', async () => {
    const { exhibition, booths } = await createExhibition(app, { booths: ['Coffee'] });
    const customer = await registerExhibitionCustomer(app, { exhibitionId: exhibition.id, language: 'es' });
    const bill = await owner.post(`/api/exhibition/customers/${customer.id}/bills`, {
      boothId: booths[0]!.id,
      amountMinor: 1250,
      description: 'café',
    });
    expect(bill.statusCode).toBe(201);
    const billId = bill.json().id as string;
    const paid = await owner.post('/api/payments/manual', {
      amount: usd(1250),
      purpose: { type: 'exhibition.bill', id: billId },
      kind: 'cash',
    });
    expect(paid.statusCode).toBe(201);
    // Only a voided bill's money is refunded here.
    const early = await owner.post(`/api/exhibition/bills/${billId}/refund`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('exhibition.bill_not_voided');
    await owner.post(`/api/exhibition/bills/${billId}/void`, { reason: 'cobrado dos veces' });
    const res = await owner.post(`/api/exhibition/bills/${billId}/refund`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json().refunds).toMatchObject([
      { status: 'succeeded', method: 'cash', amount: usd(1250), reason: 'cobrado dos veces' },
    ]);
    const again = await owner.post(`/api/exhibition/bills/${billId}/refund`, {});
    expect(again.json().code).toBe('exhibition.bill_nothing_to_refund');

    const ctx = await orgCtx(app);
    const refunded = await refundedByBill(ctx, customer.id);
    expect(refunded.get(billId)).toBe(1250);
    const task = statementPdfTask({
      exhibitionName: exhibition.name,
      customer: await getCustomer(ctx, customer.id),
      bills: (await listCustomerBills(ctx, customer.id)).map((b) => ({
        ...b,
        refundedMinor: refunded.get(b.id) ?? 0,
      })),
    });
    const texts = task.calls.filter((c) => c[0] === 'text').map((c) => String(c[1]));
    expect(texts.some((t) => /dinero devuelto: US\$\s?12,50|dinero devuelto: 12,50/.test(t))).toBe(true);
    expect(texts.some((t) => t.startsWith('Dinero devuelto:'))).toBe(true);
    const pdf = await owner.get(`/api/exhibition/customers/${customer.id}/statement.pdf`);
    expect(pdf.statusCode).toBe(200);
  });
});
