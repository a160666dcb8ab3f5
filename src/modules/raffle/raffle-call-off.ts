import type { Selectable } from 'kysely';
import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import type { PaymentProvider, RefundStaff } from '../../core/payments/index.ts';
import type { AppError } from '../../platform/errors/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { type RefundedTickets, refundPaidOrder } from './order-refunds.ts';
import { orders } from './order-view.ts';
import { cancelOrder } from './orders.ts';
import { RaffleErrors } from './raffle.errors.ts';
import { refundCalledOffJob } from './raffle.queue.ts';
import type { RaffleTables } from './raffle.tables.ts';
import type { RaffleRefundRunTable } from './raffle-refund-run.tables.ts';
import { lockRaffle } from './raffles.ts';

type RunTables = RaffleTables & { raffle_refund_run: RaffleRefundRunTable };
export type RefundRun = Selectable<RaffleRefundRunTable>;

/** Orders refunded per job run; the job queues itself again until none is left. */
const BATCH = 25;

/**
 * Calls a raffle off: sales stop (selling → closed) and one run refunds every paid order, each through
 * core payments' refund flow with the reason the buyers read, its numbers held off sale or released as
 * staff chose; holds waiting for payment are cancelled (their buyers told). The run is the progress
 * (total, refunded, failed with why). One run per raffle: calling it off again answers the same run.
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
 * The run's job: refunds the next paid orders of the raffle one transaction each (a failure is counted
 * with its code and the run goes on), cancels holds still waiting, and queues itself again while paid
 * orders are left; safe to run twice (an order refunded already is no longer paid).
 */
export async function continueRefundRun(
  ctx: Ctx,
  deps: { jobs: JobQueue; providers: ReadonlyArray<PaymentProvider> },
  runId: string,
): Promise<'more' | 'done' | 'skipped'> {
  const db = ctx.db.withTables<RunTables>();
  const run = await db.selectFrom('raffle_refund_run').selectAll().where('id', '=', runId).executeTakeFirst();
  if (run?.status !== 'running') return 'skipped';
  const failedIds = new Set((run.failures as Array<{ orderId: string }>).map((f) => f.orderId));
  const next = await orders(ctx)
    .select('id')
    .where('raffle_id', '=', run.raffle_id)
    .where('status', '=', 'paid')
    .orderBy('paid_at')
    .orderBy('id')
    .limit(BATCH + failedIds.size)
    .execute();
  const todo = next.filter((o) => !failedIds.has(o.id)).slice(0, BATCH);
  const staff = { role: run.started_by_role as RefundStaff['role'], userId: run.started_by_user };
  for (const { id } of todo) {
    try {
      await refundPaidOrder(ctx, deps, {
        orderId: id,
        reason: run.reason,
        tickets: run.tickets as RefundedTickets,
        staff,
      });
      await db
        .updateTable('raffle_refund_run')
        .set((eb) => ({ refunded: eb('refunded', '+', 1), updated_at: ctx.clock.now() }))
        .where('id', '=', run.id)
        .execute();
    } catch (err) {
      const code = (err as AppError).code ?? 'internal_error';
      await db
        .updateTable('raffle_refund_run')
        .set((eb) => ({
          failed: eb('failed', '+', 1),
          failures: eb.fn('jsonb_insert', [
            'failures',
            eb.val('{-1}'),
            eb.val(JSON.stringify({ orderId: id, code })),
            eb.val(true),
          ]),
          updated_at: ctx.clock.now(),
        }))
        .where('id', '=', run.id)
        .execute();
    }
  }
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
