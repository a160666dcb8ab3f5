import { recordAudit } from '../../core/audit/index.ts';
import { listMembers } from '../../core/auth/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { ExhibitionErrors } from './exhibition.errors.ts';
import type { ExhibitionTables } from './exhibition.tables.ts';
import { getBooth } from './exhibitions.ts';

/** A staff member who bills at a booth (on the booth page, scanner/booth.html). */
export interface BoothStaffView {
  userId: string;
  name: string;
  email: string;
  role: string;
}

const tables = (ctx: Ctx) => ctx.db.withTables<ExhibitionTables>();

/** Assigns an active staff member of the organization to a booth, where they may then bill. */
export async function assignBoothStaff(ctx: Ctx, boothId: string, userId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await getBooth(tx, boothId);
    const member = (await listMembers(tx)).find((m) => m.id === userId && m.state === 'active');
    if (!member) throw ExhibitionErrors.booth_staff_not_member({ userId });
    const added = await tables(tx)
      .insertInto('exhibition_booth_staff')
      .values({ booth_id: boothId, user_id: userId })
      .onConflict((oc) => oc.columns(['org_id', 'booth_id', 'user_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    if (added)
      await recordAudit(tx, {
        action: 'exhibition.booth.staff_assigned',
        subject: { type: 'exhibition_booth', id: boothId },
        after: { userId, name: member.name },
      });
  });
}

/** Takes a staff member off a booth (they may no longer bill there); nothing happens if they were not on it. */
export async function unassignBoothStaff(ctx: Ctx, boothId: string, userId: string): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await getBooth(tx, boothId);
    const removed = await tables(tx)
      .deleteFrom('exhibition_booth_staff')
      .where('booth_id', '=', boothId)
      .where('user_id', '=', userId)
      .returning('user_id')
      .executeTakeFirst();
    if (removed)
      await recordAudit(tx, {
        action: 'exhibition.booth.staff_unassigned',
        subject: { type: 'exhibition_booth', id: boothId },
        before: { userId },
      });
  });
}

/** The staff of a booth, by name. */
export async function listBoothStaff(ctx: Ctx, boothId: string): Promise<BoothStaffView[]> {
  await getBooth(ctx, boothId);
  const rows = await tables(ctx)
    .selectFrom('exhibition_booth_staff')
    .select('user_id')
    .where('booth_id', '=', boothId)
    .execute();
  const assigned = new Set(rows.map((r) => r.user_id));
  return (await listMembers(ctx))
    .filter((m) => assigned.has(m.id))
    .map((m) => ({ userId: m.id, name: m.name, email: m.email, role: m.role }));
}

/** The organization's active staff, by name: who may be put at a booth. */
export async function boothStaffCandidates(ctx: Ctx): Promise<BoothStaffView[]> {
  return (await listMembers(ctx))
    .filter((m) => m.state === 'active')
    .map((m) => ({ userId: m.id, name: m.name, email: m.email, role: m.role }));
}

/** Whether a staff member is assigned to a booth. */
export async function isAssignedToBooth(ctx: Ctx, boothId: string, userId: string): Promise<boolean> {
  const row = await tables(ctx)
    .selectFrom('exhibition_booth_staff')
    .select('user_id')
    .where('booth_id', '=', boothId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}
