import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExhibition, registerExhibitionCustomer } from '../../../../test/factories/exhibition.ts';
import { orgCtx } from '../../../../test/factories/org.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { statementPdfTask } from '../statement.pdf.ts';
import { statementOf } from '../statements.ts';

/*
 * Issue 62: money taken for a bill goes back through core's one refund path, whichever route asks,
 * and the bill's refund contract decides what becomes of the bill: voided (all back) or reduced (the
 * difference back), only when the refund goes ahead; a refund waiting for approval changes nothing.
 */
let app: TestApp;
let owner: ApiClient;
let ops: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  await app.createStaff({ email: 'ops@example.com', role: 'ops' });
  owner = await app.signIn('owner@example.com');
  ops = await app.signIn('ops@example.com');
}, 60_000);
afterAll(async () => app?.close());

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

/** A customer of a new exhibition (Spanish e-mails) with one bill per amount, paid in cash at the desk. */
async function paidTab(amounts: number[]) {
  const { exhibition, booths } = await createExhibition(app, { booths: ['Café'] });
  const customer = await registerExhibitionCustomer(app, { exhibitionId: exhibition.id, language: 'es' });
  const billIds: string[] = [];
  for (const amountMinor of amounts) {
    const bill = await owner.post(`/api/exhibition/customers/${customer.id}/bills`, {
      boothId: booths[0]!.id,
      amountMinor,
      description: 'café',
    });
    expect(bill.statusCode).toBe(201);
    billIds.push(bill.json().id as string);
  }
  const taken = await owner.post(`/api/exhibition/customers/${customer.id}/payments`, { method: 'cash' });
  expect(taken.statusCode).toBe(201);
  const paymentOf = (billId: string) =>
    (taken.json().payments as Array<{ id: string; billId: string }>).find((p) => p.billId === billId)!.id;
  return { exhibition, customer, billIds, paymentOf };
}

/** The "money returned" e-mails a customer was sent, oldest first: subject and body. */
async function returnedMails(email: string) {
  const { rows } = await app.database.pool.query<{ subject: string; body: string }>(
    `select subject, body from notification where recipient = $1 and template = 'exhibition.money_returned'
      order by created_at, id`,
    [email],
  );
  return rows;
}

const billOf = async (id: string) => (await owner.get(`/api/exhibition/bills/${id}`)).json();
const statementTexts = async (customerId: string) =>
  statementPdfTask(await statementOf(await orgCtx(app), customerId))
    .calls.filter((c) => c[0] === 'text')
    .map((c) => String(c[1]));

describe('exhibition: money back for a bill', () => {
  it('refuses while the bill still asks for its money, then refunds a voided bill once per Idempotency-Key', async () => {
    const { customer, billIds, paymentOf } = await paidTab([1250]);
    const billId = billIds[0]!;
    const early = await owner.post(`/api/exhibition/bills/${billId}/refund`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('exhibition.bill_not_voided');
    // Core's route goes through the same contract.
    const core = await owner.post(`/api/payments/${paymentOf(billId)}/refunds`, {
      amount: usd(1250),
      method: 'cash',
      reason: 'asked back',
    });
    expect(core.statusCode).toBe(409);
    expect(core.json().code).toBe('exhibition.bill_not_voided');

    await owner.post(`/api/exhibition/bills/${billId}/void`, { reason: 'cobrado dos veces' });
    const headers = { 'idempotency-key': 'refund-once-1' };
    const res = await owner.post(`/api/exhibition/bills/${billId}/refund`, {}, headers);
    expect(res.statusCode).toBe(200);
    expect(res.json().refunds).toMatchObject([
      { status: 'succeeded', method: 'cash', amount: usd(1250), reason: 'cobrado dos veces' },
    ]);
    const retry = await owner.post(`/api/exhibition/bills/${billId}/refund`, {}, headers);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().refunds.map((r: { id: string }) => r.id)).toEqual(
      res.json().refunds.map((r: { id: string }) => r.id),
    );
    const again = await owner.post(`/api/exhibition/bills/${billId}/refund`, {});
    expect(again.json().code).toBe('exhibition.bill_nothing_to_refund');
    expect((await owner.get(`/api/payments/${paymentOf(billId)}/refunds`)).json().items).toHaveLength(1);
    expect((await billOf(billId)).money).toMatchObject({ paidMinor: 1250, refundedMinor: 1250, dueMinor: 0 });

    const texts = await statementTexts(customer.id);
    expect(texts.some((t) => /dinero devuelto: US\$\s?12,50|dinero devuelto: 12,50/.test(t))).toBe(true);
    expect(texts.some((t) => /^Pagado neto: .*0,00/.test(t))).toBe(true);
    const pdf = await owner.get(`/api/exhibition/customers/${customer.id}/statement.pdf`);
    expect(pdf.statusCode).toBe(200);
  });

  it('voids one bill through the exhibition route and reduces another through core’s route; the statement and its e-mail net them', async () => {
    const { customer, billIds, paymentOf } = await paidTab([2000, 3000]);
    const [voided, reduced] = billIds as [string, string];
    const res = await owner.post(`/api/exhibition/bills/${voided}/refund`, {
      bill: 'void',
      reason: 'no vino',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().refunds).toMatchObject([{ status: 'succeeded', amount: usd(2000) }]);
    expect(await billOf(voided)).toMatchObject({ status: 'void', voidReason: 'no vino' });

    // More than the difference is refused by the contract, with nothing changed.
    const tooMuch = await owner.post(`/api/payments/${paymentOf(reduced)}/refunds`, {
      amount: usd(1500),
      method: 'cash',
      reason: 'descuento',
      options: { bill: 'reduce', toMinor: 2000 },
    });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().code).toBe('exhibition.bill_refund_too_much');
    const core = await owner.post(`/api/payments/${paymentOf(reduced)}/refunds`, {
      amount: usd(1000),
      method: 'cash',
      reason: 'descuento',
      options: { bill: 'reduce', toMinor: 2000 },
    });
    expect(core.statusCode).toBe(201);
    expect(await billOf(reduced)).toMatchObject({
      status: 'active',
      amountMinor: 2000,
      money: { paidMinor: 3000, refundedMinor: 1000, dueMinor: 0 },
    });
    const tab = (await owner.get(`/api/exhibition/customers/${customer.id}`)).json();
    expect(tab).toMatchObject({ totalMinor: 2000, billCount: 1 });

    const texts = await statementTexts(customer.id);
    expect(texts.some((t) => /^Pagado: .*50,00/.test(t))).toBe(true);
    expect(texts.some((t) => /^Dinero devuelto: .*30,00/.test(t))).toBe(true);
    expect(texts.some((t) => /^Pagado neto: .*20,00/.test(t))).toBe(true);
    expect(texts.some((t) => t.startsWith('Queda por pagar'))).toBe(false);
    const mailed = await owner.post(`/api/exhibition/customers/${customer.id}/statement/email`);
    expect(mailed.statusCode).toBe(202);
    const { rows } = await app.database.pool.query<{ body: string }>(
      'select body from notification where id = $1',
      [mailed.json().notificationId],
    );
    expect(rows[0]!.body).toMatch(/Pagado .*50,00.*devuelto .*30,00.*pagado neto .*20,00/);

    // The customer was told of each, in Spanish, whichever route gave it back.
    const told = await returnedMails(customer.email);
    expect(told).toHaveLength(2);
    expect(told[0]!.subject).toMatch(/^Dinero devuelto: .*20,00/);
    expect(told[0]!.body).toMatch(
      /se le devolvieron .*20,00.* por "café" \(Café\).*en efectivo\.\nMotivo: no vino$/,
    );
    expect(told[1]!.body).toMatch(/se le devolvieron .*10,00.*\nMotivo: descuento$/);
  });

  it('an ops refund above the limit changes nothing until a second person approves; a rejection leaves the bill as it was', async () => {
    const { customer, billIds } = await paidTab([4000]);
    const billId = billIds[0]!;
    const asked = await ops.post(`/api/exhibition/bills/${billId}/refund`, {
      bill: 'void',
      reason: 'duplicado',
    });
    expect(asked.statusCode).toBe(200);
    const [waiting] = asked.json().refunds;
    expect(waiting).toMatchObject({ status: 'awaiting_approval', amount: usd(4000) });
    expect(await billOf(billId)).toMatchObject({
      status: 'active',
      money: { paidMinor: 4000, awaitingMinor: 4000, refundedMinor: 0, dueMinor: 0 },
    });
    expect((await owner.get(`/api/exhibition/customers/${customer.id}`)).json().totalMinor).toBe(4000);

    const rejected = await owner.post(`/api/refunds/${waiting.id}/reject`, { reason: 'no es duplicado' });
    expect(rejected.statusCode).toBe(200);
    expect(await returnedMails(customer.email)).toEqual([]);
    expect(await billOf(billId)).toMatchObject({
      status: 'active',
      amountMinor: 4000,
      money: { paidMinor: 4000, awaitingMinor: 0, refundedMinor: 0, dueMinor: 0 },
    });

    const second = await ops.post(`/api/exhibition/bills/${billId}/refund`, {
      bill: 'void',
      reason: 'duplicado',
    });
    const approved = await owner.post(`/api/refunds/${second.json().refunds[0].id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json().status).toBe('succeeded');
    expect(await billOf(billId)).toMatchObject({
      status: 'void',
      voidReason: 'duplicado',
      money: { refundedMinor: 4000, awaitingMinor: 0 },
    });
    expect((await owner.get(`/api/exhibition/customers/${customer.id}`)).json().totalMinor).toBe(0);
    expect((await returnedMails(customer.email)).map((m) => m.body)).toEqual([
      expect.stringMatching(/40,00.*Motivo: duplicado$/s),
    ]);
  });
});
