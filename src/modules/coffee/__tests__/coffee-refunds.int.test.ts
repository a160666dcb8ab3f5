import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeDevices } from '../../../../test/factories/coffee.ts';
import { signedInStaff } from '../../../../test/factories/staff.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';

let app: TestApp;
let owner: ApiClient;
let ops: ApiClient;
let machine: { id: string; serial: string; token: string };

const sell = (orderId: string) =>
  app.anonymous().post(
    '/api/coffee/device/orders',
    {
      orderId,
      orderedAt: new Date().toISOString(),
      items: [{ name: 'Latte', qty: 2, unitPriceMinor: 350 }],
      currency: 'USD',
      paymentMethod: 'wallet',
    },
    { authorization: `Bearer ${machine.token}` },
  );

beforeAll(async () => {
  app = await startTestApp();
  owner = await signedInStaff(app, { role: 'owner' });
  ops = await signedInStaff(app, { role: 'ops' });
  [machine] = (await coffeeDevices(app, 1, { model: 'CM-200' })) as [typeof machine];
  expect((await sell('REF-1')).statusCode).toBe(200);
  expect((await sell('REF-2')).statusCode).toBe(200);
}, 120_000);
afterAll(() => app?.close());

const todaysSales = async () => (await owner.get('/api/coffee/summary')).json().sales.weekMinor as number;
const refundsOfOrder = async (deviceOrderId: string) =>
  (
    await app.database.pool.query<{ status: string; amount_minor: string; reason: string }>(
      `select r.status, r.amount_minor, r.reason from payment_refund r
       join payment p on p.id = r.payment_id
       join coffee_order o on o.id::text = p.purpose_id
       where p.purpose_type = 'coffee.order' and o.device_order_id = $1`,
      [deviceOrderId],
    )
  ).rows;

describe('coffee: the original manual_refund records a real refund', () => {
  it('refunds the order in core payments once, and the takings lose it', async () => {
    const before = await todaysSales();
    const res = await owner.post('/api/v1/orders/REF-1/manual_refund', {
      reason: 'cold coffee',
      note: 'table 4',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data).toMatchObject({ payment_status: 'refunded' });
    expect(await refundsOfOrder('REF-1')).toEqual([
      { status: 'succeeded', amount_minor: '700', reason: 'cold coffee (table 4)' },
    ]);
    expect(await todaysSales()).toBe(before - 700);
    const again = await owner.post('/api/v1/orders/REF-1/manual_refund', { reason: 'cold coffee' });
    expect(again.json().data.message).toBe('already_refunded');
    expect(await refundsOfOrder('REF-1')).toHaveLength(1);
    const listed = (await owner.get('/api/refunds?purposeType=coffee.order')).json();
    expect(listed.items.length).toBeGreaterThanOrEqual(1);
  });

  it('an ops member’s refund of a sale waits for a second person in core payments', async () => {
    const res = await ops.post('/api/v1/orders/REF-2/manual_refund', { reason: 'wrong drink' });
    expect(res.statusCode, res.body).toBe(200);
    expect(await refundsOfOrder('REF-2')).toEqual([
      { status: 'awaiting_approval', amount_minor: '700', reason: 'wrong drink' },
    ]);
  });
});
