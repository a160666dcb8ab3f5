import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCtx, orgIdOf } from '../../../../test/factories/org.ts';
import {
  createPrepaidMeter,
  createPrepaidTariff,
  prepaidRuntime,
} from '../../../../test/factories/prepaid.ts';
import { runJob } from '../../../../test/support/jobs.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { shiftableClock } from '../../../../test/support/test-clock.ts';
import type { Ctx } from '../../../core/context/index.ts';
import { localDate } from '../consumption.rules.ts';
import { recordMeterReport } from '../meter-reports.ts';
import { monthIn } from '../prepaid.format.ts';
import { checkAlertsJob, sendStatementsJob } from '../prepaid.queue.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';
import { startPurchase } from '../purchases.ts';
import { meterConsumption, recordReading } from '../readings.ts';
import { statementData } from '../statements.ts';

/*
 * Meter alerts as the hourly schedule raises them on the app's clock: low balance and unusual use
 * from readings, one open alert per meter and kind, none raised twice in a day, cleared with a
 * margin, sent to the account's channel; settings per account from the portal and the console.
 */
const clock = shiftableClock();
const HOUR = 3600_000;
const DAY = 24 * HOUR;
let app: TestApp;
let ctx: Ctx;
let rt: PrepaidRuntime;
let staff: ApiClient;
let orgId: string;
const db = () => ctx.db.withTables<PrepaidTables>();

const buy = (meterId: string, amountMinor: number) =>
  startPurchase(ctx, rt, { meterId, method: 'cash', amountMinor, currency: 'RWF' });
/** Register readings (kWh) at these hours before the clock's now. */
async function read(number: string, points: Array<[hoursAgo: number, kwh: number]>) {
  for (const [hoursAgo, kwh] of points)
    await recordReading(ctx, {
      meterNumber: number,
      readAt: new Date(clock.now().getTime() - hoursAgo * HOUR),
      registerTenths: kwh * 10,
      source: 'api',
    });
}
const runSchedule = () => runJob(app, checkAlertsJob, { orgId });
const alertsOf = (meterId: string) =>
  db().selectFrom('prepaid_alert').selectAll().where('meter_id', '=', meterId).orderBy('raised_at').execute();
async function alertMessages(to: string): Promise<string[]> {
  const { rows } = await app.database.pool.query<{ body: string }>(
    `select body from notification where template = 'prepaid.alert' and recipient = $1 order by id`,
    [to],
  );
  return rows.map((r) => r.body);
}

beforeAll(async () => {
  app = await startTestApp({ clock });
  ctx = await orgCtx(app);
  orgId = await orgIdOf(app);
  rt = prepaidRuntime(app);
  await app.startWorker();
  await app.createStaff({ email: 'alerts-owner@example.com', role: 'owner' });
  await createPrepaidTariff(app);
}, 120_000);
afterAll(() => app?.close());

describe('prepaid meter alerts', () => {
  it('is scheduled hourly', async () => {
    const { rows } = await app.database.pool.query(`select cron from pgboss.schedule where name = $1`, [
      checkAlertsJob.name,
    ]);
    expect(rows).toEqual([{ cron: '35 * * * *' }]);
  });

  it('raises one low-balance alert, sends it once, clears it after a top-up, and raises none again within a day', async () => {
    const { meterId } = await createPrepaidMeter(app, {
      number: 'AL-1',
      account: { channel: { name: 'email', to: 'low@example.com' } },
    });
    // In time order, as a meter is read: sold 50 kWh, then 10 kWh a day, read twice a day.
    await read('AL-1', [[0, 0]]);
    await buy(meterId, 5000); // 50 kWh
    for (const kwh of [5, 10]) {
      clock.advance(12 * HOUR);
      await read('AL-1', [[0, kwh]]);
    }
    await runSchedule();
    expect(await alertsOf(meterId), '40 kWh at 10 a day: 4 days left').toHaveLength(0);

    for (const kwh of [15, 20]) {
      clock.advance(12 * HOUR);
      await read('AL-1', [[0, kwh]]);
    }
    await runSchedule();
    await runSchedule();
    const [alert, ...more] = await alertsOf(meterId);
    expect(more, 'one open alert per meter and kind, however often the schedule runs').toHaveLength(0);
    expect(alert).toMatchObject({ kind: 'low_balance', cleared_at: null });
    expect(alert!.facts).toMatchObject({ balanceTenths: 300, daysLeft: 3, estimated: 1 });
    expect(alert!.notification_id).not.toBeNull();
    // The meter does not say its balance: the message says it is an estimate (issue 54, item 7).
    expect(await alertMessages('low@example.com')).toEqual([
      'Meter AL-1 is running low: about 30.0 kWh left by our estimate (the units sold to it less what its readings show it used), about 3 day(s) at your recent use. Buy units before it cuts off.',
    ]);

    await buy(meterId, 5000);
    await runSchedule();
    expect((await alertsOf(meterId))[0]!.cleared_at, 'topped up: 80 kWh left').not.toBeNull();

    clock.advance(HOUR);
    await read('AL-1', [[0, 85]]);
    await runSchedule();
    const lows = (await alertsOf(meterId)).filter((a) => a.kind === 'low_balance');
    expect(lows, 'low again within the day: not raised twice').toHaveLength(1);

    clock.advance(DAY);
    await runSchedule();
    const again = (await alertsOf(meterId)).filter((a) => a.kind === 'low_balance');
    expect(again).toHaveLength(2);
    expect(again[1]!.cleared_at).toBeNull();
    const { rows } = await app.database.pool.query(
      `select action from audit_event where subject_id = $1 and action like 'prepaid.alert.%' order by id`,
      [meterId],
    );
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['prepaid.alert.raised', 'prepaid.alert.cleared']),
    );
  });

  it('tells an account no chat or e-mail reaches of a low balance by SMS to its phone, once (issue 52)', async () => {
    const { meterId } = await createPrepaidMeter(app, {
      number: 'AL-SMS',
      account: { phone: '+250788600001', language: 'rw' },
    });
    await read('AL-SMS', [[0, 0]]);
    await buy(meterId, 5000);
    for (const kwh of [5, 10, 15, 20]) {
      clock.advance(12 * HOUR);
      await read('AL-SMS', [[0, kwh]]);
    }
    await runSchedule();
    await runSchedule();
    const [alert] = await alertsOf(meterId);
    expect(alert).toMatchObject({ kind: 'low_balance', cleared_at: null });
    const { rows } = await app.database.pool.query<{ id: string; channel: string; body: string }>(
      `select id, channel, body from notification where template = 'prepaid.low_balance_sms' and recipient = $1`,
      ['+250788600001'],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: alert!.notification_id, channel: 'sms' });
    expect(rows[0]!.body).toBe(
      // The apostrophe is GSM-7's own: kept (issue 65), as Kinyarwanda writes it.
      "Mubazi AL-SMS: hasigaye nka 30,0 kWh, iminsi 3 ukurikije uko ukoresha. Gura umuriro mbere y'uko ucika.",
    );
  });

  it('quotes the balance a reporting meter gives, not the units sold; a meter that does not report keeps the sold estimate (issue 41, item 5)', async () => {
    const { meterId } = await createPrepaidMeter(app, {
      number: 'AL-REP',
      account: { channel: { name: 'email', to: 'reported@example.com' } },
    });
    await read('AL-REP', [[72, 0]]);
    const sale = await buy(meterId, 6020); // 60.2 kWh sold
    const count = (
      await db()
        .selectFrom('prepaid_token')
        .select('count')
        .where('meter_id', '=', meterId)
        .executeTakeFirstOrThrow()
    ).count;
    expect(sale).toBeTruthy();
    await read('AL-REP', [[48, 5]]);
    const report = (hoursAgo: number, kwh: number, balanceTenths: number) =>
      recordMeterReport(ctx, meterId, {
        reportId: `rep-${hoursAgo}`,
        readAt: new Date(clock.now().getTime() - hoursAgo * HOUR),
        registerTenths: kwh * 10,
        acceptedCounts: [count],
        balanceTenths,
      });
    await report(24, 10, 179);
    await report(0, 15, 129);
    // Sold: 60.2 − 15 used = 45.2 kWh, 9 days. The meter says 12.9: at 5 a day, 2 days left.
    expect(await meterConsumption(ctx, meterId)).toEqual({
      dailyTenths: 50,
      balanceTenths: 129,
      daysLeft: 2,
      basis: 'reported',
      estimated: false,
      trusted: true,
      doubt: null,
    });
    await runSchedule();
    const [alert] = await alertsOf(meterId);
    expect(alert).toMatchObject({ kind: 'low_balance', cleared_at: null });
    expect(alert!.facts).toMatchObject({ balanceTenths: 129, daysLeft: 2 });
    expect(await alertMessages('reported@example.com')).toEqual([
      'Meter AL-REP is running low: 12.9 kWh left, about 2 day(s) at your recent use. Buy units before it cuts off.',
    ]);

    // Its use since the last report counts against the reported balance.
    clock.advance(12 * HOUR);
    await read('AL-REP', [[0, 17]]);
    expect(await meterConsumption(ctx, meterId)).toMatchObject({ balanceTenths: 109 });
  });

  it('estimates a silent meter’s balance from what was sold and its history, and does not alert on an estimate it cannot trust (issue 54, item 7)', async () => {
    const { meterId } = await createPrepaidMeter(app, {
      number: 'AL-SILENT',
      account: { channel: { name: 'email', to: 'silent@example.com' } },
    });
    // A fortnight on units sold before Opsdesk (3 kWh a day), read daily; nothing sold here.
    await read(
      'AL-SILENT',
      Array.from({ length: 15 }, (_, d): [number, number] => [(14 - d) * 24 + 1, d * 3]),
    );
    await buy(meterId, 950); // 9.5 kWh
    clock.advance(22 * 60_000);
    await runSchedule();
    const estimate = await meterConsumption(ctx, meterId);
    // Was 0.0 kWh: the fortnight's use swallowed the sale; the owner was told "almost empty".
    expect(
      estimate.balanceTenths,
      'the 9.5 kWh sold, less about an hour and a half of use',
    ).toBeGreaterThanOrEqual(90);
    expect(estimate).toMatchObject({
      basis: 'sold',
      estimated: true,
      trusted: false,
      doubt: 'unrecorded_units',
    });
    expect(await alertsOf(meterId)).toEqual([]);
    expect(await alertMessages('silent@example.com')).toEqual([]);

    // The IngufuPay-compatible purchase says the same: an estimate, not trusted, so not low.
    staff = await app.signIn('alerts-owner@example.com');
    const sold = await staff.post('/api/transactions/purchase-token/', {
      meter: meterId,
      amount_rwf: 100,
      method: 'cash',
    });
    expect(sold.statusCode, sold.body).toBe(201);
    expect(Number(sold.json().new_balance_units)).toBeGreaterThanOrEqual(10);
    expect(sold.json()).toMatchObject({
      low_balance: false,
      new_balance_estimated: true,
      new_balance_trusted: false,
    });
    const { meterId: fresh } = await createPrepaidMeter(app, { number: 'AL-NEW' });
    const first = await staff.post('/api/transactions/purchase-token/', {
      meter: fresh,
      amount_rwf: 950,
      method: 'cash',
    });
    expect(first.json(), 'a meter never read: what was sold').toMatchObject({
      new_balance_units: '9.500',
      low_balance: false,
      new_balance_estimated: true,
      new_balance_trusted: false,
    });
  });

  it('raises an unusual-consumption alert when the last day uses more than the account’s percentage of a usual day', async () => {
    const { meterId } = await createPrepaidMeter(app, {
      number: 'AL-2',
      account: { channel: { name: 'email', to: 'usage@example.com' } },
    });
    await read('AL-2', [[24 * 6, 0]]);
    await buy(meterId, 6000);
    await read('AL-2', [
      [24 * 5, 1],
      [24 * 4, 2],
      [24 * 3, 3],
      [24 * 2, 4],
      [24, 5],
    ]);
    await runSchedule();
    expect(await alertsOf(meterId)).toHaveLength(0);
    await read('AL-2', [[0, 9]]);
    await runSchedule();
    await runSchedule();
    const alerts = await alertsOf(meterId);
    expect(alerts.map((a) => a.kind)).toEqual(['unusual_consumption']);
    expect(alerts[0]!.facts).toMatchObject({ lastDayTenths: 40, usualTenths: 10 });
    expect(await alertMessages('usage@example.com')).toEqual([
      'Meter AL-2 used 4.0 kWh in the last day, against 1.0 kWh on a usual day. Check for a fault or an appliance left on.',
    ]);
  });

  it('keeps each account’s settings: off in the console means no alert; thresholds are audited', async () => {
    const { meterId, accountId } = await createPrepaidMeter(app, {
      number: 'AL-3',
      account: { channel: { name: 'email', to: 'quiet@example.com' } },
    });
    // signed in now: the clock has moved days past earlier sessions
    staff = await app.signIn('alerts-owner@example.com');
    const off = await staff.patch(`/api/prepaid/console/accounts/${accountId}`, {
      alertsEnabled: false,
      alertLowDays: 5,
    });
    expect(off.statusCode, off.body).toBeLessThan(300);
    await read('AL-3', [
      [48, 0],
      [0, 10],
    ]);
    await runSchedule();
    expect(await alertsOf(meterId), 'alerts off: no balance, still no alert').toHaveLength(0);
    const account = await db()
      .selectFrom('prepaid_account')
      .selectAll()
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({ alerts_enabled: false, alert_low_days: 5, name: 'Owner of AL-3' });
    const { rows } = await app.database.pool.query(
      `select before, after from audit_event where subject_id = $1 and action = 'prepaid.account.alerts_changed'`,
      [accountId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].before).toMatchObject({ enabled: true, lowDays: 3 });
    expect(rows[0].after).toMatchObject({ enabled: false, lowDays: 5 });
  });
});

describe('prepaid monthly statements', () => {
  it('sends each account that bought its month’s statement once, PDF attached, however often the schedule runs', async () => {
    const { rows: sched } = await app.database.pool.query(
      `select cron from pgboss.schedule where name = $1`,
      [sendStatementsJob.name],
    );
    expect(sched).toEqual([{ cron: '0 6 1 * *' }]);
    const token = await db()
      .selectFrom('prepaid_token as t')
      .innerJoin('prepaid_meter as m', 'm.id', 't.meter_id')
      .select(['t.created_at', 'm.account_id'])
      .where('m.number', '=', 'AL-1')
      .orderBy('t.created_at')
      .executeTakeFirstOrThrow();
    const month = localDate(token.created_at, 'UTC').slice(0, 7);
    const data = await statementData(ctx, token.account_id, month);
    expect(data.meters).toHaveLength(1);
    expect(data.meters[0]!.purchases.map((p) => p.unitsTenths)).toEqual([500, 500]);

    await runJob(app, sendStatementsJob, { orgId, month });
    await runJob(app, sendStatementsJob, { orgId, month });
    const sent = await db().selectFrom('prepaid_statement').selectAll().where('month', '=', month).execute();
    expect(sent.map((s) => s.account_id)).toContain(token.account_id);
    expect(new Set(sent.map((s) => s.account_id)).size, 'one statement per account and month').toBe(
      sent.length,
    );
    const { rows } = await app.database.pool.query(
      `select body, attachments from notification where template = 'prepaid.statement' and recipient = 'low@example.com'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].body).toMatch(
      new RegExp(`statement for ${monthIn(month, 'en')} is attached: 2 purchase\\(s\\), 100\\.0 kWh`),
    );
    const [pdf] = rows[0].attachments;
    expect(pdf).toMatchObject({ filename: `statement-${month}.pdf`, contentType: 'application/pdf' });
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    const download = await staff.get(`/api/prepaid/accounts/${token.account_id}/statement?month=${month}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
