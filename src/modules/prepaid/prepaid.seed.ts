import { sql } from 'kysely';
import type { Ctx } from '../../core/context/index.ts';
import { type ModuleDemo, seedWordsOf } from '../../core/modules/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { addDays, localMoment } from '../../core/time/index.ts';
import { createAccount } from './accounts.ts';
import { checkAlerts } from './alerts.ts';
import { requestMeter } from './meter-requests.ts';
import { createMeter } from './meters.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import { prepaidSeedCatalog } from './prepaid.seed.catalog.ts';
import { startPurchase } from './purchases.ts';
import { recordReading } from './readings.ts';
import { createTariff } from './tariffs.ts';

/** The electricity seller of the demo. */
export const prepaidDemo: ModuleDemo = {
  order: 3,
  organization: {
    slug: 'power',
    name: 'Kigali Prepaid Power',
    timeZone: 'Africa/Kigali',
    currency: 'RWF',
    languages: ['en', 'fr', 'rw'],
  },
};

/**
 * Demo data: a block tariff, a household and an institution with meters, cash top-ups, two weeks
 * of readings (use per day, a low-balance alert on the dormitory only) and a sign-up waiting for staff;
 * its words (accounts, buildings, departments) in the organization's default language (prepaid.seed.catalog.ts).
 * The top-ups come before the use they pay for, as they would: the meters do not report their
 * balance, so it is estimated from what was sold, and trusted (issue 54, item 7).
 */
export async function seedPrepaidDemo(ctx: Ctx, rt: PrepaidRuntime): Promise<void> {
  const secret = rt.secretKey;
  const t = await seedWordsOf(ctx, prepaidSeedCatalog);
  await createTariff(ctx, {
    category: 'residential',
    currency: 'RWF',
    tiers: [
      { uptoKwh: 20, priceMinorPerKwh: 89 },
      { uptoKwh: 50, priceMinorPerKwh: 310 },
      { uptoKwh: null, priceMinorPerKwh: 369 },
    ],
    feeMinor: 0,
    taxBasisPoints: 1800,
    effectiveFrom: new Date('2020-01-01T00:00:00Z'),
  });
  await createTariff(ctx, {
    category: 'institution',
    currency: 'RWF',
    tiers: [{ uptoKwh: null, priceMinorPerKwh: 255 }],
    feeMinor: 100,
    taxBasisPoints: 1800,
    effectiveFrom: new Date('2020-01-01T00:00:00Z'),
  });
  const home = await createAccount(ctx, {
    kind: 'household',
    name: t('household', { name: 'Uwase' }),
    phone: '+250788000111',
    // Rwandan customers: their tokens, alerts and statements in Kinyarwanda and French.
    language: 'rw',
    channel: { name: 'email', to: 'uwase@example.com' },
  });
  const school = await createAccount(ctx, {
    kind: 'institution',
    name: t('school', { place: 'Kimironko' }),
  });
  const meter = await createMeter(ctx, secret, {
    accountId: home.id,
    number: 'KGL-0001',
    location: 'Kimironko',
  });
  const mainBlock: string[] = [];
  let dormitory = '';
  for (const [number, building, department] of [
    ['KGL-1001', 'main_block', 'administration'],
    ['KGL-1002', 'main_block', 'science_labs'],
    ['KGL-1003', 'dormitory', 'boarding'],
  ] as const) {
    const created = await createMeter(ctx, secret, {
      accountId: school.id,
      number,
      category: 'institution',
      building: t(building),
      department: t(department),
      extendedTokens: true,
    });
    if (building === 'main_block') mainBlock.push(created.id);
    else dormitory = created.id;
  }
  const now = ctx.clock.now().getTime();
  await seedTopUps(ctx, rt, { household: meter.id, mainBlock, dormitory }, now);
  // A sale row is stamped by the database; the demo's are dated when their tokens were sold.
  await sql`update prepaid_purchase p set created_at = t.created_at, updated_at = t.created_at
    from prepaid_token t where t.purchase_id = p.id and p.org_id = ${ctx.orgId} and p.created_at > t.created_at`.execute(
    ctx.db,
  );
  for (const [i, number] of ['KGL-0001', 'KGL-1001', 'KGL-1002', 'KGL-1003'].entries()) {
    let register = 0;
    for (let d = 13; d >= 0; d--) {
      const readAt = new Date(now - d * 86_400_000 - 3_600_000);
      await recordReading(ctx, { meterNumber: number, readAt, registerTenths: register, source: 'api' });
      register += 15 + ((d * 7 + i * 11) % 25);
    }
  }
  const newcomer = await createAccount(ctx, {
    kind: 'household',
    name: 'Mukiza Jean',
    phone: '+250788000222',
    language: 'fr',
    channel: { name: 'email', to: 'mukiza@example.com' },
  });
  await requestMeter(ctx, { accountId: newcomer.id, meterNumber: 'KGL-0002', origin: 'sign_up' });
  await checkAlerts(ctx, rt);
}

/**
 * `at`, or just after the next local midnight when `at` falls on the day before the fortnight the
 * sales report opens on (its 14 days up to today, in the organization's zone): seeded in the first
 * hours of a local day, top-ups of "two weeks ago" would otherwise sit outside the report.
 */
function withinFortnight(at: number, now: number, timeZone: string): number {
  const local = localMoment(new Date(at), timeZone);
  if (local.date >= addDays(localMoment(new Date(now), timeZone).date, -13)) return at;
  return at + ((24 * 60 - local.minutes) * 60 - local.seconds + 60) * 1000;
}

/**
 * Cash top-ups two weeks ago (and the household's again five days ago), before the use they pay
 * for: the household and the main block outlast the fortnight; the dormitory's runs low.
 */
async function seedTopUps(
  ctx: Ctx,
  rt: PrepaidRuntime,
  meters: { household: string; mainBlock: string[]; dormitory: string },
  now: number,
): Promise<void> {
  const DAY = 86_400_000;
  const soldAt = (at: number): Ctx => ({ ...ctx, clock: { now: () => new Date(at) } });
  const zone = (await getOrganization(ctx)).timeZone;
  const twoWeeksAgo = withinFortnight(now - 13 * DAY - 2 * 3_600_000, now, zone);
  for (const [meterId, amountMinor, at] of [
    [meters.household, 20_000, twoWeeksAgo],
    [meters.household, 2000, now - 5 * DAY - 2 * 3_600_000],
    ...meters.mainBlock.map((id) => [id, 20_000, twoWeeksAgo] as const),
    [meters.dormitory, 13_500, twoWeeksAgo],
  ] as const)
    await startPurchase(soldAt(at), rt, { meterId, method: 'cash', amountMinor, currency: 'RWF' });
}
