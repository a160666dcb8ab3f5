import type { Ctx } from '../../core/context/index.ts';
import { sql } from '../../platform/db/index.ts';
import type { AppError } from '../../platform/errors/index.ts';
import type { RaffleRefundRunTable } from './raffle-refund-run.tables.ts';

type RunTables = { raffle_refund_run: RaffleRefundRunTable };
const runs = (ctx: Ctx) => ctx.db.withTables<RunTables>();

/** How one order's refund of a call-off run went: it went ahead, waits for a second person, or failed. */
export type RunOutcome =
  | { kind: 'refunded' }
  | { kind: 'awaiting'; orderId: string }
  | { kind: 'failed'; orderId: string; error: unknown };

/** `column` (a JSON array of the run) with `entry` at its end. */
const appended = (column: 'asked' | 'failures', entry: unknown) =>
  sql`jsonb_insert(${sql.ref(column)}, '{-1}', ${JSON.stringify(entry)}::jsonb, true)`;

/** Counts one order of a call-off run as the run's job asked for its refund (in the same transaction). */
export async function countRunOutcome(ctx: Ctx, runId: string, outcome: RunOutcome): Promise<void> {
  const now = ctx.clock.now();
  await runs(ctx)
    .updateTable('raffle_refund_run')
    .set((eb) =>
      outcome.kind === 'refunded'
        ? { refunded: eb('refunded', '+', 1), updated_at: now }
        : outcome.kind === 'awaiting'
          ? { awaiting: eb('awaiting', '+', 1), asked: appended('asked', outcome.orderId), updated_at: now }
          : {
              failed: eb('failed', '+', 1),
              failures: appended('failures', {
                orderId: outcome.orderId,
                code: (outcome.error as AppError).code ?? 'internal_error',
              }),
              updated_at: now,
            },
    )
    .where('id', '=', runId)
    .execute();
}

/**
 * A call-off refund that waited was decided by a second person: approved it went ahead (refunded),
 * rejected its order stays paid. Runs in the decision's transaction (the refund contract's step).
 */
export async function countRunDecision(
  tx: Ctx,
  runId: string,
  decision: 'approved' | 'rejected',
): Promise<void> {
  const now = tx.clock.now();
  await runs(tx)
    .updateTable('raffle_refund_run')
    .set((eb) =>
      decision === 'approved'
        ? { awaiting: eb('awaiting', '-', 1), refunded: eb('refunded', '+', 1), updated_at: now }
        : { awaiting: eb('awaiting', '-', 1), rejected: eb('rejected', '+', 1), updated_at: now },
    )
    .where('id', '=', runId)
    .where('awaiting', '>', 0)
    .execute();
}

/** Whether `runId` names the call-off run of the raffle (a refund asked with another is refused). */
export async function isRunOf(ctx: Ctx, runId: string, raffleId: string): Promise<boolean> {
  const run = await runs(ctx)
    .selectFrom('raffle_refund_run')
    .select('id')
    .where('id', '=', runId)
    .where('raffle_id', '=', raffleId)
    .executeTakeFirst();
  return run !== undefined;
}
