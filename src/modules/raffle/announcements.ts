import { createHash } from 'node:crypto';
import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { RaffleErrors } from './raffle.errors.ts';
import { notifyBuyer } from './raffle.notifications.ts';
import type { RaffleTables } from './raffle.tables.ts';

/**
 * Sends one message (the draw date, the winners) to every buyer holding a paid ticket of a raffle,
 * through the `raffle.announcement` template, so it reaches them on WhatsApp outside the 24-hour
 * window too. Keyed by raffle, buyer and text: the same message sent twice goes out once.
 */
export async function announceToBuyers(
  ctx: Ctx,
  rt: { jobs: JobQueue },
  input: { raffleId: string; message: string },
): Promise<{ buyers: number }> {
  const message = input.message.trim();
  if (!message) throw RaffleErrors.raffle_invalid({ problems: ['message is empty'] });
  return inTransaction(ctx, async (tx) => {
    const db = tx.db.withTables<RaffleTables>();
    const raffle = await db
      .selectFrom('raffle_raffle')
      .select(['id', 'title'])
      .where('id', '=', input.raffleId)
      .executeTakeFirst();
    if (!raffle) throw RaffleErrors.raffle_not_found({ raffleId: input.raffleId });
    const buyers = await db
      .selectFrom('raffle_order')
      .select('buyer_id')
      .distinct()
      .where('raffle_id', '=', raffle.id)
      .where('status', '=', 'paid')
      .execute();
    const digest = createHash('sha256').update(message).digest('hex').slice(0, 16);
    for (const b of buyers)
      await notifyBuyer(tx, rt.jobs, {
        buyerId: b.buyer_id,
        template: 'raffle.announcement',
        data: { raffle: raffle.title, message },
        key: `raffle.announcement:${raffle.id}:${b.buyer_id}:${digest}`,
      });
    await recordAudit(tx, {
      action: 'raffle.raffle.announced',
      subject: { type: 'raffle_raffle', id: raffle.id },
      meta: { buyers: buyers.length, message },
    });
    return { buyers: buyers.length };
  });
}
