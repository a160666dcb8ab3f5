import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg } from '../../../../test/factories/org.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { RaffleRuntime } from '../raffle.runtime.ts';
import { seedRaffleDemo } from '../raffle.seed.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

/**
 * Issue 41 item 20: a Hindi, Spanish or French raffle's demo reads in its own language (title,
 * description, prizes), and its buyers write in it; the buyers' names stay as they are.
 */
describe('raffle demo data', () => {
  it.each([
    ['hi', 'सहायता लॉटरी', 'मोहल्ले के स्कूल के लिए धन।', ['साइकिल', 'खाने की टोकरी', 'सिनेमा के टिकट']],
    [
      'es',
      'Rifa Solidaria',
      'Fondos para la escuela del barrio.',
      ['Bicicleta', 'Canasta de alimentos', 'Entradas de cine'],
    ],
    [
      'fr',
      'Tombola solidaire',
      'Des fonds pour l’école du quartier.',
      ['Vélo', 'Panier garni', 'Places de cinéma'],
    ],
  ])('seeds its words in the organization’s language (%s)', async (language, title, description, prizes) => {
    const org = await createOrg(app, { languages: [language, 'en'] });
    await seedRaffleDemo(app.deps.systemCtx(org.id, 'seed'), app.runtimeOf('raffle') as RaffleRuntime);
    const q = (text: string) =>
      app.database.pool.query(text, [org.id]).then((r) => r.rows.map((row) => Object.values(row)));
    expect(await q('select title, description from raffle_raffle where org_id = $1')).toEqual([
      [title, description],
    ]);
    expect((await q('select title from raffle_prize where org_id = $1 order by position')).flat()).toEqual(
      prizes,
    );
    expect(
      (await q('select display_name from raffle_buyer where org_id = $1 order by wa_id')).flat(),
    ).toEqual(['Ana', 'Luis', 'Marta', 'Jorge']);
    expect(new Set((await q('select language from raffle_buyer where org_id = $1')).flat())).toEqual(
      new Set([language]),
    );
  });
});
