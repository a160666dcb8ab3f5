import type { Ctx } from '../../core/context/index.ts';
import { type ModuleDemo, seedWordsOf } from '../../core/modules/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { buyerForWhatsApp } from './buyers.ts';
import { confirmOrder } from './orders.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';
import { raffleSeedCatalog } from './raffle.seed.catalog.ts';
import { createRaffle, startSelling } from './raffles.ts';
import { reserveTickets } from './reservations.ts';

/** The raffle of the demo. */
export const raffleDemo: ModuleDemo = {
  order: 4,
  organization: {
    slug: 'raffle',
    name: 'Rifa Solidaria',
    timeZone: 'America/Asuncion',
    currency: 'PYG',
    languages: ['es', 'en'],
  },
};

/**
 * Demo data for `npm start`: a raffle selling 1–100 with a few numbers sold and a few held (for a
 * day); its words (title, description, prizes) in the organization's default language
 * (raffle.seed.catalog.ts).
 */
export async function seedRaffleDemo(ctx: Ctx, _rt: RaffleRuntime): Promise<void> {
  const org = await getOrganization(ctx);
  const t = await seedWordsOf(ctx, raffleSeedCatalog);
  const raffle = await createRaffle(ctx, {
    title: t('title'),
    description: t('description'),
    priceMinor: 2000,
    currency: org.currency,
    minNumber: 1,
    maxNumber: 100,
    closesAt: new Date(ctx.clock.now().getTime() + 14 * 24 * 3600_000),
    maxPerOrder: 10,
    maxPerBuyer: 20,
    // A day, not the usual 15 minutes: whoever opens the demo hours after the first start still
    // finds live pending orders to review.
    holdMinutes: 24 * 60,
    prizes: [t('prize_bicycle'), t('prize_hamper'), t('prize_cinema')],
  });
  await startSelling(ctx, raffle.id);
  const buyers = [
    { waId: '595981100001', name: 'Ana', numbers: [7, 13, 42], pay: true },
    { waId: '595981100002', name: 'Luis', numbers: [1, 99], pay: true },
    { waId: '595981100003', name: 'Marta', numbers: [50], pay: false },
    { waId: '595981100004', name: 'Jorge', numbers: [21, 22, 23], pay: false },
  ];
  // The buyers write in the organization's first language, as the raffle's words are.
  const language = org.languages[0] ?? 'en';
  for (const b of buyers) {
    const buyerId = await buyerForWhatsApp(ctx, { waId: b.waId, displayName: b.name, language });
    const { order } = await reserveTickets(ctx, {
      raffleId: raffle.id,
      buyerId,
      pick: { numbers: b.numbers },
    });
    if (b.pay) await confirmOrder(ctx, order.id);
  }
}
