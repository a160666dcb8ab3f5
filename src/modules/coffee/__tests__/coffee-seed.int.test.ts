import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeRuntime } from '../../../../test/factories/coffee.ts';
import { createOrg, orgCtx } from '../../../../test/factories/org.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { seedCoffeeDemo } from '../coffee.seed.ts';
import { demoMachines } from '../simulator/demo-worker.ts';

let app: TestApp;
let baseUrl = '';
beforeAll(async () => {
  app = await startTestApp({ env: { COFFEE_DEMO_SIMULATED_DEVICES: '100' } });
  // The demo simulator's machines sell over HTTP, as in `npm start`.
  await app.http.listen({ port: 0, host: '127.0.0.1' });
  const address = app.http.server.address();
  baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}, 60_000);
afterAll(() => app?.close());

/**
 * Issue 41 item 20: a Hindi, Spanish or French fleet's demo reads in its own language (sites,
 * machines, materials, the products sold), the merchant's name, serials and material codes as they
 * are; and the demo's live machines go on selling in that language and the organization's currency
 * (they sold 'Latte' and 'Americano' in dollars whatever the organization).
 */
describe('coffee demo data', () => {
  it('the demo simulator sells in the organization’s language and currency', async () => {
    const org = await createOrg(app, { languages: ['hi', 'en'], currency: 'INR' });
    await seedCoffeeDemo(await orgCtx(app, org.slug), coffeeRuntime(app));
    const machines = await demoMachines(coffeeRuntime(app), baseUrl, { random: () => 0.1 });
    const now = app.deps.clock.now();
    for (const machine of machines) await machine.maybeSell(now, 1);
    const sold = await app.database.pool.query<{ currency: string; name: string }>(
      `select currency, item->>'name' as name from coffee_order, jsonb_array_elements(items) item
        where org_id = $1 and device_order_id not like 'seed-%'`,
      [org.id],
    );
    expect(sold.rows).toHaveLength(12);
    expect(new Set(sold.rows.map((r) => `${r.currency} ${r.name}`))).toEqual(new Set(['INR लाटे']));
  });

  // Issue 54, item 20: the demo machine at BEANS 0 % kept selling coffee.
  it('a demo machine whose beans ran out sells no coffee, and its alarm names the empty beans', async () => {
    const org = await createOrg(app);
    await seedCoffeeDemo(await orgCtx(app, org.slug), coffeeRuntime(app));
    await app.database.pool.query(
      `update coffee_bin set remaining = 0 where material_code = 'BEANS'
         and device_id in (select id from coffee_device where demo_seeded)`,
    );
    const machines = await demoMachines(coffeeRuntime(app), baseUrl, { random: () => 0.1 });
    const now = app.deps.clock.now();
    for (const machine of machines) {
      for (let i = 0; i < 3; i++) await machine.maybeSell(now, 1);
      await machine.reportMaterials();
    }
    expect(machines.map((m) => m.refused)).toEqual(machines.map(() => 3));
    const sold = await app.database.pool.query(
      `select id from coffee_order where org_id = $1 and device_order_id not like 'seed-%'`,
      [org.id],
    );
    expect(sold.rows).toEqual([]);
    const alarms = await app.database.pool.query<{ serial: string; params: { materials: object[] } }>(
      `select d.serial, a.params from coffee_alarm a join coffee_device d on d.id = a.device_id
        where a.org_id = $1 and a.kind = 'low_material' and a.status = 'open' order by d.serial`,
      [org.id],
    );
    expect(alarms.rows).toHaveLength(12);
    for (const a of alarms.rows)
      expect(a.params.materials).toContainEqual({
        key: 'coffee.alarm_title.bin_empty',
        params: { code: 'BEANS', name: 'Coffee beans' },
      });
  });

  it.each([
    ['en', 'Downtown Station', 'Campus #2', 'Coffee beans', ['Americano', 'Croissant', 'Latte']],
    ['hi', 'डाउनटाउन स्टेशन', 'परिसर #2', 'कॉफ़ी बीन्स', ['अमेरिकानो', 'क्रोसां', 'लाटे']],
    ['es', 'Estación Centro', 'Campus #2', 'Granos de café', ['Café americano', 'Café con leche', 'Cruasán']],
    [
      'fr',
      'Station Centre-ville',
      'Campus #2',
      'Grains de café',
      ['Café allongé', 'Café latte', 'Croissant'],
    ],
  ])(
    'seeds its words in the organization’s language (%s)',
    async (language, site, machine, beans, products) => {
      const org = await createOrg(app, { languages: [language, 'en'] });
      await seedCoffeeDemo(await orgCtx(app, org.slug), coffeeRuntime(app));
      const q = (text: string) =>
        app.database.pool.query(text, [org.id]).then((r) => r.rows.map((row) => Object.values(row)[0]));
      expect(await q('select name from coffee_location where org_id = $1')).toContain(site);
      expect(await q(`select name from coffee_device where org_id = $1 and serial = 'CM-1002'`)).toEqual([
        machine,
      ]);
      expect(await q(`select name from coffee_material where org_id = $1 and code = 'BEANS'`)).toEqual([
        beans,
      ]);
      expect(await q('select name from coffee_merchant where org_id = $1')).toEqual([
        'Bean There Coffee Co.',
      ]);
      const sold = await q(
        `select distinct item->>'name' from coffee_order, jsonb_array_elements(items) item where org_id = $1 order by 1`,
      );
      expect([...sold].sort()).toEqual([...products].sort());
    },
  );
});
