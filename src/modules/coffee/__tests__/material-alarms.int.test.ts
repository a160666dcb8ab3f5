import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeDevices, coffeeRuntime } from '../../../../test/factories/coffee.ts';
import { createOrg, orgCtx } from '../../../../test/factories/org.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { shiftableClock } from '../../../../test/support/test-clock.ts';
import { seedCoffeeDemo } from '../coffee.seed.ts';
import type { CoffeeTables } from '../coffee.tables.ts';
import { coffeeDb } from './coffee-harness.ts';

// Issue 30, item 1: a device's low-stock alarm follows every bin it has, not only the bins the last
// report named; daily use is measured over a sane window.
const clock = shiftableClock();
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ clock });
}, 60_000);
afterAll(() => app.close());

const coffee = () => coffeeDb(app);
const report = (token: string, bins: object[]) =>
  app.http.inject({
    method: 'POST',
    url: '/api/coffee/device/materials',
    headers: { authorization: `Bearer ${token}` },
    payload: { bins },
  });
const alarmsOf = (deviceId: string) =>
  coffee()
    .selectFrom('coffee_alarm')
    .select(['kind', 'severity', 'status', 'title'])
    .where('device_id', '=', deviceId)
    .orderBy('raised_at')
    .execute();

describe('coffee material alarms', () => {
  it('keeps the low-material alarm of MILK at 5 % open when the next report names only BEANS', async () => {
    const [d] = await coffeeDevices(app, 1);
    const milk = await report(d!.token, [
      { binIndex: 0, materialCode: 'BEANS', remaining: 1800, capacity: 2000 },
      { binIndex: 1, materialCode: 'MILK', remaining: 100, capacity: 2000 },
    ]);
    expect(milk.json().bins).toEqual([
      { binIndex: 0, level: 'normal', daysUntilEmpty: null },
      { binIndex: 1, level: 'critical', daysUntilEmpty: null },
    ]);
    const beans = await report(d!.token, [{ binIndex: 0, materialCode: 'BEANS', remaining: 1750 }]);
    expect(beans.statusCode).toBe(200);
    expect(beans.json().bins).toEqual([{ binIndex: 0, level: 'normal', daysUntilEmpty: null }]);
    expect(await alarmsOf(d!.id)).toEqual([
      { kind: 'low_material', severity: 'critical', status: 'open', title: 'Low material: MILK (critical)' },
    ]);

    // MILK refilled: only then does the alarm close
    await report(d!.token, [{ binIndex: 1, materialCode: 'MILK', remaining: 2000 }]);
    expect((await alarmsOf(d!.id)).map((a) => a.status)).toEqual(['closed']);
  });

  // Issue 54, item 19: alarms read "BEANS (empty)", the machine's code, where staff call it coffee beans.
  it('names each material in the alarm as the organization does, and an empty bin as one it stops selling from', async () => {
    const org = await createOrg(app);
    const ctx = await orgCtx(app, org.slug);
    await ctx.db
      .withTables<CoffeeTables>()
      .insertInto('coffee_material')
      .values({ code: 'BEANS', name: 'Coffee beans', unit: 'g' })
      .execute();
    const [d] = await coffeeDevices(app, 1, { org: org.slug });
    await report(d!.token, [
      { binIndex: 0, materialCode: 'BEANS', remaining: 0, capacity: 2000 },
      { binIndex: 1, materialCode: 'OATS', remaining: 100, capacity: 2000 },
    ]);
    const alarm = await coffee()
      .selectFrom('coffee_alarm')
      .select(['params', 'title'])
      .where('device_id', '=', d!.id)
      .executeTakeFirstOrThrow();
    expect(alarm.params).toEqual({
      materials: [
        { key: 'coffee.alarm_title.bin_empty', params: { code: 'BEANS', name: 'Coffee beans' } },
        // a code the organization never named is shown as it came
        { key: 'coffee.alarm_title.bin_critical', params: { code: 'OATS', name: 'OATS' } },
      ],
    });
    // API clients keep the English title with the codes
    expect(alarm.title).toBe('Low material: BEANS (empty), OATS (critical)');
  });

  it('names every low bin of the device in one alarm, however the reports are split, even when they race', async () => {
    const [d] = await coffeeDevices(app, 1);
    await Promise.all([
      report(d!.token, [{ binIndex: 0, materialCode: 'SUGAR', remaining: 300, capacity: 2000 }]),
      report(d!.token, [{ binIndex: 3, materialCode: 'CUPS', remaining: 30, capacity: 200 }]),
    ]);
    const alarms = await alarmsOf(d!.id);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ kind: 'low_material', severity: 'warn', status: 'open' });
    expect(alarms[0]!.title).toMatch(/SUGAR \(low\)/);
    expect(alarms[0]!.title).toMatch(/CUPS \(low\)/);
  });

  it('does not predict an empty bin from two reports a second apart', async () => {
    const [d] = await coffeeDevices(app, 1);
    await report(d!.token, [{ binIndex: 0, materialCode: 'BEANS', remaining: 1776, capacity: 2000 }]);
    clock.advance(1000);
    const next = await report(d!.token, [{ binIndex: 0, materialCode: 'BEANS', remaining: 1760 }]);
    expect(next.json().bins).toEqual([{ binIndex: 0, level: 'normal', daysUntilEmpty: null }]);
    const bin = await coffee()
      .selectFrom('coffee_bin')
      .select('daily_use')
      .where('device_id', '=', d!.id)
      .executeTakeFirstOrThrow();
    expect(bin.daily_use).toBeNull();
    expect(await alarmsOf(d!.id)).toEqual([]);

    // hourly reports add up over the window: from 1776 g to 1640 g in six hours (and a second) is
    // 544 g a day; the two reports after it fall inside the next window and change nothing
    for (let h = 1; h <= 8; h++) {
      clock.advance(3_600_000);
      await report(d!.token, [{ binIndex: 0, materialCode: 'BEANS', remaining: 1760 - h * 20 }]);
    }
    const after = await coffee()
      .selectFrom('coffee_bin')
      .select('daily_use')
      .where('device_id', '=', d!.id)
      .executeTakeFirstOrThrow();
    expect(after.daily_use).toBe(544);
  });

  it('seeds a demo whose alarms are true: every device with a low bin has its alarm, and only those', async () => {
    const org = await createOrg(app);
    const ctx = await orgCtx(app, org.slug);
    await seedCoffeeDemo(ctx, coffeeRuntime(app));
    const { rows } = await app.database.pool.query<{ serial: string; low: number; alarms: number }>(
      `select d.serial,
              (select count(*)::int from coffee_bin b where b.device_id = d.id and b.remaining * 100 <= b.capacity * b.low_pct) as low,
              (select count(*)::int from coffee_alarm a where a.device_id = d.id and a.kind = 'low_material' and a.status <> 'closed') as alarms
       from coffee_device d where d.org_id = $1 order by d.serial`,
      [org.id],
    );
    expect(rows).toHaveLength(12);
    const lowDevices = rows.filter((r) => r.low > 0);
    expect(lowDevices.length).toBeGreaterThan(0);
    for (const r of rows)
      expect({ serial: r.serial, alarm: r.alarms }).toEqual({ serial: r.serial, alarm: r.low > 0 ? 1 : 0 });
  });
});
