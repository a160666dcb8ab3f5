import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { ExhibitionErrors } from './exhibition.errors.ts';
import { checkExhibitionSettings } from './exhibition.rules.ts';
import type { ExhibitionTables } from './exhibition.tables.ts';
import { type BoothView, type ExhibitionView, getBooth, getExhibition } from './exhibitions.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<ExhibitionTables>();

/** What an edit may change; the currency stays (bills were written in it). */
export interface ExhibitionChanges {
  name?: string;
  venue?: string;
  startsOn?: string;
  endsOn?: string;
  timeZone?: string;
  confirmAboveMinor?: number;
}

/** Edits an exhibition's name, venue, dates, time zone or bill confirmation limit, under its row lock; audited before/after. */
export async function updateExhibition(
  ctx: Ctx,
  id: string,
  changes: ExhibitionChanges,
): Promise<ExhibitionView> {
  return inTransaction(ctx, async (tx) => {
    await tables(tx)
      .selectFrom('exhibition_exhibition')
      .select('id')
      .where('id', '=', id)
      .forUpdate()
      .execute();
    const before = await getExhibition(tx, id);
    const next = { ...before, ...definedOnly(changes) };
    const problems = checkExhibitionSettings(next);
    if (problems.length)
      throw ExhibitionErrors.exhibition_invalid(
        { problems },
        { fields: problems.map((p) => ({ field: `body.${p.field}`, message: p.message, code: 'invalid' })) },
      );
    await tables(tx)
      .updateTable('exhibition_exhibition')
      .set({
        name: next.name,
        venue: next.venue,
        starts_on: next.startsOn,
        ends_on: next.endsOn,
        time_zone: next.timeZone,
        confirm_above_minor: next.confirmAboveMinor,
      })
      .where('id', '=', id)
      .execute();
    const after = await getExhibition(tx, id);
    await recordAudit(tx, {
      action: 'exhibition.exhibition.updated',
      subject: { type: 'exhibition_exhibition', id },
      before,
      after,
    });
    return after;
  });
}

/**
 * Closes an exhibition: from then on it takes no new bills and no new registrations (customers,
 * bills and statements stay). The guarded UPDATE closes it once; a second close is refused.
 */
export async function closeExhibition(ctx: Ctx, id: string): Promise<ExhibitionView> {
  return inTransaction(ctx, async (tx) => {
    const closed = await tables(tx)
      .updateTable('exhibition_exhibition')
      .set({ closed_at: tx.clock.now() })
      .where('id', '=', id)
      .where('closed_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    const after = await getExhibition(tx, id);
    if (!closed) throw ExhibitionErrors.exhibition_closed({ id });
    await recordAudit(tx, {
      action: 'exhibition.exhibition.closed',
      subject: { type: 'exhibition_exhibition', id },
      after: { closedAt: after.closedAt },
    });
    return after;
  });
}

/** Renames a booth; a name another booth of the exhibition has is refused (the unique index decides). */
export async function renameBooth(ctx: Ctx, id: string, input: { name: string }): Promise<BoothView> {
  return inTransaction(ctx, async (tx) => {
    const before = await getBooth(tx, id);
    if (before.name === input.name) return before;
    try {
      await tables(tx)
        .updateTable('exhibition_booth')
        .set({ name: input.name })
        .where('id', '=', id)
        .execute();
    } catch (err) {
      if ((err as { code?: string }).code === '23505')
        throw ExhibitionErrors.booth_name_taken({ name: input.name });
      throw err;
    }
    const after = await getBooth(tx, id);
    await recordAudit(tx, {
      action: 'exhibition.booth.renamed',
      subject: { type: 'exhibition_booth', id },
      before: { name: before.name },
      after: { name: after.name },
    });
    return after;
  });
}

function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<T>;
}
