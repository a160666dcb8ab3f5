import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, orgCtx } from '../../../../test/factories/org.ts';
import { prepaidRuntime } from '../../../../test/factories/prepaid.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { seedPrepaidDemo } from '../prepaid.seed.ts';
import { meterConsumption } from '../readings.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.close());

/**
 * Issue 41 item 20: a Hindi, Spanish or French vendor's demo reads in its own language (its accounts,
 * the school's buildings and departments), people's and places' names and meter numbers as they are.
 */
describe('prepaid demo data', () => {
  it.each([
    ['en', ['Kimironko Secondary School', 'Uwase household'], ['Dormitory', 'Main block'], 'Science labs'],
    ['hi', ['Uwase परिवार', 'Kimironko माध्यमिक विद्यालय'], ['छात्रावास', 'मुख्य भवन'], 'विज्ञान प्रयोगशालाएँ'],
    [
      'es',
      ['Escuela Secundaria de Kimironko', 'Hogar Uwase'],
      ['Dormitorio', 'Edificio principal'],
      'Laboratorios de ciencias',
    ],
    [
      'fr',
      ['École secondaire de Kimironko', 'Foyer Uwase'],
      ['Bâtiment principal', 'Dortoir'],
      'Laboratoires de sciences',
    ],
  ])('seeds its words in the organization’s language (%s)', async (language, accounts, buildings, labs) => {
    const org = await createOrg(app, {
      timeZone: 'Africa/Kigali',
      currency: 'RWF',
      languages: [language, 'en'],
    });
    await seedPrepaidDemo(await orgCtx(app, org.slug), prepaidRuntime(app));
    const q = (text: string) =>
      app.database.pool.query(text, [org.id]).then((r) => r.rows.map((row) => Object.values(row)[0]));
    const names = await q(`select name from prepaid_account where org_id = $1 order by name`);
    for (const name of accounts) expect(names).toContain(name);
    expect(names).toContain('Mukiza Jean');
    expect(
      await q('select distinct building from prepaid_meter where org_id = $1 and building is not null'),
    ).toEqual(expect.arrayContaining(buildings));
    expect(await q(`select department from prepaid_meter where org_id = $1 and number = 'KGL-1002'`)).toEqual(
      [labs],
    );
    expect(await q(`select location from prepaid_meter where org_id = $1 and number = 'KGL-0001'`)).toEqual([
      'Kimironko',
    ]);
  });

  it('pays for its fortnight of use before it: trusted estimates, and the dormitory alone runs low (issue 54, item 7)', async () => {
    const org = await createOrg(app, { timeZone: 'Africa/Kigali', currency: 'RWF', languages: ['en'] });
    const ctx = await orgCtx(app, org.slug);
    await seedPrepaidDemo(ctx, prepaidRuntime(app));
    const meters = await app.database.pool.query<{ id: string; number: string }>(
      'select id, number from prepaid_meter where org_id = $1 order by number',
      [org.id],
    );
    const balances = Object.fromEntries(
      await Promise.all(meters.rows.map(async (m) => [m.number, await meterConsumption(ctx, m.id)] as const)),
    );
    for (const number of ['KGL-0001', 'KGL-1001', 'KGL-1002', 'KGL-1003'])
      expect(balances[number], number).toMatchObject({ basis: 'sold', estimated: true, trusted: true });
    expect(balances['KGL-1003']!.daysLeft).toBeLessThanOrEqual(3);
    for (const number of ['KGL-0001', 'KGL-1001', 'KGL-1002'])
      expect(balances[number]!.daysLeft, number).toBeGreaterThan(5);
    const alerts = await app.database.pool.query(
      `select m.number, a.kind, a.facts->>'estimated' as estimated from prepaid_alert a
         join prepaid_meter m on m.id = a.meter_id where a.org_id = $1`,
      [org.id],
    );
    expect(alerts.rows).toEqual([{ number: 'KGL-1003', kind: 'low_balance', estimated: '1' }]);
    // Its sales are dated when they were made, as their tokens are (the history does not say today).
    const undated = await app.database.pool.query(
      `select 1 from prepaid_purchase p join prepaid_token t on t.purchase_id = p.id
        where p.org_id = $1 and p.created_at <> t.created_at`,
      [org.id],
    );
    expect(undated.rows).toEqual([]);
  });
});
