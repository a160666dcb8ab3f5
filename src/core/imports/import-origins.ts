import type { Ctx } from '../context/index.ts';
import type { ImportsTables } from './imports.tables.ts';

const origins = (ctx: Ctx) => ctx.db.withTables<ImportsTables>();

/** What earlier runs of a module's import brought over in this organization: model → pk → target id. */
export async function loadOrigins(ctx: Ctx, module: string): Promise<Map<string, Map<string, string>>> {
  const rows = await origins(ctx)
    .selectFrom('import_origin')
    .select(['source_model', 'source_pk', 'target_id'])
    .where('module', '=', module)
    .execute();
  const out = new Map<string, Map<string, string>>();
  for (const r of rows) {
    const byPk = out.get(r.source_model) ?? new Map<string, string>();
    out.set(r.source_model, byPk);
    byPk.set(r.source_pk, r.target_id);
  }
  return out;
}

/** Remembers what records became, in the transaction that wrote them (one multi-row insert). */
export async function saveOrigins(
  tx: Ctx,
  module: string,
  model: string,
  written: ReadonlyArray<{ pk: string; id: string }>,
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
        imported_at: now,
      })),
    )
    .execute();
}
