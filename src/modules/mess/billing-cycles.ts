import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { sql } from '../../platform/db/index.ts';
import { type CycleSpec, checkCycle } from './cycles.rules.ts';
import { CYCLE_FEE } from './fee-payments.ts';
import { MessErrors } from './mess.errors.ts';
import type { MessTables } from './mess.tables.ts';

const db = (ctx: Ctx) => ctx.db.withTables<MessTables>();
const subject = (id: string) => ({ type: 'mess_cycle', id });

/**
 * The other cycles of the organization, read under the organization's row lock: cycle writes of
 * one organization take turns, so two cycles saved at once cannot both pass the overlap check.
 */
async function otherCyclesLocked(tx: Ctx, exceptId?: string) {
  await getOrganization(tx, { forUpdate: true });
  let query = db(tx).selectFrom('mess_cycle').select(['name', 'from_date as from', 'to_date as to']);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return query.execute();
}

/** Opens a billing cycle with its fee and per-day rebate for mess cuts; it overlaps no other. */
export async function createCycle(ctx: Ctx, input: CycleSpec): Promise<{ id: string }> {
  return inTransaction(ctx, async (tx) => {
    checkCycle({ next: input, others: await otherCyclesLocked(tx) });
    const row = await db(tx)
      .insertInto('mess_cycle')
      .values({
        name: input.name,
        from_date: input.from,
        to_date: input.to,
        fee_minor: input.feeMinor,
        rebate_per_day_minor: input.rebatePerDayMinor,
        currency: input.currency,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, { action: 'mess.cycle.created', subject: subject(row.id), after: input });
    return row;
  });
}

/**
 * Changes a billing cycle. Its days may not come to overlap another cycle, and once a payment was
 * made toward it the dues it billed (days, fee, rebate, currency) stay: only the name changes then
 * (`cycles.rules.ts`). Audited with the fields that changed.
 */
export async function updateCycle(ctx: Ctx, id: string, changes: Partial<CycleSpec>): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const others = await otherCyclesLocked(tx, id);
    const row = await db(tx)
      .selectFrom('mess_cycle')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw MessErrors.cycle_not_found({ id });
    const before: CycleSpec = {
      name: row.name,
      from: row.from_date,
      to: row.to_date,
      feeMinor: Number(row.fee_minor),
      rebatePerDayMinor: Number(row.rebate_per_day_minor),
      currency: row.currency,
    };
    const next: CycleSpec = { ...before, ...definedOnly(changes) };
    checkCycle({ next, before, billed: await isBilled(tx, id), others });
    await db(tx)
      .updateTable('mess_cycle')
      .set({
        name: next.name,
        from_date: next.from,
        to_date: next.to,
        fee_minor: next.feeMinor,
        rebate_per_day_minor: next.rebatePerDayMinor,
        currency: next.currency,
      })
      .where('id', '=', id)
      .execute();
    const changed = (Object.keys(next) as Array<keyof CycleSpec>).filter((k) => next[k] !== before[k]);
    if (!changed.length) return;
    await recordAudit(tx, {
      action: 'mess.cycle.updated',
      subject: subject(id),
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, next[k]])),
    });
  });
}

const definedOnly = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * Whether students were billed at this cycle's terms: any payment toward its fee, in any state
 * (a proof waiting for review was sent for the amount due then). Purpose ids are `<student>:<cycle>`;
 * raw SQL is not scoped by the data layer, so the organization is named here.
 */
async function isBilled(tx: Ctx, cycleId: string): Promise<boolean> {
  const { rows } = await sql<{ billed: boolean }>`
    select exists (
      select 1 from v_payments_payment
      where org_id = ${tx.orgId} and purpose_type = ${CYCLE_FEE} and purpose_id like ${`%:${cycleId}`}
    ) as billed`.execute(tx.db);
  return rows[0]?.billed ?? false;
}
