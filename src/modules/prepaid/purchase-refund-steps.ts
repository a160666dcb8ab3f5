import { sql } from 'kysely';
import { recordAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { formatMoney } from '../../core/money/index.ts';
import { enqueueNotification } from '../../core/notifications/index.ts';
import type { PaymentRefunded, PurposeRefunds, RefundAsked } from '../../core/payments/index.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import type { PrepaidTables } from './prepaid.tables.ts';
import type { RefundRecord } from './purchase-refund-record.ts';
import { refundMessageTemplate, refundSmsTemplate } from './refund-messages.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<PrepaidTables>();

type RecordOf = (tx: Ctx, id: string) => Promise<RefundRecord | undefined>;

/**
 * The refund contract of a purchase (core payments' `refunds[purpose]`, DESIGN rule 7), whichever
 * route or button asked: the module's `POST /api/prepaid/purchases/{id}/refund`, core's
 * `POST /api/payments/{id}/refunds`, the console's Refund on the purchase or on its payment.
 * - `asked`: a purchase whose token was issued is refunded only with a reason and
 *   `options.tokenKeepsWorking: true` (the token keeps working: an OpenPAYGO token cannot be revoked).
 * - `started`: the purchase shows the money that went back (`refunded_minor`, `refunded_at`); its
 *   status stays (the token was issued and its units stay on the meter). Audited.
 * - `settled`: the customer is told.
 * - `rejected`: nothing: the purchase did not change while the refund waited for a second person.
 * - `failed`: the provider will not pay it back: what went back for the purchase shrinks by it again
 *   (`refunded_at` cleared when nothing went back). Audited; a retry runs `started` again.
 */
export function purchaseRefundSteps(recordOf: RecordOf): PurposeRefunds<PrepaidRuntime> {
  return {
    asked: async (tx, _rt, event) =>
      assertTokenAcknowledged(await recordOf(tx, event.payment.purpose.id), event),
    started: async (tx, _rt, event) => markRefunded(tx, await recordOf(tx, event.payment.purpose.id), event),
    settled: async (tx, rt, event) => {
      const record = await recordOf(tx, event.payment.purpose.id);
      if (record) await tellPurchaseRefunded(tx, rt, record, event);
    },
    rejected: async () => {},
    failed: async (tx, _rt, event) => unmarkRefunded(tx, await recordOf(tx, event.payment.purpose.id), event),
  };
}

/** Refuses the refund of an issued token unless a reason is given and staff acknowledged it keeps working. */
function assertTokenAcknowledged(record: RefundRecord | undefined, event: RefundAsked): void {
  if (!record?.tokenIssued) return;
  if (!event.reason.trim()) throw PrepaidErrors.refund_reason_required({ field: 'reason' });
  if (event.options.tokenKeepsWorking !== true)
    throw PrepaidErrors.token_keeps_working({
      field: 'tokenKeepsWorking',
      ...(record.tokenCount === null ? {} : { tokenCount: record.tokenCount }),
    });
}

/** The audit subject of each kind of purchase (the console's purchase pages). */
const SUBJECT = { purchase: 'prepaid_purchase', original: 'prepaid_imported_payment' } as const;

/** `started`: what went back for the purchase grows by the refund, in the refund's transaction. */
async function markRefunded(tx: Ctx, record: RefundRecord | undefined, event: PaymentRefunded) {
  if (!record) return;
  const now = tx.clock.now();
  const by = event.refund.amount.amountMinor;
  const changed =
    record.kind === 'purchase'
      ? await tables(tx)
          .updateTable('prepaid_purchase')
          .set({ refunded_minor: sql`refunded_minor + ${by}`, refunded_at: now, updated_at: now })
          .where('id', '=', record.id)
          .returning('refunded_minor')
          .executeTakeFirstOrThrow()
      : await tables(tx)
          .updateTable('prepaid_imported_payment')
          .set({ refunded_minor: sql`refunded_minor + ${by}`, refunded_at: now })
          .where('id', '=', record.id)
          .returning('refunded_minor')
          .executeTakeFirstOrThrow();
  await recordAudit(tx, {
    action: 'prepaid.purchase.refunded',
    subject: { type: SUBJECT[record.kind], id: record.id },
    // The refund's own status is the refund's to tell (an approved one is still `awaiting_approval` here).
    after: { refundId: event.refund.id, amount: event.refund.amount, tokenIssued: record.tokenIssued },
    meta: {
      paymentId: event.payment.id,
      method: event.refund.method,
      reason: event.refund.reason,
      refundedMinor: Number(changed.refunded_minor),
      tokenKeepsWorking: event.refund.options.tokenKeepsWorking === true,
    },
  });
}

/** `failed`: the refund gave nothing back, so the purchase holds its money again (in the failure's transaction). */
async function unmarkRefunded(tx: Ctx, record: RefundRecord | undefined, event: PaymentRefunded) {
  if (!record) return;
  const by = event.refund.amount.amountMinor;
  const less = {
    refunded_minor: sql<number>`greatest(refunded_minor - ${by}, 0)`,
    refunded_at: sql<Date | null>`case when refunded_minor - ${by} > 0 then refunded_at end`,
  };
  const changed =
    record.kind === 'purchase'
      ? await tables(tx)
          .updateTable('prepaid_purchase')
          .set({ ...less, updated_at: tx.clock.now() })
          .where('id', '=', record.id)
          .returning('refunded_minor')
          .executeTakeFirstOrThrow()
      : await tables(tx)
          .updateTable('prepaid_imported_payment')
          .set(less)
          .where('id', '=', record.id)
          .returning('refunded_minor')
          .executeTakeFirstOrThrow();
  await recordAudit(tx, {
    action: 'prepaid.purchase.refund_failed',
    subject: { type: SUBJECT[record.kind], id: record.id },
    after: { refundId: event.refund.id, amount: event.refund.amount },
    meta: {
      paymentId: event.payment.id,
      failureReason: event.refund.failureReason,
      refundedMinor: Number(changed.refunded_minor),
    },
  });
}

/**
 * `settled`: the customer is told, on their account's channel and by SMS (to the phone that paid),
 * how much went back for which meter and why; when a token was issued, that it keeps working on the
 * meter. Once per refund.
 */
async function tellPurchaseRefunded(
  tx: Ctx,
  rt: PrepaidRuntime,
  record: RefundRecord,
  event: PaymentRefunded,
) {
  const data = (locale: string) => ({
    meter: record.meterNumber,
    amount: formatMoney(event.refund.amount, locale),
    reason: event.refund.reason,
    delivered: record.tokenIssued ? ('yes' as const) : ('no' as const),
  });
  const { channel, to, language } = record.account;
  if (channel && to)
    await enqueueNotification(tx, rt.jobs, {
      channel,
      to,
      template: refundMessageTemplate,
      data: data(language),
      locale: language,
      idempotencyKey: `prepaid.refund:${event.refund.id}`,
    });
  if (record.sms)
    await enqueueNotification(tx, rt.jobs, {
      channel: 'sms',
      to: record.sms.to,
      template: refundSmsTemplate,
      data: data(record.sms.language),
      locale: record.sms.language,
      idempotencyKey: `prepaid.refund-sms:${event.refund.id}`,
    });
}
