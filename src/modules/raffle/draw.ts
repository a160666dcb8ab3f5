import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import type { Db } from '../../platform/db/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { publicBuyerName } from './buyer-name.ts';
import { DRAW_ALGORITHM, type LedgerEntry, ledgerHashOf, pickWinners, verifyDraw } from './draw.rules.ts';
import { expireOrderInTransaction } from './order-expiry.ts';
import { orders } from './order-view.ts';
import type { PublicDraw } from './raffle.contract.ts';
import { RaffleErrors } from './raffle.errors.ts';
import { notifyBuyer } from './raffle.notifications.ts';
import { notifyWinnersJob } from './raffle.queue.ts';
import type { RaffleTables } from './raffle.tables.ts';
import { getRaffle, type RaffleView } from './raffle-view.ts';
import { lockRaffle, moveRaffle } from './raffles.ts';

/**
 * The draw's ledger: the sold tickets of paid orders. A refunded order is cancelled and its numbers
 * released or held (never sold), and the order's status is checked too: a cancelled order never wins.
 */
async function ledgerOf(db: Db, orgId: string, raffleId: string): Promise<LedgerEntry[]> {
  const rows = await db
    .withTables<RaffleTables>()
    .selectFrom('raffle_ticket')
    .innerJoin('raffle_order', (join) =>
      join
        .onRef('raffle_order.id', '=', 'raffle_ticket.order_id')
        .onRef('raffle_order.org_id', '=', 'raffle_ticket.org_id'),
    )
    .select(['raffle_ticket.number', 'raffle_ticket.order_id'])
    .where('raffle_ticket.org_id', '=', orgId)
    .where('raffle_ticket.raffle_id', '=', raffleId)
    .where('raffle_ticket.status', '=', 'sold')
    .where('raffle_order.status', '=', 'paid')
    .orderBy('raffle_ticket.number')
    .execute();
  return rows.map((r) => ({ number: r.number, orderId: r.order_id! }));
}

/**
 * Draws a closed raffle: fixes the ledger (sold tickets; refused while holds are still live, so it
 * cannot change afterwards), picks the winners from the committed seed and the ledger hash
 * (draw.rules.ts), stores them, reveals the seed, and queues the winners' messages.
 */
export async function drawRaffle(ctx: Ctx, rt: { jobs: JobQueue }, raffleId: string): Promise<RaffleView> {
  return inTransaction(ctx, async (tx) => {
    const db = tx.db.withTables<RaffleTables>();
    const raffle = await lockRaffle(tx, raffleId);
    if (raffle.status !== 'closed')
      throw RaffleErrors.raffle_state_invalid({ status: raffle.status, wanted: 'drawn' });
    const pending = await orders(tx)
      .select(['id', 'expires_at'])
      .where('raffle_id', '=', raffleId)
      .where('status', '=', 'pending_payment')
      .execute();
    const now = tx.clock.now();
    const live = pending.filter((o) => o.expires_at.getTime() > now.getTime());
    if (live.length) throw RaffleErrors.raffle_pending_orders({ orderIds: live.map((o) => o.id) });
    for (const o of pending) await expireOrderInTransaction(tx, rt, o.id);
    const ledger = await ledgerOf(tx.db, tx.orgId, raffleId);
    if (ledger.length === 0) throw RaffleErrors.raffle_invalid({ problems: ['no tickets were sold'] });
    const prizes = await db
      .selectFrom('raffle_prize')
      .select(['id', 'position'])
      .where('raffle_id', '=', raffleId)
      .orderBy('position')
      .execute();
    const winners = pickWinners({ seedHex: raffle.seed, ledger, prizes: prizes.length });
    for (const [i, w] of winners.entries())
      await db
        .updateTable('raffle_prize')
        .set({ winning_number: w.number, winning_order_id: w.orderId })
        .where('id', '=', prizes[i]!.id)
        .execute();
    await moveRaffle(tx, raffleId, 'drawn', { drawn_at: now, ledger_hash: ledgerHashOf(ledger) });
    const view = await getRaffle(tx, raffleId);
    await recordAudit(tx, {
      action: 'raffle.raffle.drawn',
      subject: { type: 'raffle_raffle', id: raffleId },
      after: { ...view, seed: raffle.seed, winners },
    });
    await rt.jobs.send(
      notifyWinnersJob,
      { orgId: tx.orgId, raffleId },
      { transaction: tx.db, singletonKey: `winners:${raffleId}` },
    );
    return view;
  });
}

/** Tells each winner on WhatsApp; keyed per prize, so a retried job sends each message once. */
export async function notifyWinners(ctx: Ctx, rt: { jobs: JobQueue }, raffleId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const db = tx.db.withTables<RaffleTables>();
    const raffle = await db
      .selectFrom('raffle_raffle')
      .select('title')
      .where('id', '=', raffleId)
      .executeTakeFirstOrThrow();
    const prizes = await db
      .selectFrom('raffle_prize')
      .innerJoin('raffle_order', 'raffle_order.id', 'raffle_prize.winning_order_id')
      .select([
        'raffle_prize.position',
        'raffle_prize.title',
        'raffle_prize.winning_number',
        'raffle_order.buyer_id',
        'raffle_order.id as order_id',
      ])
      .where('raffle_prize.raffle_id', '=', raffleId)
      .execute();
    for (const p of prizes)
      await notifyBuyer(tx, rt.jobs, {
        buyerId: p.buyer_id,
        template: 'raffle.winner',
        data: { raffle: raffle.title, prize: p.title, number: String(p.winning_number) },
        key: `raffle.winner:${raffleId}:${p.position}`,
        orderId: p.order_id,
      });
  });
}

/**
 * The organization of a raffle, looked up across organizations: the public draw page is reached by
 * the raffle's id alone (ids are unguessable).
 */
export async function raffleOrgOf(db: Db, raffleId: string): Promise<string | undefined> {
  const raffle = await db
    .withTables<RaffleTables>()
    .selectFrom('raffle_raffle')
    .select('org_id')
    .where('id', '=', raffleId)
    .executeTakeFirst();
  return raffle?.org_id;
}

/** The public view of a raffle's draw: commitment, seed once drawn, ledger, winners, and its check. */
export async function publicDraw(ctx: Ctx, raffleId: string): Promise<PublicDraw | null> {
  const db = ctx.db.withTables<RaffleTables>();
  const raffle = await db
    .selectFrom('raffle_raffle')
    .selectAll()
    .where('id', '=', raffleId)
    .executeTakeFirst();
  if (!raffle) return null;
  // A draw the original system recorded (an import) has no ledger hash: shown, never re-run here.
  const drawn = raffle.status === 'drawn' && raffle.ledger_hash !== null;
  const prizes = await db
    .selectFrom('raffle_prize')
    .leftJoin('raffle_order', 'raffle_order.id', 'raffle_prize.winning_order_id')
    .leftJoin('raffle_buyer', 'raffle_buyer.id', 'raffle_order.buyer_id')
    .select([
      'raffle_prize.position',
      'raffle_prize.title',
      'raffle_prize.winning_number',
      'raffle_prize.winning_order_id',
      'raffle_buyer.display_name',
      'raffle_buyer.wa_id',
    ])
    .where('raffle_prize.raffle_id', '=', raffleId)
    .orderBy('raffle_prize.position')
    .execute();
  const ledger = drawn ? await ledgerOf(ctx.db, ctx.orgId, raffleId) : [];
  const view: PublicDraw = {
    raffleId,
    title: raffle.title,
    status: raffle.status,
    commitment: raffle.commitment,
    seed: drawn ? raffle.seed : null,
    ledgerHash: raffle.ledger_hash,
    ledger,
    prizes: prizes.map((p) => ({
      position: p.position,
      title: p.title,
      winningNumber: p.winning_number,
      winningOrderId: p.winning_order_id,
      winner: p.winning_order_id ? publicBuyerName(p) : null,
    })),
    algorithm: DRAW_ALGORITHM,
    verified: null,
  };
  if (drawn)
    view.verified = verifyDraw({
      commitment: view.commitment,
      seed: raffle.seed,
      ledgerHash: raffle.ledger_hash ?? '',
      ledger,
      prizes: prizes.length,
      winners: prizes
        .filter((p) => p.winning_number !== null)
        .map((p) => ({ number: p.winning_number!, orderId: p.winning_order_id! })),
    }).ok;
  return view;
}
