import type { Selectable } from 'kysely';
import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import type { RefundDeps, RefundStaff } from '../../core/payments/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import type { RefundedTickets } from './order-refund.rules.ts';
import { refundPaidOrder } from './order-refunds.ts';
import { orders } from './order-view.ts';
import { cancelOrder } from './orders.ts';
import { RaffleErrors } from './raffle.errors.ts';
import { refundCalledOffJob } from './raffle.queue.ts';
import type { RaffleTables } from './raffle.tables.ts';
import type { RaffleRefundRunTable } from './raffle-refund-run.tables.ts';
import { lockRaffle } from './raffles.ts';
import { countRunOutcome } from './refund-run-counts.ts';

type RunTables = RaffleTables & { raffle_refund_run: RaffleRefundRunTable };
export type RefundRun = Selectable<RaffleRefundRunTable>;

/** Orders refunded per job run; the job queues itself again until none is left. */
const BATCH = 25;

/**
 * Calls a raffle off: sales stop (selling → closed) and one run refunds every paid order, each through
 * core payments' refund flow with the reason the buyers read, its numbers held off sale or released as
 * staff chose; holds waiting for payment are cancelled (their buyers told). The run is the progress
 * (total, refunded, awaiting a second person, rejected, failed with why): above the starter's refund
 * limit each refund waits for approval and its order stays paid until then. One run per raffle:
 * calling it off again answers the same run.
 */
export async function callOffRaffle(
  ctx: Ctx,
  rt: { jobs: JobQueue },
  args: { raffleId: string; reason: string; tickets: RefundedTickets; staff: RefundStaff },
): Promise<RefundRun> {
  const reason = args.reason.trim();
  if (!reason) throw RaffleErrors.raffle_invalid({ problems: ['reason is required'], field: 'reason' });
  return inTransaction(ctx, async (tx) => {
    const db = tx.db.withTables<RunTables>();
    const raffle = await lockRaffle(tx, args.raffleId);
    const prior = await db
      .selectFrom('raffle_refund_run')
      .selectAll()
      .where('raffle_id', '=', raffle.id)
      .executeTakeFirst();
    if (prior) return prior;
    if (raffle.status !== 'selling' && raffle.status !== 'closed')
      throw RaffleErrors.raffle_state_invalid({ status: raffle.status, wanted: 'called_off' });
    const now = tx.clock.now();
    if (raffle.status === 'selling')
      await db
        .updateTable('raffle_raffle')
        .set({ status: 'closed', closed_at: now, updated_at: now })
        .where('id', '=', raffle.id)
        .execute();
    const paid = await orders(tx)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('raffle_id', '=', raffle.id)
      .where('status', '=', 'paid')
      .executeTakeFirstOrThrow();
    const run = await db
      .insertInto('raffle_refund_run')
      .values({
        raffle_id: raffle.id,
        reason: reason.slice(0, 500),
        tickets: args.tickets,
        status: 'running',
        total: Number(paid.n),
        started_by: JSON.stringify(tx.actor),
        started_by_user: args.staff.userId,
        started_by_role: args.staff.role,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      action: 'raffle.raffle.called_off',
      subject: { type: 'raffle_raffle', id: raffle.id },
      after: { runId: run.id, reason: run.reason, tickets: run.tickets, paidOrders: run.total },
    });
    await rt.jobs.send(refundCalledOffJob, { orgId: tx.orgId, runId: run.id }, { transaction: tx.db });
    return run;
  });
}

/**
 * The run's job: asks for the refund of the next paid orders of the raffle one transaction each, and
 * counts each as it went: refunded (it went ahead: the order cancelled), awaiting a second person (the
 * order stays paid until approved; the run counts the decision then), or failed with its code. Then it
 * cancels holds still waiting, and queues itself again while paid orders are left; safe to run twice
 * (an order refunded already is no longer paid, one whose refund waits is never asked again).
 */
export async function continueRefundRun(
  ctx: Ctx,
  deps: RefundDeps,
  runId: string,
): Promise<'more' | 'done' | 'skipped'> {
  const db = ctx.db.withTables<RunTables>();
  const run = await db.selectFrom('raffle_refund_run').selectAll().where('id', '=', runId).executeTakeFirst();
  if (run?.status !== 'running') return 'skipped';
  const skipped = new Set([
    ...(run.failures as Array<{ orderId: string }>).map((f) => f.orderId),
    ...(run.asked as string[]),
  ]);
  const next = await orders(ctx)
    .select('id')
    .where('raffle_id', '=', run.raffle_id)
    .where('status', '=', 'paid')
    .orderBy('paid_at')
    .orderBy('id')
    .limit(BATCH + skipped.size)
    .execute();
  const todo = next.filter((o) => !skipped.has(o.id)).slice(0, BATCH);
  for (const { id } of todo) await refundRunOrder(ctx, deps, run, id);
  if (todo.length === BATCH) {
    await deps.jobs.send(refundCalledOffJob, { orgId: ctx.orgId, runId: run.id });
    return 'more';
  }
  await cancelWaitingOrders(ctx, deps, run.raffle_id);
  const now = ctx.clock.now();
  await db
    .updateTable('raffle_refund_run')
    .set({ status: 'done', finished_at: now, updated_at: now })
    .where('id', '=', run.id)
    .where('status', '=', 'running')
    .execute();
  return 'done';
}

/** One order of the run: its refund asked as the run's starter, counted in the same transaction. */
async function refundRunOrder(ctx: Ctx, deps: RefundDeps, run: RefundRun, orderId: string): Promise<void> {
  const staff = { role: run.started_by_role as RefundStaff['role'], userId: run.started_by_user };
  try {
    await inTransaction(ctx, async (tx) => {
      const { refund } = await refundPaidOrder(tx, deps, {
        orderId,
        reason: run.reason,
        tickets: run.tickets,
        staff,
        callOff: run.id,
      });
      await countRunOutcome(
        tx,
        run.id,
        refund.status === 'awaiting_approval' ? { kind: 'awaiting', orderId } : { kind: 'refunded' },
      );
    });
  } catch (error) {
    await countRunOutcome(ctx, run.id, { kind: 'failed', orderId, error });
  }
}

async function cancelWaitingOrders(ctx: Ctx, deps: { jobs: JobQueue }, raffleId: string): Promise<void> {
  const waiting = await orders(ctx)
    .select('id')
    .where('raffle_id', '=', raffleId)
    .where('status', '=', 'pending_payment')
    .execute();
  for (const { id } of waiting) {
    try {
      await cancelOrder(ctx, { jobs: deps.jobs, notify: true }, id);
    } catch (err) {
      if (!RaffleErrors.order_not_pending.is(err)) throw err;
    }
  }
}

/** The call-off run of a raffle, if it was called off. */
export async function refundRunOf(ctx: Ctx, raffleId: string): Promise<RefundRun | undefined> {
  return ctx.db
    .withTables<RunTables>()
    .selectFrom('raffle_refund_run')
    .selectAll()
    .where('raffle_id', '=', raffleId)
    .executeTakeFirst();
}
