import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg } from '../../../../test/factories/org.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { ExhibitionRuntime } from '../exhibition.runtime.ts';
import { seedExhibitionDemo } from '../exhibition.seed.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/**
 * Issue 41 item 20: a Hindi, Spanish or French fair desk's demo reads in its own language (the fair,
 * its hall, its booths, what the bills were for) and bills in its own currency (the demo's fair and
 * bills were in dollars whatever the organization's); the visitors' names stay as they are.
 */
describe('exhibition demo data', () => {
  it.each([
    [
      'hi',
      'INR',
      'शिल्प और खाद्य मेला',
      'हॉल 2',
      ['कॉफ़ी कॉर्नर', 'वस्त्र', 'किताबें'],
      ['फ़्लैट व्हाइट कॉफ़ी', 'दुपट्टा', 'नोटबुक'],
    ],
    [
      'es',
      'PYG',
      'Feria de Artesanía y Comida',
      'Pabellón 2',
      ['Rincón del café', 'Textiles', 'Libros'],
      ['Café con leche', 'Bufanda', 'Cuaderno'],
    ],
    [
      'fr',
      'RWF',
      'Foire de l’artisanat et de la gastronomie',
      'Hall 2',
      ['Coin café', 'Textiles', 'Livres'],
      ['Café au lait', 'Écharpe', 'Carnet'],
    ],
  ])(
    'seeds its words in the organization’s language (%s)',
    async (language, currency, name, venue, booths, bought) => {
      const org = await createOrg(app, { languages: [language, 'en'], currency });
      await seedExhibitionDemo(
        app.deps.systemCtx(org.id, 'seed'),
        app.runtimeOf('exhibition') as ExhibitionRuntime,
      );
      const q = (text: string) =>
        app.database.pool.query(text, [org.id]).then((r) => r.rows.map((row) => Object.values(row)));
      expect(await q('select name, venue from exhibition_exhibition where org_id = $1')).toEqual([
        [name, venue],
      ]);
      expect((await q('select name from exhibition_booth where org_id = $1')).flat().sort()).toEqual(
        [...booths].sort(),
      );
      expect(
        (await q('select distinct description from exhibition_bill where org_id = $1')).flat().sort(),
      ).toEqual([...bought].sort());
      expect(await q('select distinct currency from exhibition_exhibition where org_id = $1')).toEqual([
        [currency],
      ]);
      expect(await q('select distinct currency from exhibition_bill where org_id = $1')).toEqual([
        [currency],
      ]);
      expect((await q('select name from exhibition_customer where org_id = $1')).flat()).toContain(
        'Asha Rao',
      );
    },
  );
});
