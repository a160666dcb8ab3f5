// The exhibition's `failed` step of a bill's refund contract (issue 62): a provider refund that failed
// for good gave nothing back, so the bill asks for and holds its money as before the refund.
import { type AuditItem, recordAudit, searchAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import type { PaymentRefunded } from '../../core/payments/index.ts';
import { sql } from '../../platform/db/index.ts';
import { getBill } from './bills.ts';
import { publishBillOf } from './exhibition.hooks.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';
import type { ExhibitionTables } from './exhibition.tables.ts';

/** What `started` changed of the bill, as its history keeps it (`exhibition.bill.refund_started`). */
export interface BillRefundStart {
  /** The refund voided the bill (it was active). */
  voided: boolean;
  /** The refund reduced the bill from this amount (null when it did not). */
  reducedFromMinor: number | null;
}

/**
 * `failed`: what `started` did to the bill is undone: a bill the refund voided is active again, one it
 * reduced asks for its amount again (and the customer's total follows); the bill's money view counts
 * the payment as held again by itself (a failed refund holds nothing). Audited; a retry of the refund
 * runs `started` again, which voids or reduces it again.
 */
export async function billRefundFailed(
  tx: Ctx,
  rt: ExhibitionRuntime,
  event: PaymentRefunded,
): Promise<void> {
  const billId = event.payment.purpose.id;
  const start = await startOf(tx, billId, event.refund.id);
  const bill = await getBill(tx, billId);
  const db = tx.db.withTables<ExhibitionTables>();
  let restoredMinor = 0;
  if (start?.voided && bill.status === 'void') {
    const row = await db
      .updateTable('exhibition_bill')
      .set({ status: 'active', void_reason: null, voided_at: null })
      .where('id', '=', billId)
      .where('status', '=', 'void')
      .returning(['customer_id', 'amount_minor'])
      .executeTakeFirst();
    if (row) {
      restoredMinor = Number(row.amount_minor);
      await db
        .updateTable('exhibition_customer')
        .set({
          total_minor: sql<number>`total_minor + ${row.amount_minor}::bigint`,
          bill_count: sql<number>`bill_count + 1`,
        })
        .where('id', '=', row.customer_id)
        .execute();
    }
  }
  if (start?.reducedFromMinor && bill.status === 'active' && start.reducedFromMinor > bill.amountMinor) {
    restoredMinor = start.reducedFromMinor - bill.amountMinor;
    await db
      .updateTable('exhibition_bill')
      .set({ amount_minor: start.reducedFromMinor })
      .where('id', '=', billId)
      .execute();
    await db
      .updateTable('exhibition_customer')
      .set({ total_minor: sql<number>`total_minor + ${restoredMinor}::bigint` })
      .where('id', '=', bill.customerId)
      .execute();
  }
  await recordAudit(tx, {
    action: 'exhibition.bill.refund_failed',
    subject: { type: 'exhibition_bill', id: billId },
    before: { status: bill.status, amountMinor: bill.amountMinor },
    after: { refundId: event.refund.id, amount: event.refund.amount, restoredMinor },
    meta: { failureReason: event.refund.failureReason },
  });
  await publishBillOf(tx, rt, billId);
}

/** What the refund's `started` step changed of the bill, read back from the bill's history. */
async function startOf(tx: Ctx, billId: string, refundId: string): Promise<BillRefundStart | null> {
  const { items } = await searchAudit(tx, {
    action: 'exhibition.bill.refund_started',
    subjectType: 'exhibition_bill',
    subjectId: billId,
    after: { field: 'refundId', value: refundId },
    limit: 1,
  });
  const after = (items[0] as AuditItem | undefined)?.after as Partial<BillRefundStart> | null | undefined;
  if (!after) return null;
  return { voided: after.voided === true, reducedFromMinor: after.reducedFromMinor ?? null };
}
