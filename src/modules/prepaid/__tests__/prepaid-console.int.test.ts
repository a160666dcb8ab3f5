import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCtx } from '../../../../test/factories/org.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { Ctx } from '../../../core/context/index.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';

/*
 * The prepaid console lists as staff use them: forms create through the module's use cases, the
 * meter status actions are audited, and a lost token is sent again — the same token, never a new one.
 */
let app: TestApp;
let staff: ApiClient;
let ctx: Ctx;
const path = (r: string) => `/api/prepaid/console/${r}`;

beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'vendor@example.com', role: 'owner' });
  staff = await app.signIn('vendor@example.com');
  ctx = await orgCtx(app);
}, 120_000);
afterAll(() => app?.close());

const db = () => ctx.db.withTables<PrepaidTables>();

describe('prepaid console', () => {
  it('creates a tariff from typed blocks, an account and a meter through the forms, and lists them', async () => {
    const tariff = await staff.post(path('tariffs'), {
      category: 'residential',
      currency: 'RWF',
      tiers: '15 89\n50 310\n* 369',
      taxBasisPoints: 1800,
      effectiveFrom: '2020-01-01T00:00:00Z',
    });
    expect(tariff.statusCode, tariff.body).toBe(201);
    const bad = await staff.post(path('tariffs'), {
      category: 'x',
      currency: 'RWF',
      tiers: 'cheap',
      effectiveFrom: '2020-01-01T00:00:00Z',
    });
    expect(bad.statusCode).toBe(400);

    const account = await staff.post(path('accounts'), {
      kind: 'household',
      name: 'Mukamana',
      phone: '0788 123 456'.replace(/^0/, '+250 '),
      channel: 'email',
      channelTo: 'mukamana@example.com',
    });
    expect(account.statusCode, account.body).toBe(201);
    const accountId = account.json().id;
    const meter = await staff.post(path('meters'), { accountId, number: 'C-100', building: 'Block A' });
    expect(meter.statusCode, meter.body).toBe(201);

    const tariffs = (await staff.get(path('tariffs'))).json();
    expect(tariffs.items[0]).toMatchObject({
      category: 'residential',
      tiers: '15 kWh @ 89; 50 kWh @ 310; * kWh @ 369',
    });
    const accounts = (await staff.get(`${path('accounts')}?q=Mukamana`)).json();
    expect(accounts.items).toHaveLength(1);
    expect(accounts.items[0]).toMatchObject({ phone: '+250788123456', channel: 'email', meters: 1 });
    const meters = (await staff.get(`${path('meters')}?building=Block%20A`)).json();
    expect(meters.items.map((m: { number: string }) => m.number)).toEqual(['C-100']);
    const csv = await staff.get(`${path('meters')}/export.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('C-100');
  });

  it('suspends and re-activates a meter with the reason audited; edits keep the key and count', async () => {
    const m = await db()
      .selectFrom('prepaid_meter')
      .selectAll()
      .where('number', '=', 'C-100')
      .executeTakeFirstOrThrow();
    const suspend = await staff.post(`${path('meters')}/actions/suspend`, {
      ids: [m.id],
      input: { reason: 'tampered seal' },
    });
    expect(suspend.json()).toEqual({ done: [m.id], failed: [] });
    const listed = (await staff.get(`${path('meters')}/${m.id}`)).json();
    expect(listed.status).toBe('suspended');
    expect(listed._actions).toEqual(expect.arrayContaining(['activate', 'deactivate']));
    expect(listed._actions).not.toContain('suspend');
    const edit = await staff.patch(`${path('meters')}/${m.id}`, { location: 'Gate 2' });
    expect(edit.statusCode, edit.body).toBeLessThan(300);
    const after = await db()
      .selectFrom('prepaid_meter')
      .selectAll()
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      status: 'suspended',
      location: 'Gate 2',
      opg_key_sealed: m.opg_key_sealed,
    });
    const { rows } = await app.database.pool.query(
      `select action, meta from audit_event where subject_id = $1 order by id`,
      [m.id],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'prepaid.meter.created',
      'prepaid.meter.status_changed',
      'prepaid.meter.updated',
    ]);
    expect(rows[1].meta).toMatchObject({ reason: 'tampered seal' });
  });

  it('sends a paid purchase’s token again, the same token, and offers it only once paid', async () => {
    const m = await db()
      .selectFrom('prepaid_meter')
      .selectAll()
      .where('number', '=', 'C-100')
      .executeTakeFirstOrThrow();
    await staff.post(`${path('meters')}/actions/activate`, {
      ids: [m.id],
      input: { reason: 'seal replaced' },
    });
    const sold = await staff.post('/api/prepaid/purchases', {
      meterId: m.id,
      method: 'cash',
      amount: { amountMinor: 2000, currency: 'RWF' },
    });
    expect(sold.statusCode, sold.body).toBe(201);
    const purchase = sold.json();
    const listed = (await staff.get(`${path('purchases')}?status=paid`)).json();
    expect(listed.items[0]).toMatchObject({
      id: purchase.id,
      token: purchase.token,
      source: 'staff',
      _actions: ['resend-token'],
    });

    const resend = await staff.post(`${path('purchases')}/actions/resend-token`, { ids: [purchase.id] });
    expect(resend.json()).toEqual({ done: [purchase.id], failed: [] });
    const { rows } = await app.database.pool.query<{ body: string }>(
      `select body from notification where template = 'prepaid.token' and recipient = 'mukamana@example.com'`,
    );
    const grouped = purchase.token.match(/.{1,3}/g).join(' ');
    expect(rows).toHaveLength(2);
    for (const r of rows) expect(r.body).toContain(grouped);
    const tokens = await db()
      .selectFrom('prepaid_token')
      .selectAll()
      .where('purchase_id', '=', purchase.id)
      .execute();
    expect(tokens).toHaveLength(1);
  });

  it('reports sales per day and provider, reconciles settled payments against tokens, and exports CSV', async () => {
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const res = await staff.get(`/api/prepaid/reports/sales?from=${day(-1)}&to=${day(1)}`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    const cash = report.sales.filter((r: { method: string }) => r.method === 'cash');
    expect(cash).toHaveLength(1);
    expect(cash[0]).toMatchObject({
      currency: 'RWF',
      purchases: 1,
      paid: 1,
      failed: 0,
      // 2,000 asked: the customer paid the sum of the lines (the rest was change)
      paidAmountMinor: 1978,
    });
    expect(report.reconciliation).toHaveLength(1);
    expect(report.reconciliation[0]).toMatchObject({
      settledPayments: 1,
      settledAmountMinor: 1978,
      tokens: 1,
      tokenAmountMinor: 1978,
      difference: 0,
    });
    const csv = await staff.get(`/api/prepaid/reports/sales?from=${day(-1)}&to=${day(1)}&format=csv`);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe(
      'day,method,currency,purchases,paid,failed,paid_amount_minor,kwh,refunded_amount_minor,net_amount_minor',
    );
    expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2},cash,RWF,1,1,0,1978,\d+\.\d,0,1978$/);
  });

  it('takes readings by API and by CSV, and tells daily use, balance and days left', async () => {
    const m = await db()
      .selectFrom('prepaid_meter')
      .selectAll()
      .where('number', '=', 'C-100')
      .executeTakeFirstOrThrow();
    const bought = await db()
      .selectFrom('prepaid_token')
      .select('units_tenths')
      .where('meter_id', '=', m.id)
      .execute();
    const units = bought.reduce((n, t) => n + t.units_tenths, 0);
    const ago = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
    // The first reading is before the sale, so the units bought since count in full.
    const first = await staff.post('/api/prepaid/readings', {
      meterNumber: 'C-100',
      readAt: ago(4),
      registerTenths: 1000,
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().created).toBe(true);
    await app.database.pool.query('update prepaid_token set created_at = $2 where meter_id = $1', [
      m.id,
      ago(3),
    ]);
    const second = { meterNumber: 'C-100', readAt: ago(2), registerTenths: 1040 };
    await staff.post('/api/prepaid/readings', second);
    const again = await staff.post('/api/prepaid/readings', second);
    expect(again.json().created).toBe(false);
    const csv = `meter,when,kwh\nC-100,${ago(0)},108.0\n`;
    const imported = await staff.post(`${path('readings')}/import?dryRun=false`, {
      csv,
      mapping: { meter: 'meterNumber', when: 'readAt', kwh: 'registerKwh' },
    });
    expect(imported.statusCode, imported.body).toBe(200);
    const readings = (await staff.get(`${path('readings')}?meter=C-100`)).json();
    expect(readings.items.map((r: { kwh: number; source: string }) => [r.kwh, r.source])).toEqual([
      [108, 'csv'],
      [104, 'api'],
      [100, 'api'],
    ]);
    const c = (await staff.get(`/api/prepaid/meters/${m.id}/consumption`)).json();
    expect(c.dailyTenths).toBe(20);
    expect(c.balanceTenths).toBe(Math.max(0, units - 80));
    expect(c.daysLeft).toBe(Math.floor(Math.max(0, units - 80) / 20));
  });
});
