import { sql } from 'kysely';
import { type Ctx, inTransaction } from '../context/index.ts';
import { type PaymentDeps, providerOf } from './payment-deps.ts';
import { type Payment, toPayment } from './payment-view.ts';
import { type CheckTrigger, queueRequestToPay } from './payments.queue.ts';
import {
  type CheckDecision,
  decideAfterStatusCheck,
  isMobileMoney,
  type PollTiming,
  type ProviderStatus,
} from './payments.rules.ts';
import { pollTimingOf } from './payments.settings.ts';
import type { PaymentsTables } from './payments.tables.ts';
import { transitionPayment } from './transition-payment.ts';

/**
 * Asks the provider about one mobile-money payment and acts on the answer exactly once: settle,
 * fail, refuse as mismatch, or schedule the next poll (exponential spacing up to the deadline,
 * where the answer of this final check decides and an unresolved payment fails as `timeout`).
 * Callbacks, staff and the reconciliation poll all end here; the guarded UPDATE makes repeats harmless.
 * Only the poll's own check (`trigger: 'poll'`) moves the back-off: a callback or a staff request may
 * settle the payment at once, but never counts as a poll nor puts the next one later (issue 61 item 6:
 * duplicate MoMo callbacks pushed polling back 5 minutes).
 */
export async function checkMobileMoneyPayment(
  ctx: Ctx,
  deps: PaymentDeps,
  paymentId: string,
  trigger: CheckTrigger = 'poll',
): Promise<CheckDecision['kind'] | 'skipped'> {
  const found = await findPaymentAndTiming(ctx, paymentId);
  if (!found) return 'skipped';
  const { payment, timing } = found;
  if (!isMobileMoney(payment.method)) return 'skipped';
  const open = payment.status === 'pending' || payment.status === 'ambiguous';
  const timedOut = payment.status === 'failed' && payment.failureReason === 'timeout';
  if (!open && !timedOut) return 'skipped';
  const provider = providerOf(deps, payment.method);
  if (!provider) throw new Error(`payment provider ${payment.method} is not configured`);
  // Never hold a transaction or lock across the provider call.
  const status = await provider.getStatus(payment.providerReference!, payment.amount);
  const decision = decideAfterStatusCheck(
    {
      status: payment.status,
      failureReason: payment.failureReason,
      expected: payment.amount,
      deadlineAt: payment.deadlineAt ?? ctx.clock.now(),
      requested: payment.requestedAt !== null,
      checksDone: payment.checkCount,
      now: ctx.clock.now(),
      timing,
    },
    status,
  );
  await apply(ctx, deps, { payment, status, decision, byPoll: trigger === 'poll' });
  return decision.kind;
}

/**
 * The payment and its organization's poll timing in one statement (issue 64: two reads before); the
 * organization through its public view, as every area outside orgs reads it.
 */
async function findPaymentAndTiming(
  ctx: Ctx,
  paymentId: string,
): Promise<{ payment: Payment; timing: PollTiming } | undefined> {
  const row = await ctx.db
    .withTables<PaymentsTables>()
    .selectFrom('payment')
    .selectAll()
    .select(
      sql<Record<string, unknown> | null>`(
        select o.settings from v_orgs_organization o where o.org_id = payment.org_id)`.as('org_settings'),
    )
    .where('id', '=', paymentId)
    .executeTakeFirst();
  if (!row) return undefined;
  const { org_settings, ...payment } = row;
  return { payment: toPayment(payment), timing: pollTimingOf(org_settings) };
}

async function apply(
  ctx: Ctx,
  deps: Pick<PaymentDeps, 'jobs'>,
  check: { payment: Payment; status: ProviderStatus; decision: CheckDecision; byPoll: boolean },
): Promise<void> {
  const { payment, status, decision, byPoll } = check;
  const providerStatus = status.raw.slice(0, 100);
  switch (decision.kind) {
    case 'settle':
      await transitionPayment(ctx, {
        paymentId: payment.id,
        purpose: payment.purpose,
        to: 'succeeded',
        changes: { providerTransactionId: decision.transactionId, providerStatus },
      });
      return;
    case 'mismatch':
      await transitionPayment(ctx, {
        paymentId: payment.id,
        purpose: payment.purpose,
        to: 'mismatch',
        changes: {
          failureReason: decision.reason,
          providerTransactionId: decision.transactionId,
          providerStatus,
          ...(status.state === 'succeeded' && status.amount ? { providerAmount: status.amount } : {}),
        },
      });
      return;
    case 'fail':
      await transitionPayment(ctx, {
        paymentId: payment.id,
        purpose: payment.purpose,
        to: 'failed',
        changes: { failureReason: decision.reason.slice(0, 500), providerStatus },
      });
      return;
    case 'mark_ambiguous':
      await inTransaction(ctx, async (tx) => {
        await transitionPayment(tx, { paymentId: payment.id, to: 'ambiguous', changes: { providerStatus } });
        await recordOpenCheck(tx, payment.id, { nextCheckAt: decision.nextCheckAt, providerStatus, byPoll });
      });
      return;
    case 'wait':
      await recordOpenCheck(ctx, payment.id, { nextCheckAt: decision.nextCheckAt, providerStatus, byPoll });
      if (decision.resendRequest) await queueRequestToPay(deps.jobs, payment);
      return;
    case 'ignore':
      return;
  }
}

/**
 * Records a check that left the payment open; only while it still is. The poll's own check counts one
 * more poll and sets the next by the back-off; a callback's or staff's records what the provider said
 * and leaves the poll's count and next time alone (it fills in a next time only where none is set).
 */
async function recordOpenCheck(
  ctx: Ctx,
  paymentId: string,
  check: { nextCheckAt: Date; providerStatus: string; byPoll: boolean },
) {
  const now = ctx.clock.now();
  await ctx.db
    .withTables<PaymentsTables>()
    .updateTable('payment')
    .set((eb) => ({
      ...(check.byPoll
        ? { check_count: eb('check_count', '+', 1), next_check_at: check.nextCheckAt }
        : { next_check_at: eb.fn.coalesce('next_check_at', eb.val(check.nextCheckAt)) }),
      last_checked_at: now,
      provider_status: check.providerStatus,
      updated_at: now,
    }))
    .where('id', '=', paymentId)
    .where('status', 'in', ['pending', 'ambiguous'])
    .execute();
}
