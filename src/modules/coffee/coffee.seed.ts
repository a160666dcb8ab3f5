import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { type ModuleDemo, type SeedWords, seedWordsOf } from '../../core/modules/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import { coffeeSeedCatalog } from './coffee.seed.catalog.ts';
import type { CoffeeTables } from './coffee.tables.ts';
import { provisionDevice } from './device-tokens.ts';
import { judgeDeviceMaterials } from './materials-report.ts';
import { recordDeviceOrder } from './orders.ts';

/** The coffee fleet of the demo. */
export const coffeeDemo: ModuleDemo = {
  order: 5,
  organization: {
    slug: 'coffee',
    name: 'Bean There Coffee Co.',
    timeZone: 'America/New_York',
    currency: 'USD',
    languages: ['en'],
  },
  // The demo's machines come alive (the demo simulator); never outside the demo.
  settings: { COFFEE_DEMO_SIMULATED_DEVICES: '12' },
};

const SIMULATED_TAG = 'simulated';
const PAYMENT_METHODS = ['card', 'wallet', 'cash'] as const;

type CoffeeSeedWords = SeedWords<keyof (typeof coffeeSeedCatalog)['en']>;

/** The demo's materials, named in the organization's language (their codes are the machines'). */
const materialsIn = (t: CoffeeSeedWords) => [
  { code: 'BEANS', name: t('coffee_beans'), unit: 'g' },
  { code: 'MILK', name: t('milk_powder'), unit: 'g' },
  { code: 'CHOC', name: t('chocolate_powder'), unit: 'g' },
  { code: 'SUGAR', name: t('sugar'), unit: 'g' },
  { code: 'CUPS', name: t('cups'), unit: 'pcs' },
];

/**
 * What the demo's machines sell, in the organization's language and at prices in its currency's
 * minor units: the seed's week of sales and the demo simulator's live ones.
 */
export const demoMenuIn = (t: CoffeeSeedWords) => ({
  latte: { name: t('latte'), unitPriceMinor: 350 },
  americano: { name: t('americano'), unitPriceMinor: 250 },
  croissant: { name: t('croissant'), unitPriceMinor: 180 },
});

/** The seed words of an organization's coffee demo (its default language). */
export const coffeeSeedWordsOf = (ctx: Ctx): Promise<CoffeeSeedWords> => seedWordsOf(ctx, coffeeSeedCatalog);

/**
 * Demo fleet for `npm start`: a merchant with two sites, twelve machines tagged `simulated` and
 * marked `demo_seeded` (the demo simulator brings them to life), bins at various levels with the alarms
 * they call for, and a week of sales; its words (sites, machines, materials, products) in the
 * organization's default language (coffee.seed.catalog.ts).
 */
export async function seedCoffeeDemo(ctx: Ctx, rt: CoffeeRuntime): Promise<void> {
  const db = ctx.db.withTables<CoffeeTables>();
  const org = await getOrganization(ctx);
  const t = await coffeeSeedWordsOf(ctx);
  const menu = demoMenuIn(t);
  const materials = materialsIn(t);
  const merchant = await db
    .insertInto('coffee_merchant')
    .values({ name: 'Bean There Coffee Co.', contact: 'ops@beanthere.example' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const sites = await db
    .insertInto('coffee_location')
    .values([
      {
        merchant_id: merchant.id,
        name: t('downtown_station'),
        address: '1 Main St',
        lat: 40.7128,
        lng: -74.006,
      },
      {
        merchant_id: merchant.id,
        name: t('university_campus'),
        address: '200 College Ave',
        lat: 40.8075,
        lng: -73.9626,
      },
    ])
    .returning('id')
    .execute();
  await db.insertInto('coffee_material').values(materials).execute();
  const now = ctx.clock.now();
  for (let i = 1; i <= 12; i++) {
    const site = i % 2 === 0 ? 'campus' : 'downtown';
    const { device } = await provisionDevice(ctx, {
      serial: `CM-${String(1000 + i)}`,
      model: i % 3 === 0 ? 'CM-100' : 'CM-200',
      name: t(site === 'campus' ? 'campus_machine' : 'downtown_machine', { n: String(i) }),
      tags: [SIMULATED_TAG, site],
      merchantId: merchant.id,
      locationId: sites[i % 2]!.id,
    });
    // the demo simulator runs these and no other machine (a tag is anyone's to set)
    await db.updateTable('coffee_device').set({ demo_seeded: true }).where('id', '=', device.id).execute();
    await db
      .insertInto('coffee_bin')
      .values(
        materials.map((m, b) => ({
          device_id: device.id,
          bin_index: b,
          material_code: m.code,
          capacity: m.unit === 'pcs' ? 200 : 2000,
          remaining: Math.round((m.unit === 'pcs' ? 200 : 2000) * ((((i * 7 + b * 13) % 20) + 1) / 20)),
          daily_use: m.unit === 'pcs' ? 40 : 300,
        })),
      )
      .execute();
    for (let d = 0; d < 7; d++) {
      for (let k = 0; k < (i + d) % 4; k++) {
        const at = new Date(now.getTime() - d * 86_400_000 - k * 3_600_000);
        await recordDeviceOrder(ctx, rt, device.id, {
          orderId: `seed-${i}-${d}-${k}`,
          orderedAt: at.toISOString(),
          items: [
            { ...(k % 2 ? menu.latte : menu.americano), qty: 1 },
            ...(k === 2 ? [{ ...menu.croissant, qty: 2 }] : []),
          ],
          currency: org.currency,
          paymentMethod: PAYMENT_METHODS[(i + d + k) % PAYMENT_METHODS.length]!,
          vend: d === 2 && k === 1 ? 'failed' : 'vended',
        });
      }
    }
    // the alarms the bins call for, as a report would raise them: the demo never shows a low bin
    // without its alarm, nor an alarm without a low bin
    await inTransaction(ctx, (tx) => judgeDeviceMaterials(tx, rt, device.id));
  }
}
