import { createHash } from 'node:crypto';
import type { Ctx } from '../context/index.ts';
import type { ImportsTables } from './imports.tables.ts';
import type { SourceRecord } from './imports.types.ts';

const origins = (ctx: Ctx) => ctx.db.withTables<ImportsTables>();

/** What a record became when it last came over: its target and the hash of its fields then. */
export interface Origin {
  id: string;
  hash: string | null;
}

/** What earlier runs of a module's import brought over in this organization: model → pk → origin. */
export async function loadOrigins(ctx: Ctx, module: string): Promise<Map<string, Map<string, Origin>>> {
  const rows = await origins(ctx)
    .selectFrom('import_origin')
    .select(['source_model', 'source_pk', 'target_id', 'row_hash'])
    .where('module', '=', module)
    .execute();
  const out = new Map<string, Map<string, Origin>>();
  for (const r of rows) {
    const byPk = out.get(r.source_model) ?? new Map<string, Origin>();
    out.set(r.source_model, byPk);
    byPk.set(r.source_pk, { id: r.target_id, hash: r.row_hash });
  }
  return out;
}

/**
 * Remembers what records became and the hash of their fields, in the transaction that wrote them (one
 * multi-row statement): new records are inserted, records brought again keep their target and take
 * the new hash.
 */
export async function saveOrigins(
  tx: Ctx,
  module: string,
  model: string,
  written: ReadonlyArray<{ pk: string; id: string; hash: string }>,
): Promise<void> {
  if (written.length === 0) return;
  const now = tx.clock.now();
  await origins(tx)
    .insertInto('import_origin')
    .values(
      written.map((w) => ({
        module,
        source_model: model,
        source_pk: w.pk,
        target_id: w.id,
        row_hash: w.hash,
        imported_at: now,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['org_id', 'module', 'source_model', 'source_pk'])
        .doUpdateSet((eb) => ({ row_hash: eb.ref('excluded.row_hash') })),
    )
    .execute();
}

/**
 * The hash a record is compared by on the next run: its fields' JSON with keys in order (moments as
 * ISO text to the millisecond however the source wrote them, numbers as their text). Fields the model
 * calls volatile (a timestamp the original touches on every save) are left out: their change alone
 * is no change. The fields as the original holds them, not the row the mapping
 * made (which may hold what the import generates, a meter's new key): a record is brought again
 * when the original changed it, and only then.
 */
export function recordHash(record: SourceRecord, volatile: ReadonlyArray<string> = []): string {
  const compared = volatile.length
    ? Object.fromEntries(Object.entries(record.fields).filter(([name]) => !volatile.includes(name)))
    : record.fields;
  return createHash('sha256').update(stableJson(compared)).digest('base64url').slice(0, 22);
}

/** A date and time as dumpdata (`2026-11-20T10:00:00.123Z`) or the database (`2026-11-20 10:00:00`) writes it. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

/** The same moment written the same way, whichever source read it (a zone-less time is UTC, as the readers take it). */
function sameMoment(text: string): string {
  const iso = text.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00');
  const at = new Date(/(Z|[+-]\d{2}(:?\d{2})?)$/.test(iso) ? iso : `${iso}Z`);
  return Number.isNaN(at.getTime()) ? text : at.toISOString();
}

function stableJson(value: unknown): string {
  // An empty cell (CSV) and an empty text (dumpdata) are one blank.
  if (value === undefined || value === '') return 'null';
  if (typeof value === 'string' && DATE_TIME.test(value)) return JSON.stringify(sameMoment(value));
  // A number and its text are one value: dumpdata's foreign key `2`, the database's `'2'`.
  if (typeof value === 'number' || typeof value === 'bigint') return JSON.stringify(String(value));
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

/**
 * What a record of the original became in Opsdesk (`coffee.merchant` 3 → its merchant's id): for a
 * module's compatibility paths, where scripts and firmware written against the original name its ids.
 */
export async function importedTargetOf(
  ctx: Ctx,
  module: string,
  model: string,
  sourcePk: string,
): Promise<string | undefined> {
  const found = await origins(ctx)
    .selectFrom('import_origin')
    .select('target_id')
    .where('module', '=', module)
    .where('source_model', '=', model)
    .where('source_pk', '=', sourcePk)
    .executeTakeFirst();
  return found?.target_id;
}

/** The original's keys of records an import brought over, by what they became (absent: not imported). */
export async function importedSourcesOf(
  ctx: Ctx,
  module: string,
  model: string,
  targetIds: ReadonlyArray<string>,
): Promise<Map<string, string>> {
  if (targetIds.length === 0) return new Map();
  const rows = await origins(ctx)
    .selectFrom('import_origin')
    .select(['target_id', 'source_pk'])
    .where('module', '=', module)
    .where('source_model', '=', model)
    .where('target_id', 'in', [...new Set(targetIds)])
    .execute();
  return new Map(rows.map((r) => [r.target_id, r.source_pk]));
}
