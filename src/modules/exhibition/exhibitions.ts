import { recordAudit } from '../../core/audit/index.ts';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { currencyExponent, isCurrencyCode } from '../../core/money/index.ts';
import { getOrganization } from '../../core/orgs/index.ts';
import { sql } from '../../platform/db/index.ts';
import { ExhibitionErrors } from './exhibition.errors.ts';
import { checkExhibitionSettings } from './exhibition.rules.ts';
import type { ExhibitionTables } from './exhibition.tables.ts';

export interface ExhibitionView {
  id: string;
  name: string;
  venue: string;
  currency: string;
  timeZone: string;
  startsOn: string;
  endsOn: string;
  /** When it was closed (no new bills or registrations since), or null while open. */
  closedAt: Date | null;
  /** Bills above this amount (minor units) need the biller's confirmation. */
  confirmAboveMinor: number;
  createdAt: Date;
}

/** What a new exhibition asks before a bill: 1,000 in its currency's major units (1000.00 USD, 1000 JPY). */
export const defaultConfirmAboveMinor = (currency: string): number =>
  1000 * 10 ** (isCurrencyCode(currency) ? currencyExponent(currency) : 2);

export interface BoothView {
  id: string;
  exhibitionId: string;
  name: string;
  createdAt: Date;
}

const tables = (ctx: Ctx) => ctx.db.withTables<ExhibitionTables>();

/** Creates an exhibition; the time zone defaults to the organization's. */
export async function createExhibition(
  ctx: Ctx,
  input: {
    name: string;
    currency: string;
    startsOn: string;
    endsOn: string;
    venue?: string;
    timeZone?: string;
    confirmAboveMinor?: number;
  },
): Promise<ExhibitionView> {
  const timeZone = input.timeZone ?? (await getOrganization(ctx)).timeZone;
  const currency = input.currency.toUpperCase();
  const problems = checkExhibitionSettings({ ...input, currency, timeZone });
  if (problems.length)
    throw ExhibitionErrors.exhibition_invalid(
      { problems },
      { fields: problems.map((p) => ({ field: `body.${p.field}`, message: p.message, code: 'invalid' })) },
    );
  return inTransaction(ctx, async (tx) => {
    const row = await tables(tx)
      .insertInto('exhibition_exhibition')
      .values({
        name: input.name,
        venue: input.venue ?? '',
        currency,
        time_zone: timeZone,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        confirm_above_minor: input.confirmAboveMinor ?? defaultConfirmAboveMinor(currency),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const view = await getExhibition(tx, row.id);
    await recordAudit(tx, {
      action: 'exhibition.exhibition.created',
      subject: { type: 'exhibition_exhibition', id: row.id },
      after: view,
    });
    return view;
  });
}

/** One exhibition, or `exhibition_not_found`. */
export async function getExhibition(ctx: Ctx, id: string): Promise<ExhibitionView> {
  const row = await exhibitionQuery(ctx, id).executeTakeFirst();
  if (!row) throw ExhibitionErrors.exhibition_not_found({ id });
  return { ...row, confirmAboveMinor: Number(row.confirmAboveMinor) };
}

const exhibitionQuery = (ctx: Ctx, id: string) =>
  tables(ctx)
    .selectFrom('exhibition_exhibition')
    .select([
      'id',
      'name',
      'venue',
      'currency',
      'time_zone as timeZone',
      sql<string>`to_char(starts_on, 'YYYY-MM-DD')`.as('startsOn'),
      sql<string>`to_char(ends_on, 'YYYY-MM-DD')`.as('endsOn'),
      'closed_at as closedAt',
      'confirm_above_minor as confirmAboveMinor',
      'created_at as createdAt',
    ])
    .where('id', '=', id);

/** Exhibitions, latest first. */
export async function listExhibitions(ctx: Ctx): Promise<ExhibitionView[]> {
  const rows = await tables(ctx)
    .selectFrom('exhibition_exhibition')
    .select('id')
    .orderBy('starts_on', 'desc')
    .limit(200)
    .execute();
  return Promise.all(rows.map((r) => getExhibition(ctx, r.id)));
}

/** Adds a booth to an exhibition; a second booth of the same name is refused. */
export async function createBooth(
  ctx: Ctx,
  exhibitionId: string,
  input: { name: string },
): Promise<BoothView> {
  return inTransaction(ctx, async (tx) => {
    await getExhibition(tx, exhibitionId);
    const row = await tables(tx)
      .insertInto('exhibition_booth')
      .values({ exhibition_id: exhibitionId, name: input.name })
      .onConflict((oc) => oc.columns(['org_id', 'exhibition_id', 'name']).doNothing())
      .returning(['id', 'exhibition_id as exhibitionId', 'name', 'created_at as createdAt'])
      .executeTakeFirst();
    if (!row) throw ExhibitionErrors.booth_name_taken({ name: input.name });
    await recordAudit(tx, {
      action: 'exhibition.booth.created',
      subject: { type: 'exhibition_booth', id: row.id },
      after: row,
    });
    return row;
  });
}

/** One booth, or `booth_not_found`. */
export async function getBooth(ctx: Ctx, id: string): Promise<BoothView> {
  const row = await tables(ctx)
    .selectFrom('exhibition_booth')
    .select(['id', 'exhibition_id as exhibitionId', 'name', 'created_at as createdAt'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw ExhibitionErrors.booth_not_found({ id });
  return row;
}

/** The booths of an exhibition, by name. */
export async function listBooths(ctx: Ctx, exhibitionId: string): Promise<BoothView[]> {
  await getExhibition(ctx, exhibitionId);
  return tables(ctx)
    .selectFrom('exhibition_booth')
    .select(['id', 'exhibition_id as exhibitionId', 'name', 'created_at as createdAt'])
    .where('exhibition_id', '=', exhibitionId)
    .orderBy('name')
    .execute();
}

/**
 * An exhibition that still takes bills and registrations, its row share-locked until the caller's
 * transaction ends: a close waits for bills in flight, and a bill after the close is refused.
 */
export async function lockOpenExhibition(tx: Ctx, id: string): Promise<ExhibitionView> {
  // One statement (issue 43): the row share-locked and read whole.
  const row = await exhibitionQuery(tx, id).forShare().executeTakeFirst();
  if (!row) throw ExhibitionErrors.exhibition_not_found({ id });
  if (row.closedAt) throw ExhibitionErrors.exhibition_closed({ id });
  return { ...row, confirmAboveMinor: Number(row.confirmAboveMinor) };
}
