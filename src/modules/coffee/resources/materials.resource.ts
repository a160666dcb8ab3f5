import { z } from 'zod';
import { recordAudit } from '../../../core/audit/index.ts';
import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { isUniqueViolation } from '../../../platform/errors/index.ts';
import { CoffeeErrors } from '../coffee.errors.ts';
import type { CoffeeTables } from '../coffee.tables.ts';
import { f } from './field-label.ts';

/** Ingredients the bins hold, with a CSV import. */
export const materialsResource: ResourceDefinition = defineResource({
  name: 'coffee.materials',
  label: 'coffee.menu.materials',
  path: '/api/coffee/console/materials',
  table: 'coffee_material',
  idColumn: 'id',
  permission: { read: 'coffee.device.read', import: 'coffee.device.manage' },
  auditSubject: 'coffee_material',
  columns: [
    { name: 'id', type: 'id', label: f('id'), defaultVisible: false },
    { name: 'code', type: 'text', label: f('code'), sortable: true, searchable: true, filter: 'eq' },
    { name: 'name', type: 'text', label: f('name'), sortable: true, searchable: true },
    { name: 'unit', type: 'enum', label: f('unit'), filter: 'enum', options: ['g', 'ml', 'pcs'] },
    { name: 'enabled', type: 'boolean', label: f('enabled'), filter: 'boolean' },
  ],
  defaultSort: { column: 'code', order: 'asc' },
  titleColumn: 'name',
  import: {
    columns: [
      { name: 'code', required: true, schema: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/) },
      { name: 'name', required: true, schema: z.string().min(1).max(200) },
      { name: 'unit', required: false, schema: z.enum(['g', 'ml', 'pcs']).optional() },
    ],
    createRow: async (ctx, row) => {
      const r = row as { code: string; name: string; unit?: string };
      const created = await ctx.db
        .withTables<CoffeeTables>()
        .insertInto('coffee_material')
        .values({ code: r.code, name: r.name, unit: r.unit ?? 'g' })
        .returning('id')
        .executeTakeFirstOrThrow()
        .catch((err) => {
          if (isUniqueViolation(err)) throw CoffeeErrors.material_exists({ code: r.code });
          throw err;
        });
      await recordAudit(ctx, {
        action: 'coffee.material.imported',
        subject: { type: 'coffee_material', id: created.id },
        after: r,
      });
    },
  },
});
