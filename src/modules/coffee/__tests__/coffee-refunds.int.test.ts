import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sellTwoLattes } from '../../../../test/factories/coffee.ts';
import { orgCtx } from '../../../../test/factories/org.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { provisionDevice } from '../device-tokens.ts';

let app: TestApp;
let owner: ApiClient;
let admin: ApiClient;
let ops: ApiClient;
let machine: { id: string; token: string };
let merchantId: string;

/** A sale of two lattes (7.00 USD) on the test machine, by the device API; answers the order's id. */
const sell = async (orderId: string, extra: Record<string, unknown> = {}): Promise<string> => {
  const res = await sellTwoLattes(app, machine, orderId, extra);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().id;
};

beforeAll(async () => {
  app = await startTestApp();
  owner = await signedInStaff(app, { role: 'owner' });
  admin = await signedInStaff(app, { role: 'admin' });
  ops = await signedInStaff(app, { role: 'ops' });
  merchantId = (await owner.post('/api/coffee/console/merchants', { name: 'Refund Beans' })).json().id;
  const { device, deviceToken } = await provisionDevice(await orgCtx(app), {
    serial: 'CM-REFUND-1',
    model: 'CM-200',
    merchantId,
  });
  machine = { id: device.id, token: deviceToken };
}, 120_000);
afterAll(() => app?.close());

/**
 * The week's takings as each money view reads them: the fleet dashboard, the merchant's, the original's
 * dashboard (major units) and the sum of the orders list's "in the takings" column.
 */
const takings = async () => {
  const fleet = (await owner.get('/api/coffee/summary')).json().sales;
  const merchant = (await owner.get(`/api/coffee/summary?merchantId=${merchantId}`)).json().sales;
  const v1 = (await owner.get('/api/v1/dashboard/summary')).json().data.sales_week;
  const list = (await owner.get(`/api/coffee/console/orders?deviceId=${machine.id}&perPage=100`)).json();
  return {
    fleet: fleet.weekMinor as number,
    merchant: merchant.weekMinor as number,
    v1: Math.round(v1.amount * 100),
    list: list.items.reduce((sum: number, o: { takingsMinor: number }) => sum + Number(o.takingsMinor), 0),
  };
};
const less = (t: Awaited<ReturnType<typeof takings>>, minor: number) => ({
  fleet: t.fleet - minor,
  merchant: t.merchant - minor,
  v1: t.v1 - minor,
  list: t.list - minor,
});
const orderOf = async (id: string) =>
  (
    await app.database.pool.query<{ payment_status: string; refund_reason: string | null }>(
      'select payment_status, refund_reason from coffee_order where id = $1',
      [id],
    )
  ).rows[0];
const refundsOfOrder = async (orderId: string) =>
  (
    await app.database.pool.query<{ id: string; status: string; amount_minor: string; reason: string }>(
      `select r.id, r.status, r.amount_minor, r.reason from payment_refund r
       join payment p on p.id = r.payment_id
       where p.purpose_type = 'coffee.order' and p.purpose_id = $1 order by r.created_at`,
      [orderId],
    )
  ).rows;
const refundAudits = async (orderId: string) =>
  (
    await app.database.pool.query<{ n: number }>(
      "select count(*)::int as n from audit_event where action = 'coffee.order.refunded' and subject_id = $1",
      [orderId],
    )
  ).rows[0]!.n;

describe('coffee: the original manual_refund records a real refund', () => {
  it('refunds the order in core payments once, and the takings lose it', async () => {
    const id = await sell('REF-1');
    const before = await takings();
    const res = await owner.post('/api/v1/orders/REF-1/manual_refund', {
      reason: 'cold coffee',
      note: 'table 4',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toMatchObject({ payment_status: 'refunded', refund: { status: 'succeeded' } });
    expect(await refundsOfOrder(id)).toEqual([
      expect.objectContaining({ status: 'succeeded', amount_minor: '700', reason: 'cold coffee (table 4)' }),
    ]);
    expect(await takings()).toEqual(less(before, 700));
    const again = await owner.post('/api/v1/orders/REF-1/manual_refund', { reason: 'cold coffee' });
    expect(again.json().data.message).toBe('already_refunded');
    expect(await refundsOfOrder(id)).toHaveLength(1);
    const listed = (await owner.get('/api/refunds?purposeType=coffee.order')).json();
    expect(listed.items.length).toBeGreaterThanOrEqual(1);
  });

  it('an ops member’s refund waits for a second person and the order stays paid meanwhile', async () => {
    const id = await sell('REF-2');
    const res = await ops.post('/api/v1/orders/REF-2/manual_refund', { reason: 'wrong drink' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toMatchObject({
      payment_status: 'paid',
      message: 'refund_awaiting_approval',
      refund: { status: 'awaiting_approval', processed_at: null },
    });
    expect(await refundsOfOrder(id)).toEqual([
      expect.objectContaining({ status: 'awaiting_approval', amount_minor: '700', reason: 'wrong drink' }),
    ]);
    expect((await orderOf(id))?.payment_status).toBe('paid');
  });
});

describe('coffee: a refund goes through the order’s refund contract (issue 62)', () => {
  it('an ops refund above the limit leaves the sale sold and in the takings until approved; a rejection leaves it', async () => {
    const id = await sell('WAIT-1');
    const before = await takings();

    const asked = await ops.post(`/api/coffee/orders/${id}/refund`, { reason: 'spilled' });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json()).toMatchObject({
      paymentStatus: 'paid',
      refundedNow: false,
      refund: { status: 'awaiting_approval' },
    });
    expect(await orderOf(id)).toEqual({ payment_status: 'paid', refund_reason: null });
    expect(await takings()).toEqual(before);
    const state = (await ops.get(`/api/coffee/orders/${id}/refund`)).json();
    expect(state).toMatchObject({ paymentStatus: 'paid', waiting: true, refundable: false });
    expect(state.refunds).toEqual([
      expect.objectContaining({ status: 'awaiting_approval', reason: 'spilled' }),
    ]);
    // Asked again while it waits: refused in words, nothing more recorded.
    const twice = await ops.post(`/api/coffee/orders/${id}/refund`, { reason: 'spilled' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('coffee.order_refund_waiting');
    expect(await refundsOfOrder(id)).toHaveLength(1);

    const rejected = await owner.post(`/api/refunds/${asked.json().refund.id}/reject`, {
      reason: 'not owed',
    });
    expect(rejected.json().status).toBe('rejected');
    expect(await orderOf(id)).toEqual({ payment_status: 'paid', refund_reason: null });
    expect(await takings()).toEqual(before);
    expect(await refundAudits(id)).toBe(0);

    // Asked again, and approved by a second person: now the order is refunded and leaves the takings.
    const again = (await ops.post(`/api/coffee/orders/${id}/refund`, { reason: 'spilled, really' })).json();
    expect(again.refund.status).toBe('awaiting_approval');
    expect(await takings()).toEqual(before);
    const approved = await admin.post(`/api/refunds/${again.refund.id}/approve`);
    expect(approved.json().status).toBe('succeeded');
    expect(await orderOf(id)).toEqual({ payment_status: 'refunded', refund_reason: 'spilled, really' });
    expect(await takings()).toEqual(less(before, 700));
    expect(await refundAudits(id)).toBe(1);
    const after = (await ops.get(`/api/coffee/orders/${id}/refund`)).json();
    expect(after).toMatchObject({ paymentStatus: 'refunded', waiting: false, refundable: false });
    expect(after.refunds.map((r: { status: string }) => r.status)).toEqual(['rejected', 'succeeded']);
  });

  it('a refund through core’s route on the order’s payment refunds the order too, a part or the rest', async () => {
    const id = await sell('CORE-1');
    const before = await takings();
    const asked = (await ops.post(`/api/coffee/orders/${id}/refund`, { reason: 'ask' })).json();
    await owner.post(`/api/refunds/${asked.refund.id}/reject`, { reason: 'ask the owner' });
    const { paymentId } = (await owner.get(`/api/coffee/orders/${id}/refund`)).json();
    expect(paymentId).toEqual(expect.any(String));

    const part = await owner.post(`/api/payments/${paymentId}/refunds`, {
      amount: { amountMinor: 350, currency: 'USD' },
      method: 'cash',
      reason: 'one latte',
    });
    expect(part.statusCode, part.body).toBe(201);
    expect(await orderOf(id)).toEqual({ payment_status: 'paid', refund_reason: null });
    expect(await takings()).toEqual(less(before, 350));

    const tooMuch = await owner.post(`/api/payments/${paymentId}/refunds`, {
      amount: { amountMinor: 700, currency: 'USD' },
      method: 'cash',
      reason: 'both lattes cold',
    });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json().details.field).toBe('amount');
    const rest = await owner.post(`/api/payments/${paymentId}/refunds`, {
      amount: { amountMinor: 350, currency: 'USD' },
      method: 'cash',
      reason: 'both lattes cold',
    });
    expect(rest.statusCode, rest.body).toBe(201);
    expect(rest.json().status).toBe('succeeded');
    expect(await orderOf(id)).toEqual({ payment_status: 'refunded', refund_reason: 'both lattes cold' });
    expect(await takings()).toEqual(less(before, 700));
    // The order's own route now answers it refunded and asks nothing of core.
    const late = (await owner.post(`/api/coffee/orders/${id}/refund`, { reason: 'again' })).json();
    expect(late).toMatchObject({ paymentStatus: 'refunded', refundedNow: false, refund: null });
    expect((await refundsOfOrder(id)).map((r) => r.status)).toEqual(['rejected', 'succeeded', 'succeeded']);
  });

  it('a retried refund with the same Idempotency-Key refunds once and answers the first refund', async () => {
    const id = await sell('KEY-1');
    const before = await takings();
    const send = () =>
      owner.post(
        `/api/coffee/orders/${id}/refund`,
        { reason: 'machine ate the cup' },
        { 'idempotency-key': 'k-1' },
      );
    const [first, second] = await Promise.all([send(), send()]);
    expect(first!.statusCode, first!.body).toBe(200);
    expect(second!.json()).toEqual(first!.json());
    expect(first!.json()).toMatchObject({ paymentStatus: 'refunded', refundedNow: true });
    const third = await send();
    expect(third.json()).toEqual(first!.json());
    expect(await refundsOfOrder(id)).toHaveLength(1);
    expect(await refundAudits(id)).toBe(1);
    expect(await takings()).toEqual(less(before, 700));

    // The original's path too, and an ops member's ask that waits: the retry answers the waiting refund.
    const v1 = await sell('KEY-2');
    const manual = () =>
      ops.post('/api/v1/orders/KEY-2/manual_refund', { reason: 'cold' }, { 'idempotency-key': 'k-2' });
    const a = await manual();
    const b = await manual();
    expect(a.json().data).toMatchObject({ message: 'refund_awaiting_approval' });
    expect(b.json()).toEqual(a.json());
    expect(await refundsOfOrder(v1)).toHaveLength(1);
  });

  it('a failed vend is refunded at once by the machine: out of the takings, no refund to approve', async () => {
    const before = await takings();
    const id = await sell('VEND-FAIL-1', { vend: 'failed' });
    expect(await orderOf(id)).toEqual({
      payment_status: 'refunded',
      refund_reason: 'failed vend (automatic)',
    });
    expect(await takings()).toEqual(before);
    expect(await refundsOfOrder(id)).toEqual([]);
    expect(await refundAudits(id)).toBe(1);
    const asked = (await ops.post(`/api/coffee/orders/${id}/refund`, { reason: 'again' })).json();
    expect(asked).toMatchObject({ paymentStatus: 'refunded', refundedNow: false, refund: null });
    expect(await refundsOfOrder(id)).toEqual([]);
  });

  it('sells again the orders marked refunded at once while their refund waits or was turned down (migration)', async () => {
    // What the path before issue 62 left: the order refunded at the ask, the refund above the limit.
    const markedAtOnce = async (orderId: string, reject: boolean) => {
      const id = await sell(orderId);
      const asked = (await ops.post(`/api/coffee/orders/${id}/refund`, { reason: 'old path' })).json();
      if (reject) await owner.post(`/api/refunds/${asked.refund.id}/reject`, { reason: 'not owed' });
      await app.database.pool.query(
        "update coffee_order set payment_status = 'refunded', refund_reason = 'old path', refunded_at = now() where id = $1",
        [id],
      );
      return { id, refundId: asked.refund.id as string };
    };
    const waits = await markedAtOnce('MIG-1', false);
    const turnedDown = await markedAtOnce('MIG-2', true);
    const refunded = await sell('MIG-3');
    await owner.post(`/api/coffee/orders/${refunded}/refund`, { reason: 'paid back' });
    const failedVend = await sell('MIG-4', { vend: 'failed' });

    await app.database.pool.query(
      readFileSync(new URL('../migrations/20270503_6201_coffee_refund_waits.sql', import.meta.url), 'utf8'),
    );
    expect(await orderOf(waits.id)).toEqual({ payment_status: 'paid', refund_reason: null });
    expect(await orderOf(turnedDown.id)).toEqual({ payment_status: 'paid', refund_reason: null });
    expect(await orderOf(refunded)).toEqual({ payment_status: 'refunded', refund_reason: 'paid back' });
    expect(await orderOf(failedVend)).toEqual({
      payment_status: 'refunded',
      refund_reason: 'failed vend (automatic)',
    });
    // The waiting refund, approved now, refunds its order as any other.
    expect((await admin.post(`/api/refunds/${waits.refundId}/approve`)).json().status).toBe('succeeded');
    expect(await orderOf(waits.id)).toEqual({ payment_status: 'refunded', refund_reason: 'old path' });
  });
});

describe('coffee: a part of a sale goes back (issue 62)', () => {
  const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });
  const refundedOf = async (id: string) =>
    Number(
      (await app.database.pool.query('select refunded_minor from coffee_order where id = $1', [id])).rows[0]
        .refunded_minor,
    );
  const csvRowOf = async (deviceOrderId: string) => {
    const res = await owner.get(
      `/api/coffee/console/orders/export.csv?deviceOrderId=${deviceOrderId}&columns=deviceOrderId,totalMinor,refundedMinor,takingsMinor`,
    );
    expect(res.statusCode, res.body).toBe(200);
    return res.body.trim().split(/\r?\n/).at(-1);
  };

  it('a part within the limit stays sold with what went back shown, the takings net it; the rest then refunds the order', async () => {
    const id = await sell('PART-1');
    const before = await takings();

    const first = await owner.post(`/api/coffee/orders/${id}/refund`, {
      reason: 'paid for a large, got a small',
      amount: usd(250),
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      paymentStatus: 'paid',
      refundedNow: false,
      refunded: usd(250),
      refund: { status: 'succeeded', amount: usd(250) },
    });
    expect(await orderOf(id)).toEqual({ payment_status: 'paid', refund_reason: null });
    expect(await takings()).toEqual(less(before, 250));
    expect(await owner.get(`/api/coffee/orders/${id}/refund`).then((r) => r.json())).toMatchObject({
      paymentStatus: 'paid',
      sale: usd(700),
      refunded: usd(250),
      left: usd(450),
      refundable: true,
      waiting: false,
    });
    const row = (await owner.get(`/api/coffee/console/orders?deviceOrderId=PART-1`)).json().items[0];
    expect(row).toMatchObject({ paymentStatus: 'paid', takingsMinor: 450, refundedMinor: 250 });
    expect(await csvRowOf('PART-1')).toBe('PART-1,700,250,450');
    // The machine's page lists the sale with what went back, as the orders list does.
    const saleOnMachine = async () =>
      (await owner.get(`/api/coffee/devices/${machine.id}/overview`))
        .json()
        .sales.find((o: { id: string }) => o.id === id);
    expect(await saleOnMachine()).toMatchObject({
      totalMinor: 700,
      refundedMinor: 250,
      paymentStatus: 'paid',
    });
    const part = await app.database.pool.query(
      "select after from audit_event where action = 'coffee.order.refunded_part' and subject_id = $1",
      [id],
    );
    expect(part.rows.map((r) => r.after)).toEqual([expect.objectContaining({ refundedMinor: 250 })]);

    const rest = await owner.post(`/api/coffee/orders/${id}/refund`, {
      reason: 'second drink failed',
      amount: usd(450),
    });
    expect(rest.statusCode, rest.body).toBe(200);
    expect(rest.json()).toMatchObject({ paymentStatus: 'refunded', refundedNow: true, refunded: usd(700) });
    expect(await orderOf(id)).toEqual({ payment_status: 'refunded', refund_reason: 'second drink failed' });
    expect(await takings()).toEqual(less(before, 700));
    expect(await refundAudits(id)).toBe(1);
    expect((await refundsOfOrder(id)).map((r) => r.amount_minor)).toEqual(['250', '450']);
    const after = (await owner.get(`/api/coffee/orders/${id}/refund`)).json();
    expect(after).toMatchObject({ refunded: usd(700), left: usd(0), refundable: false });
    expect(await saleOnMachine()).toMatchObject({ refundedMinor: 700, paymentStatus: 'refunded' });
  });

  it('the original’s manual_refund keeps its whole meaning: after a part, it gives back the rest', async () => {
    const id = await sell('PART-V1');
    const before = await takings();
    await owner.post(`/api/coffee/orders/${id}/refund`, { reason: 'small cup', amount: usd(200) });
    const res = await owner.post('/api/v1/orders/PART-V1/manual_refund', { reason: 'all of it' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toMatchObject({ payment_status: 'refunded', refund: { status: 'succeeded' } });
    expect((await refundsOfOrder(id)).map((r) => r.amount_minor)).toEqual(['200', '500']);
    expect(await takings()).toEqual(less(before, 700));
  });

  it('refuses an amount above what is left, zero, below zero or in another currency, naming amount, and changes nothing', async () => {
    const id = await sell('PART-BAD');
    await owner.post(`/api/coffee/orders/${id}/refund`, { reason: 'one latte', amount: usd(350) });
    const before = await takings();

    const above = await owner.post(`/api/coffee/orders/${id}/refund`, { reason: 'more', amount: usd(351) });
    expect(above.statusCode).toBe(409);
    expect(above.headers['content-type']).toContain('application/problem+json');
    expect(above.json()).toMatchObject({
      code: 'coffee.order_refund_above_left',
      details: { field: 'amount', left: usd(350) },
    });
    const currency = await owner.post(`/api/coffee/orders/${id}/refund`, {
      reason: 'more',
      amount: { amountMinor: 100, currency: 'EUR' },
    });
    expect(currency.statusCode).toBe(400);
    expect(currency.json()).toMatchObject({
      code: 'coffee.order_refund_currency',
      details: { field: 'amount' },
    });
    for (const amountMinor of [0, -50]) {
      const bad = await owner.post(`/api/coffee/orders/${id}/refund`, {
        reason: 'more',
        amount: usd(amountMinor),
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(bad.json().errors)).toContain('amount');
    }
    expect(await refundsOfOrder(id)).toHaveLength(1);
    expect(await refundedOf(id)).toBe(350);
    expect(await takings()).toEqual(before);
  });

  it('an ops member’s part above their limit waits and changes nothing until a second person approves it', async () => {
    const id = await sell('PART-OPS');
    const before = await takings();
    const asked = await ops.post(`/api/coffee/orders/${id}/refund`, {
      reason: 'small, not large',
      amount: usd(150),
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json()).toMatchObject({
      paymentStatus: 'paid',
      refunded: usd(0),
      refund: { status: 'awaiting_approval', amount: usd(150) },
    });
    expect(await refundedOf(id)).toBe(0);
    expect(await takings()).toEqual(before);
    expect((await ops.get(`/api/coffee/orders/${id}/refund`)).json()).toMatchObject({
      waiting: true,
      refundable: false,
      refunded: usd(0),
      left: usd(700),
    });
    const more = await ops.post(`/api/coffee/orders/${id}/refund`, { reason: 'again', amount: usd(100) });
    expect(more.json().code).toBe('coffee.order_refund_waiting');

    expect((await admin.post(`/api/refunds/${asked.json().refund.id}/approve`)).json().status).toBe(
      'succeeded',
    );
    expect(await orderOf(id)).toEqual({ payment_status: 'paid', refund_reason: null });
    expect(await refundedOf(id)).toBe(150);
    expect(await takings()).toEqual(less(before, 150));
    expect((await ops.get(`/api/coffee/orders/${id}/refund`)).json()).toMatchObject({
      waiting: false,
      refundable: true,
      left: usd(550),
    });
  });

  it('a retried part with the same Idempotency-Key answers the first refund and gives back once', async () => {
    const id = await sell('PART-KEY');
    const before = await takings();
    const send = (amountMinor: number) =>
      owner.post(
        `/api/coffee/orders/${id}/refund`,
        { reason: 'one drink failed', amount: usd(amountMinor) },
        { 'idempotency-key': 'part-k-1' },
      );
    const [a, b] = await Promise.all([send(350), send(350)]);
    expect(a!.statusCode, a!.body).toBe(200);
    expect(b!.json()).toEqual(a!.json());
    expect((await send(350)).json()).toEqual(a!.json());
    expect((await send(200)).statusCode).toBeGreaterThanOrEqual(400);
    expect((await refundsOfOrder(id)).map((r) => r.amount_minor)).toEqual(['350']);
    expect(await refundedOf(id)).toBe(350);
    expect(await takings()).toEqual(less(before, 350));
  });
});
