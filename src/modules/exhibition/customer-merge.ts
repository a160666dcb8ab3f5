import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { sql } from '../../platform/db/index.ts';
import { type CustomerView, getCustomer } from './customers.ts';
import { ExhibitionErrors } from './exhibition.errors.ts';
import { EXHIBITION_TOPICS, type ExhibitionRuntime } from './exhibition.runtime.ts';
import { getExhibition } from './exhibitions.ts';

interface LockedCustomer {
  id: string;
  exhibitionId: string;
  mergedIntoId: string | null;
}

/**
 * Locks customer rows in id order (the one lock order of this module for customers: a merge takes
 * both, a bill takes one) and returns them by id.
 */
export async function lockCustomers(ctx: Ctx, ids: string[]): Promise<Map<string, LockedCustomer>> {
  const sorted = [...new Set(ids)].sort();
  // Raw SQL is not org-scoped by the data layer: the org filter is written here.
  const result = await sql<LockedCustomer>`
    select id, exhibition_id as "exhibitionId", merged_into_id as "mergedIntoId"
    from exhibition_customer where org_id = ${ctx.orgId} and id = any(${sorted}::uuid[])
    order by id for update`.execute(ctx.db);
  return new Map(result.rows.map((r) => [r.id, r]));
}

/** A pair of customers of one exhibition sharing an e-mail or a phone, neither merged yet. */
export interface DuplicatePair {
  first: CustomerView;
  second: CustomerView;
  matches: Array<'email' | 'phone'>;
}

/**
 * Customers of an exhibition that look like the same person (same e-mail or phone), oldest first;
 * 404 for an exhibition that is not there.
 */
export async function findDuplicates(ctx: Ctx, exhibitionId: string): Promise<DuplicatePair[]> {
  await getExhibition(ctx, exhibitionId);
  const pairs = await sql<{ a: string; b: string; sameEmail: boolean; samePhone: boolean }>`
    select a.id as a, b.id as b, a.email = b.email and a.email <> '' as "sameEmail",
      a.phone = b.phone and a.phone <> '' as "samePhone"
    from exhibition_customer a
    join exhibition_customer b on b.org_id = a.org_id and b.exhibition_id = a.exhibition_id
      and (b.created_at, b.id) > (a.created_at, a.id)
      -- a blank e-mail or phone (a customer of the original system had none) matches no one
      and ((b.email = a.email and a.email <> '') or (b.phone = a.phone and a.phone <> ''))
    where a.org_id = ${ctx.orgId} and a.exhibition_id = ${exhibitionId}::uuid
      and a.merged_into_id is null and b.merged_into_id is null
    order by a.created_at, b.created_at limit 100`.execute(ctx.db);
  const out: DuplicatePair[] = [];
  for (const p of pairs.rows) {
    const matches: Array<'email' | 'phone'> = [];
    if (p.sameEmail) matches.push('email');
    if (p.samePhone) matches.push('phone');
    out.push({ first: await getCustomer(ctx, p.a), second: await getCustomer(ctx, p.b), matches });
  }
  return out;
}

/**
 * Merges a duplicate into the customer kept: the duplicate's bills (void ones too) move to the
 * kept customer and its tab is added to theirs, under both rows' locks, so a bill arriving at the
 * same time lands on one of them and is counted once. The duplicate stays, marked merged: its code
 * and QR pass then find the kept customer.
 */
export async function mergeCustomers(
  ctx: Ctx,
  rt: Pick<ExhibitionRuntime, 'publish'>,
  keptId: string,
  duplicateId: string,
): Promise<CustomerView> {
  if (keptId === duplicateId) throw ExhibitionErrors.merge_invalid({ reason: 'same_customer' });
  return inTransaction(ctx, async (tx) => {
    const locked = await lockCustomers(tx, [keptId, duplicateId]);
    const kept = locked.get(keptId);
    const duplicate = locked.get(duplicateId);
    if (!kept) throw ExhibitionErrors.customer_not_found({ id: keptId });
    if (!duplicate) throw ExhibitionErrors.customer_not_found({ id: duplicateId });
    for (const c of [kept, duplicate])
      if (c.mergedIntoId) throw ExhibitionErrors.customer_merged({ id: c.id, mergedIntoId: c.mergedIntoId });
    if (kept.exhibitionId !== duplicate.exhibitionId)
      throw ExhibitionErrors.merge_invalid({ reason: 'other_exhibition' });
    const before = { kept: await getCustomer(tx, keptId), duplicate: await getCustomer(tx, duplicateId) };
    const moved = await sql<{ id: string }>`
      update exhibition_bill set customer_id = ${keptId}::uuid
      where org_id = ${tx.orgId} and customer_id = ${duplicateId}::uuid returning id`.execute(tx.db);
    await sql`
      update exhibition_customer k set total_minor = k.total_minor + d.total_minor,
        bill_count = k.bill_count + d.bill_count
      from exhibition_customer d
      where k.org_id = ${tx.orgId} and k.id = ${keptId}::uuid and d.org_id = k.org_id and d.id = ${duplicateId}::uuid`.execute(
      tx.db,
    );
    await sql`
      update exhibition_customer set total_minor = 0, bill_count = 0, merged_into_id = ${keptId}::uuid,
        merged_at = ${tx.clock.now()}
      where org_id = ${tx.orgId} and id = ${duplicateId}::uuid`.execute(tx.db);
    const after = await getCustomer(tx, keptId);
    const movedBillIds = moved.rows.map((r) => r.id);
    await recordAudit(tx, {
      action: 'exhibition.customer.merged',
      subject: { type: 'exhibition_customer', id: keptId },
      before,
      after: { kept: after, duplicateId, movedBillIds },
    });
    await recordAudit(tx, {
      action: 'exhibition.customer.merged_away',
      subject: { type: 'exhibition_customer', id: duplicateId },
      before: before.duplicate,
      after: { mergedIntoId: keptId, movedBillIds },
    });
    // Both tabs changed (the kept one grew, the duplicate's went to zero) and both customers did.
    for (const id of [keptId, duplicateId]) {
      await rt.publish(tx, EXHIBITION_TOPICS.customers, id);
      await rt.publish(tx, EXHIBITION_TOPICS.bills, id);
    }
    return after;
  });
}
