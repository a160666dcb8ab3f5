import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coffeeRuntime } from '../../../../test/factories/coffee.ts';
import { createOrg, orgCtx } from '../../../../test/factories/org.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { seedCoffeeDemo } from '../coffee.seed.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
}, 60_000);
afterAll(() => app?.close());

/**
 * Issue 41 item 20: a Hindi, Spanish or French fleet's demo reads in its own language (sites,
 * machines, materials, the products sold), the merchant's name, serials and material codes as they are.
 */
describe('coffee demo data', () => {
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
      await seedCoffeeDemo(coffeeRuntime(app), await orgCtx(app, org.slug));
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
