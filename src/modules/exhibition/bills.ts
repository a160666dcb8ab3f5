import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { localMoment } from '../../core/time/index.ts';
import { sql } from '../../platform/db/index.ts';
import { isUuid } from '../../platform/ids/index.ts';
import { isAssignedToBooth } from './booth-staff.ts';
import { lockCustomers } from './customer-merge.ts';
import { ExhibitionErrors } from './exhibition.errors.ts';
import {
  BOOTH_VOID_WINDOW_MS,
  boothVoidRefusal,
  mayBillAtBooth,
  needsConfirmation,
} from './exhibition.rules.ts';
import { EXHIBITION_TOPICS, type ExhibitionRuntime } from './exhibition.runtime.ts';
import type { BillStatus, ExhibitionTables } from './exhibition.tables.ts';
import { getBooth, getExhibition, lockOpenExhibition } from './exhibitions.ts';

export interface BillView {
  id: string;
  customerId: string;
  boothId: string;
  boothName: string;
  amountMinor: number;
  currency: string;
  description: string;
  businessDate: string;
  status: BillStatus;
  voidReason: string | null;
  voidedAt: Date | null;
  createdBy: string;
  createdAt: Date;
}

/** Who is billing: desk staff hold the any-booth permission; booth staff are checked against their booths. */
export interface Biller {
  userId: string | null;
  billsAnyBooth: boolean;
}

const tables = (ctx: Ctx) => ctx.db.withTables<ExhibitionTables>();

/**
 * Adds a bill to a customer's tab at a booth (a merged customer's bill goes to the one kept). The
 * customer row is locked first; the bill's insert and the running total's `total_minor + amount`
 * commit together, so concurrent bills from any number of booths add up exactly.
 */
export async function addBill(
  ctx: Ctx,
  rt: Pick<ExhibitionRuntime, 'publish'>,
  biller: Biller,
  input: {
    customerId: string;
    boothId: string;
    amountMinor: number;
    description?: string;
    /** The biller confirmed an amount above the exhibition's limit. */
    confirmed?: boolean;
  },
): Promise<BillView> {
  return inTransaction(ctx, async (tx) => {
    const booth = await getBooth(tx, input.boothId);
    const assigned =
      !biller.billsAnyBooth && biller.userId !== null
        ? await isAssignedToBooth(tx, booth.id, biller.userId)
        : false;
    if (!mayBillAtBooth({ billsAnyBooth: biller.billsAnyBooth, assignedToBooth: assigned }))
      throw ExhibitionErrors.booth_not_assigned({ boothId: booth.id });
    const customer = await customerToBill(tx, input.customerId);
    if (customer.exhibitionId !== booth.exhibitionId)
      throw ExhibitionErrors.booth_of_other_exhibition({ boothId: booth.id, customerId: customer.id });
    const exhibition = await lockOpenExhibition(tx, booth.exhibitionId);
    if (needsConfirmation(input.amountMinor, exhibition.confirmAboveMinor) && input.confirmed !== true)
      throw ExhibitionErrors.bill_needs_confirmation(
        { amountMinor: input.amountMinor, confirmAboveMinor: exhibition.confirmAboveMinor },
        {
          fields: [
            {
              field: 'body.confirmed',
              code: 'confirmation_required',
              message: `must be true for an amount above ${exhibition.confirmAboveMinor} (minor units)`,
              expected: 'true',
            },
          ],
        },
      );
    const row = await tables(tx)
      .insertInto('exhibition_bill')
      .values({
        customer_id: customer.id,
        booth_id: booth.id,
        amount_minor: input.amountMinor,
        currency: exhibition.currency,
        description: input.description ?? '',
        business_date: localMoment(tx.clock.now(), exhibition.timeZone).date,
        created_by: tx.actor.label,
        created_by_user_id: tx.actor.type === 'user' ? tx.actor.id : null,
        created_at: tx.clock.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tables(tx)
      .updateTable('exhibition_customer')
      .set({
        total_minor: sql<number>`total_minor + ${input.amountMinor}`,
        bill_count: sql<number>`bill_count + 1`,
      })
      .where('id', '=', customer.id)
      .execute();
    const bill = await getBill(tx, row.id);
    await recordAudit(tx, {
      action: 'exhibition.bill.added',
      subject: { type: 'exhibition_bill', id: bill.id },
      after: bill,
    });
    await publishBill(tx, rt, bill);
    return bill;
  });
}

/** Tells the desk, the dashboard and the booth pages that a tab changed (at commit, in `tx`). */
export async function publishBill(
  tx: Ctx,
  rt: Pick<ExhibitionRuntime, 'publish'>,
  bill: Pick<BillView, 'customerId' | 'boothId'>,
): Promise<void> {
  await rt.publish(tx, EXHIBITION_TOPICS.bills, bill.customerId);
  await rt.publish(tx, EXHIBITION_TOPICS.boothBills, bill.boothId);
}

/**
 * Locks the customer's row before the bill's insert, so a merge running at the same time either
 * sees this bill (and moves it) or has finished (and this bill follows to the customer kept).
 */
async function customerToBill(tx: Ctx, customerId: string): Promise<{ id: string; exhibitionId: string }> {
  const customer = (await lockCustomers(tx, [customerId])).get(customerId);
  if (!customer) throw ExhibitionErrors.customer_not_found({ id: customerId });
  if (!customer.mergedIntoId) return customer;
  const kept = (await lockCustomers(tx, [customer.mergedIntoId])).get(customer.mergedIntoId);
  if (!kept) throw ExhibitionErrors.customer_not_found({ id: customer.mergedIntoId });
  return kept;
}

/**
 * Voids a bill with a reason (bills are never deleted). The guarded UPDATE (`status = 'active'`)
 * lets one of two concurrent voids win; the tab loses the amount exactly once.
 */
export async function voidBill(
  ctx: Ctx,
  rt: Pick<ExhibitionRuntime, 'publish'>,
  id: string,
  input: { reason: string },
): Promise<BillView> {
  return inTransaction(ctx, (tx) => voidBillIn(tx, rt, id, input));
}

/**
 * Voids a bill at the booth: only by the account that made it and only within
 * `BOOTH_VOID_WINDOW_MS` of billing (the injected clock), otherwise refused in words. Audited like
 * any void, with the booth staff as actor.
 */
export async function voidOwnBill(
  ctx: Ctx,
  rt: Pick<ExhibitionRuntime, 'publish'>,
  userId: string | null,
  id: string,
  input: { reason: string },
): Promise<BillView> {
  return inTransaction(ctx, async (tx) => {
    const bill = await tables(tx)
      .selectFrom('exhibition_bill')
      .select(['created_by_user_id', 'created_at'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!bill) throw ExhibitionErrors.bill_not_found({ id });
    const refusal = boothVoidRefusal({
      createdByUserId: bill.created_by_user_id,
      userId,
      createdAt: bill.created_at,
      now: tx.clock.now(),
    });
    if (refusal === 'not_yours') throw ExhibitionErrors.bill_not_yours({ id });
    if (refusal === 'window_passed')
      throw ExhibitionErrors.bill_void_window_passed({ id, windowSeconds: BOOTH_VOID_WINDOW_MS / 1000 });
    return voidBillIn(tx, rt, id, input);
  });
}

/** Voids a bill in the caller's transaction (a void at the desk or the booth, a refund that voids it). */
export async function voidBillIn(
  tx: Ctx,
  rt: Pick<ExhibitionRuntime, 'publish'>,
  id: string,
  input: { reason: string },
): Promise<BillView> {
  const before = await getBill(tx, id);
  const voided = await tables(tx)
    .updateTable('exhibition_bill')
    .set({ status: 'void', void_reason: input.reason, voided_at: tx.clock.now() })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .returning(['customer_id', 'amount_minor'])
    .executeTakeFirst();
  if (!voided) throw ExhibitionErrors.bill_already_void({ id });
  await tables(tx)
    .updateTable('exhibition_customer')
    .set({
      total_minor: sql<number>`total_minor - ${voided.amount_minor}::bigint`,
      bill_count: sql<number>`bill_count - 1`,
    })
    .where('id', '=', voided.customer_id)
    .execute();
  const after = await getBill(tx, id);
  await recordAudit(tx, {
    action: 'exhibition.bill.voided',
    subject: { type: 'exhibition_bill', id },
    before,
    after,
  });
  await publishBill(tx, rt, after);
  return after;
}

const BILL_SELECT = sql`b.id, b.customer_id as "customerId", b.booth_id as "boothId", bo.name as "boothName",
  b.amount_minor as "amountMinor", b.currency, b.description,
  to_char(b.business_date, 'YYYY-MM-DD') as "businessDate", b.status, b.void_reason as "voidReason",
  b.voided_at as "voidedAt", b.created_by as "createdBy", b.created_at as "createdAt"`;

type BillRow = Omit<BillView, 'amountMinor'> & { amountMinor: string };
const toBill = (r: BillRow): BillView => ({ ...r, amountMinor: Number(r.amountMinor) });

/** One bill, or `bill_not_found`. */
export async function getBill(ctx: Ctx, id: string): Promise<BillView> {
  // A payment's purpose id is any text: only a uuid can name a bill.
  if (!isUuid(id)) throw ExhibitionErrors.bill_not_found({ id });
  // Raw SQL is not org-scoped by the data layer: the org filter is written here.
  const result = await sql<BillRow>`select ${BILL_SELECT}
    from exhibition_bill b join exhibition_booth bo on bo.id = b.booth_id and bo.org_id = b.org_id
    where b.org_id = ${ctx.orgId} and b.id = ${id}::uuid`.execute(ctx.db);
  if (!result.rows[0]) throw ExhibitionErrors.bill_not_found({ id });
  return toBill(result.rows[0]);
}

/** Every bill of a customer (void ones included), oldest first. */
export async function listCustomerBills(ctx: Ctx, customerId: string): Promise<BillView[]> {
  const result = await sql<BillRow>`select ${BILL_SELECT}
    from exhibition_bill b join exhibition_booth bo on bo.id = b.booth_id and bo.org_id = b.org_id
    where b.org_id = ${ctx.orgId} and b.customer_id = ${customerId}::uuid
    order by b.created_at, b.id`.execute(ctx.db);
  return result.rows.map(toBill);
}

export interface TotalsView {
  byBooth: Array<{ boothId: string; boothName: string; billCount: number; totalMinor: number }>;
  byDay: Array<{ date: string; billCount: number; totalMinor: number }>;
  billCount: number;
  totalMinor: number;
  currency: string;
}

/** Totals of an exhibition's active bills per booth and per day, exact in minor units. */
export async function exhibitionTotals(ctx: Ctx, exhibitionId: string): Promise<TotalsView> {
  const exhibition = await getExhibition(ctx, exhibitionId);
  const byBooth = await sql<{ boothId: string; boothName: string; billCount: string; totalMinor: string }>`
    select bo.id as "boothId", bo.name as "boothName", count(b.id) as "billCount",
      coalesce(sum(b.amount_minor), 0) as "totalMinor"
    from exhibition_booth bo
    left join exhibition_bill b on b.booth_id = bo.id and b.org_id = bo.org_id and b.status = 'active'
    where bo.org_id = ${ctx.orgId} and bo.exhibition_id = ${exhibitionId}::uuid
    group by bo.id, bo.name order by bo.name`.execute(ctx.db);
  const byDay = await sql<{ date: string; billCount: string; totalMinor: string }>`
    select to_char(b.business_date, 'YYYY-MM-DD') as date, count(*) as "billCount",
      sum(b.amount_minor) as "totalMinor"
    from exhibition_bill b join exhibition_booth bo on bo.id = b.booth_id and bo.org_id = b.org_id
    where b.org_id = ${ctx.orgId} and bo.exhibition_id = ${exhibitionId}::uuid and b.status = 'active'
    group by b.business_date order by b.business_date`.execute(ctx.db);
  const booths = byBooth.rows.map((r) => ({
    ...r,
    billCount: Number(r.billCount),
    totalMinor: Number(r.totalMinor),
  }));
  return {
    byBooth: booths,
    byDay: byDay.rows.map((r) => ({
      ...r,
      billCount: Number(r.billCount),
      totalMinor: Number(r.totalMinor),
    })),
    billCount: booths.reduce((n, b) => n + b.billCount, 0),
    totalMinor: booths.reduce((n, b) => n + b.totalMinor, 0),
    currency: exhibition.currency,
  };
}
