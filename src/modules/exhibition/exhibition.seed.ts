import { listMembers } from '../../core/auth/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { type ModuleDemo, seedWordsOf } from '../../core/modules/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { addBill } from './bills.ts';
import { assignBoothStaff } from './booth-staff.ts';
import { registerCustomer } from './customers.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';
import { exhibitionSeedCatalog } from './exhibition.seed.catalog.ts';
import { createBooth, createExhibition } from './exhibitions.ts';

/** The fair desk of the demo. */
export const exhibitionDemo: ModuleDemo = {
  order: 2,
  organization: {
    slug: 'expo',
    name: 'Crafts & Food Fair Desk',
    timeZone: 'Asia/Dubai',
    currency: 'USD',
    languages: ['en'],
  },
};

const VISITORS = [
  { name: 'Asha Rao', email: 'asha.rao@example.com', phone: '+919845012345' },
  { name: 'Luis Paz', email: 'luis.paz@example.com', phone: '+595981123456' },
  { name: 'Grace Mwangi', email: 'grace.mwangi@example.com', phone: '+254712345678' },
  { name: 'Tom Becker', email: 'tom.becker@example.com', phone: '+4915123456789' },
];

/**
 * Demo data for `npm start`: one exhibition with three booths (the demo scanner staff at the first),
 * four customers and a few bills; its words (the fair, its booths, what was bought) in the
 * organization's default language (exhibition.seed.catalog.ts), its bills in the organization's
 * currency.
 */
export async function seedExhibitionDemo(ctx: Ctx, rt: ExhibitionRuntime): Promise<void> {
  const t = await seedWordsOf(ctx, exhibitionSeedCatalog);
  const { currency } = await getOrganization(ctx);
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const exhibition = await createExhibition(ctx, {
    name: t('exhibition'),
    currency,
    startsOn: today,
    endsOn: today,
    venue: t('venue'),
  });
  const booths = [];
  for (const name of [t('booth_coffee'), t('booth_textiles'), t('booth_books')])
    booths.push(await createBooth(ctx, exhibition.id, { name }));
  // The demo's scanner staff bill at the coffee corner on the booth page (/scanner/booth.html).
  for (const member of await listMembers(ctx))
    if (member.role === 'scanner') await assignBoothStaff(ctx, booths[0]!.id, member.id);
  const desk = { userId: null, billsAnyBooth: true };
  const bought = [t('bill_coffee'), t('bill_textiles'), t('bill_books')];
  for (const [i, visitor] of VISITORS.entries()) {
    const customer = await registerCustomer(ctx, rt, { exhibitionId: exhibition.id, ...visitor });
    for (let b = 0; b <= i % booths.length; b++)
      await addBill(ctx, rt, desk, {
        customerId: customer.id,
        boothId: booths[b]!.id,
        amountMinor: 450 + 125 * i + 300 * b,
        description: bought[b],
        // The desk said yes where an amount is above the fair's limit (1,000 in a currency without
        // cents, such as RWF, is below some of these).
        confirmed: true,
      });
  }
}
