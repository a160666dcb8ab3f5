import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { f } from './field-label.ts';

/** Recipe packages, versioned and checksummed. */
export const packagesResource: ResourceDefinition = defineResource({
  name: 'coffee.packages',
  label: 'coffee.menu.packages',
  path: '/api/coffee/console/packages',
  table: 'coffee_recipe_package',
  idColumn: 'id',
  permission: { read: 'coffee.recipe.read' },
  auditSubject: 'coffee_recipe_package',
  titleColumn: 'label',
  columns: [
    { name: 'id', type: 'id', label: f('id'), defaultVisible: false },
    { name: 'label', sql: `'v' || coffee_recipe_package.version`, type: 'text', label: f('version') },
    { name: 'version', type: 'number', label: f('version'), sortable: true, defaultVisible: false },
    {
      name: 'recipes',
      sql: 'jsonb_array_length(coffee_recipe_package.recipes)',
      type: 'number',
      label: f('recipes'),
    },
    { name: 'checksum', type: 'text', label: f('checksum') },
    { name: 'createdAt', type: 'datetime', label: f('createdAt'), sortable: true },
  ],
  defaultSort: { column: 'version', order: 'desc' },
});
