import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { getOrganization, updateOrganization } from '../../core/orgs/index.ts';
import { withLegacySecret } from './legacy-passes.ts';
import { messSettingsSchema } from './mess.contract.ts';
import { MessErrors } from './mess.errors.ts';
import type { MessRuntime } from './mess.runtime.ts';
import type { MessSettings } from './mess.settings.ts';
import type { MessTables } from './mess.tables.ts';
import { proveSheetOwnership } from './sheet-ownership.ts';

const db = (ctx: Ctx) => ctx.db.withTables<MessTables>();

/** Merges a change into `organization.settings.mess` (audited by the orgs area). */
export async function updateMessSettings(ctx: Ctx, patch: Partial<MessSettings>): Promise<MessSettings> {
  return inTransaction(ctx, async (tx) => {
    const org = await getOrganization(tx, { forUpdate: true });
    const next = messSettingsSchema.parse({ ...((org.settings.mess as object | undefined) ?? {}), ...patch });
    await updateOrganization(tx, { settings: { mess: withLegacySecret(org.settings.mess, next) } });
    return next;
  });
}

/**
 * A manager's change of the mess settings: a backup spreadsheet is accepted only once the
 * organization proved it edits it (its code read back from the sheet), so the deployment's shared
 * Google account never appends one organization's rows to someone else's spreadsheet.
 */
export async function changeMessSettings(
  ctx: Ctx,
  rt: Pick<MessRuntime, 'backupSink' | 'config' | 'secretKey'>,
  patch: Partial<MessSettings>,
): Promise<MessSettings> {
  if (patch.sheetsSpreadsheetId) await proveSheetOwnership(ctx, rt, patch.sheetsSpreadsheetId);
  return updateMessSettings(ctx, patch);
}

export interface MealInput {
  name: string;
  start: string;
  end: string;
  weekdays: number[];
  position?: number;
}

/** Adds a meal window (end after start, same day). */
export async function createMeal(ctx: Ctx, input: MealInput): Promise<{ id: string }> {
  if (input.end <= input.start) throw MessErrors.meal_invalid({ start: input.start, end: input.end });
  return inTransaction(ctx, async (tx) => {
    const row = await db(tx)
      .insertInto('mess_meal')
      .values({
        name: input.name,
        start_time: input.start,
        end_time: input.end,
        weekdays: [...new Set(input.weekdays)].sort(),
        position: input.position ?? 0,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      action: 'mess.meal.created',
      subject: { type: 'mess_meal', id: row.id },
      after: input,
    });
    return row;
  });
}

/** Renames a meal or moves its window; audited with what changed. */
export async function updateMeal(
  ctx: Ctx,
  id: string,
  changes: Partial<Omit<MealInput, 'weekdays'>>,
): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const before = await db(tx)
      .selectFrom('mess_meal')
      .select(['name', 'start_time', 'end_time', 'position'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw MessErrors.meal_not_found({ id });
    const start = changes.start ?? before.start_time;
    const end = changes.end ?? before.end_time;
    if (end <= start) throw MessErrors.meal_invalid({ start, end });
    await db(tx)
      .updateTable('mess_meal')
      .set({
        name: changes.name ?? before.name,
        start_time: start,
        end_time: end,
        position: changes.position ?? before.position,
      })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, {
      action: 'mess.meal.updated',
      subject: { type: 'mess_meal', id },
      before: {
        name: before.name,
        start: before.start_time,
        end: before.end_time,
        position: before.position,
      },
      after: { name: changes.name ?? before.name, start, end, position: changes.position ?? before.position },
    });
  });
}

/**
 * Closes the mess on a date, for every meal or some. No meal named, or every meal the mess serves
 * that weekday, is a whole-day closure (`meal_ids` null): the day is rebated in every student's dues.
 */
export async function createClosure(
  ctx: Ctx,
  input: { date: string; mealIds: string[] | null; reason?: string },
): Promise<{ id: string }> {
  return inTransaction(ctx, async (tx) => {
    const served = (await db(tx).selectFrom('mess_meal').select(['id', 'weekdays']).execute())
      .filter((m) => m.weekdays.includes(isoWeekday(input.date)))
      .map((m) => m.id);
    const mealIds = wholeDay(input.mealIds, served) ? null : input.mealIds;
    const row = await db(tx)
      .insertInto('mess_closure')
      .values({ date: input.date, meal_ids: mealIds, reason: input.reason ?? '' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      action: 'mess.closure.created',
      subject: { type: 'mess_closure', id: row.id },
      after: { ...input, mealIds },
    });
    return row;
  });
}

/** 1 (Monday) … 7 (Sunday) of a calendar day, as meals name their weekdays. */
const isoWeekday = (date: string) => ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** Whether the meals named close the whole day: none named, or every meal served that day. */
function wholeDay(named: ReadonlyArray<string> | null, served: ReadonlyArray<string>): boolean {
  if (named === null || named.length === 0) return true;
  return served.length > 0 && served.every((id) => named.includes(id));
}
