import { z } from 'zod';
import { recordAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import { isUniqueViolation } from '../../platform/errors/index.ts';
import { CoffeeErrors } from './coffee.errors.ts';
import type { CoffeeTables } from './coffee.tables.ts';

const coffee = (ctx: Ctx) => ctx.db.withTables<CoffeeTables>();

export const MATERIAL_UNITS = ['g', 'ml', 'pcs'] as const;
export const newMaterial = z.object({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
  name: z.string().trim().min(1).max(200),
  unit: z.enum(MATERIAL_UNITS).optional(),
});
/** The code is what machines report: it never changes once bins use it. */
export const materialChanges = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  unit: z.enum(MATERIAL_UNITS).optional(),
  enabled: z.boolean().optional(),
});

/** A material of the catalog (typed in the console or imported from CSV); the code is unique. */
export async function createMaterial(
  ctx: Ctx,
  input: z.infer<typeof newMaterial>,
  { imported = false }: { imported?: boolean } = {},
) {
  const row = await coffee(ctx)
    .insertInto('coffee_material')
    .values({ code: input.code, name: input.name, unit: input.unit ?? 'g' })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch((err) => {
      if (isUniqueViolation(err)) throw CoffeeErrors.material_exists({ code: input.code });
      throw err;
    });
  await recordAudit(ctx, {
    action: imported ? 'coffee.material.imported' : 'coffee.material.created',
    subject: { type: 'coffee_material', id: row.id },
    after: input,
  });
  return row;
}

/** Renames a material, changes its unit, or disables it. */
export async function updateMaterial(ctx: Ctx, id: string, changes: z.infer<typeof materialChanges>) {
  const before = await coffee(ctx)
    .selectFrom('coffee_material')
    .select(['name', 'unit', 'enabled'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw CoffeeErrors.material_not_found({ id });
  await coffee(ctx).updateTable('coffee_material').set(changes).where('id', '=', id).execute();
  await recordAudit(ctx, {
    action: 'coffee.material.updated',
    subject: { type: 'coffee_material', id },
    before,
    after: { ...before, ...changes },
  });
}
