import { recordAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { sql } from '../../platform/db/index.ts';
import { type BillView, getBill, publishBill } from './bills.ts';
import type { ExhibitionRuntime } from './exhibition.runtime.ts';
import type { ExhibitionTables } from './exhibition.tables.ts';

/**
 * Reduces an active bill to `toMinor` in the caller's transaction (a refund gives the difference
 * back): the guarded UPDATE (`status = 'active'` and more than `toMinor`) changes it once however
 * often it is asked, and the tab loses the difference with it. Answers the bill, changed or not.
 */
export async function reduceBillIn(
  tx: Ctx,
  rt: Pick<ExhibitionRuntime, 'publish'>,
  id: string,
  input: { toMinor: number; reason: string },
): Promise<BillView> {
  const before = await getBill(tx, id);
  const reduced = await tx.db
    .withTables<ExhibitionTables>()
    .updateTable('exhibition_bill')
    .set({ amount_minor: input.toMinor })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .where('amount_minor', '>', String(input.toMinor))
    .returning(['customer_id'])
    .executeTakeFirst();
  if (!reduced) return before;
  const difference = before.amountMinor - input.toMinor;
  await tx.db
    .withTables<ExhibitionTables>()
    .updateTable('exhibition_customer')
    .set({ total_minor: sql<number>`total_minor - ${difference}::bigint` })
    .where('id', '=', reduced.customer_id)
    .execute();
  const after = await getBill(tx, id);
  await recordAudit(tx, {
    action: 'exhibition.bill.reduced',
    subject: { type: 'exhibition_bill', id },
    before: { amountMinor: before.amountMinor },
    after: { amountMinor: after.amountMinor },
    meta: { reason: input.reason },
  });
  await publishBill(tx, rt, after);
  return after;
}
