import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordCashFee } from '../../src/modules/mess/fee-payments.ts';
import { orgCtx } from '../factories/org.ts';
import { createRaffle, createRaffleOrder } from '../factories/raffle.ts';
import { signedInStaff } from '../factories/staff.ts';
import { createMessSetup, createStudent } from '../factories/student.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Issue 62: the refunds list named a payment id and no person. Each refund now names the person the
 * module registered as the payer and the record it paid for, in the module's words and linked to the
 * record's page, in the list, on the refund's page and in the CSV, for every module's purposes.
 */
let app: TestApp;
let owner: ApiClient;
let feePaymentId: string;
let orderPaymentId: string;
let orderId: string;
let studentId: string;

type Message = {
  key: string;
  params?: Record<string, unknown>;
  text?: string;
  record?: { resource: string; id: string };
};
type RefundItem = {
  id: string;
  paymentId: string;
  payer: string | null;
  record: Message | null;
  title: Message | null;
  purposeType: string;
  status: string;
};

async function paymentOf(purposeType: string, purposeId: string): Promise<string> {
  const { rows } = await app.database.pool.query<{ id: string }>(
    'select id from payment where purpose_type = $1 and purpose_id = $2',
    [purposeType, purposeId],
  );
  return rows[0]!.id;
}

/** Gives back `amountMinor` of the payment (all that is left when not given), in cash, as the owner. */
async function refund(paymentId: string, reason: string, amountMinor?: number) {
  const { left } = (await owner.get(`/api/payments/${paymentId}/refunds`)).json();
  const res = await owner.post(`/api/payments/${paymentId}/refunds`, {
    amount: { ...left, amountMinor: amountMinor ?? left.amountMinor },
    method: 'cash',
    reason,
  });
  expect(res.statusCode, res.body).toBe(201);
}

beforeAll(async () => {
  app = await startTestApp();
  owner = await signedInStaff(app, { role: 'owner' });
  const { cycleId } = await createMessSetup(app);
  const student = await createStudent(app, { name: 'Asha Verma' });
  studentId = student.id;
  // ₹3,500 for a ₹3,000 cycle: the mess gives back only what was paid beyond the dues.
  await recordCashFee(await orgCtx(app), { studentId, cycleId, amountMinor: 350_000 });
  feePaymentId = await paymentOf('mess.cycle_fee', `${student.id}:${cycleId}`);
  const raffle = await createRaffle(app, { title: 'Rifa Navidad' });
  const order = await createRaffleOrder(app, {
    raffleId: raffle.id,
    name: 'Ana Benítez',
    pick: { numbers: [48, 95] },
    payment: 'paid',
  });
  orderId = order.id;
  orderPaymentId = await paymentOf('raffle.order', order.id);
  await refund(feePaymentId, 'Left the hostel', 20_000);
  await refund(orderPaymentId, 'Raffle moved');
}, 120_000);
afterAll(() => app?.close());

const byPayment = (items: RefundItem[], paymentId: string) => items.find((i) => i.paymentId === paymentId)!;

describe('the refunds list names the person and the record', () => {
  it('gives each refund its payer and what it paid for, linked to the record, for two modules', async () => {
    const res = await owner.get('/api/refunds');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as RefundItem[];
    const order = byPayment(items, orderPaymentId);
    expect(order.payer).toBe('Ana Benítez');
    expect(order.record).toMatchObject({
      key: 'raffle.purpose.order',
      params: { title: 'Rifa Navidad', numbers: '48, 95' },
      record: { resource: 'raffle.orders', id: orderId },
    });
    expect(order.record?.text).toContain('Rifa Navidad');
    const fee = byPayment(items, feePaymentId);
    expect(fee.payer).toBe('Asha Verma');
    expect(fee.record).toMatchObject({
      key: 'mess.purpose.cycleFee',
      params: { cycle: 'November 2026' },
      record: { resource: 'mess.students', id: studentId },
    });
  });

  it('titles a refund by its amount, person and record ("Refund of … to … for …")', async () => {
    const items = (await owner.get('/api/refunds')).json().items as RefundItem[];
    const order = byPayment(items, orderPaymentId);
    expect(order.title).toMatchObject({
      key: 'payments.refundTitle.toPayer',
      params: {
        amount: { amountMinor: 3000, currency: 'USD' },
        payer: 'Ana Benítez',
        record: { key: 'raffle.purpose.order' },
      },
    });
    expect(order.title?.text).toBe('Refund of $30.00 to Ana Benítez for Raffle order: Rifa Navidad, 48, 95');
    // The refund's own page names it the same way.
    const one = (await owner.get(`/api/refunds/${order.id}`)).json() as RefundItem;
    expect(one.payer).toBe('Ana Benítez');
    expect(one.title?.text).toBe(order.title?.text);
  });

  it('shows a refund’s own history on its page: its entries from its payment’s history', async () => {
    const items = (await owner.get('/api/refunds')).json().items as RefundItem[];
    const order = byPayment(items, orderPaymentId);
    const history = (await owner.get(`/api/refunds/${order.id}/audit`)).json().items as Array<{
      action: string;
      after: { refundId?: string };
    }>;
    expect(history.map((h) => h.action)).toContain('payments.refund.requested');
    expect(history.every((h) => h.after.refundId === order.id)).toBe(true);
    // The payment's own history still holds them, with the payment's own entries.
    const payment = (await owner.get(`/api/payments/records/${orderPaymentId}/audit`)).json().items as Array<{
      action: string;
    }>;
    expect(payment.length).toBeGreaterThan(history.length);
  });

  it('keeps its filters: a purpose and a status still narrow the list, each row still named', async () => {
    const raffleOnly = (await owner.get('/api/refunds?purposeType=raffle.order')).json()
      .items as RefundItem[];
    expect(raffleOnly.map((i) => i.paymentId)).toEqual([orderPaymentId]);
    expect(raffleOnly[0]!.payer).toBe('Ana Benítez');
    const mess = (await owner.get('/api/refunds?status=succeeded&purposeType=mess.cycle_fee')).json()
      .items as RefundItem[];
    expect(mess.map((i) => i.payer)).toEqual(['Asha Verma']);
    expect((await owner.get('/api/refunds?status=rejected')).json().items).toEqual([]);
  });

  it('writes the person and the record in words in the CSV', async () => {
    const res = await owner.get('/api/refunds/export.csv');
    expect(res.statusCode).toBe(200);
    const [header, ...lines] = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(header).toContain('payer');
    expect(header).toContain('record');
    const order = lines.find((l) => l.includes('Raffle moved'))!;
    expect(order).toContain('Ana Benítez');
    expect(order).toContain('Rifa Navidad, 48, 95');
    const fee = lines.find((l) => l.includes('Left the hostel'))!;
    expect(fee).toContain('Asha Verma');
    expect(fee).toContain('November 2026');
  });
});
