import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import {
  createMaterial,
  MATERIAL_UNITS,
  materialChanges,
  newMaterial,
  updateMaterial,
} from '../materials.ts';
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
  form: {
    fields: [
      { name: 'code', type: 'text', label: f('code'), required: true, maxLength: 40, on: 'create' },
      { name: 'name', type: 'text', label: f('name'), required: true, maxLength: 200 },
      { name: 'unit', type: 'enum', label: f('unit'), options: MATERIAL_UNITS },
      { name: 'enabled', type: 'boolean', label: f('enabled'), on: 'edit' },
    ],
    create: {
      permission: 'coffee.device.manage',
      input: newMaterial,
      run: (ctx, input) => createMaterial(ctx, newMaterial.parse(input)),
    },
    update: {
      permission: 'coffee.device.manage',
      input: materialChanges,
      run: (ctx, id, input) => updateMaterial(ctx, id, materialChanges.parse(input)),
    },
  },
  import: {
    columns: [
      { name: 'code', required: true, schema: newMaterial.shape.code },
      { name: 'name', required: true, schema: newMaterial.shape.name },
      { name: 'unit', required: false, schema: newMaterial.shape.unit },
    ],
    createRow: async (ctx, row) =>
      void (await createMaterial(ctx, newMaterial.parse(row), { imported: true })),
  },
});
