import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { newPackageSchema } from '../recipe.schema.ts';
import { createRecipePackage } from '../rollouts.ts';
import { f } from './field-label.ts';

/**
 * Recipe packages, versioned and checksummed. Its Create opens the recipe editor (the console's
 * `/coffee.packages/create` page, issue 41, item 16): a package's recipes are rows of steps and
 * materials, more than generic form fields can say; the create route takes the editor's body.
 */
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
    // the page says its version once, as its title's "v1" (issue 54, item 19: "Version v1" and "Version 1")
    {
      name: 'version',
      type: 'number',
      label: f('version'),
      sortable: true,
      defaultVisible: false,
      recordPage: false,
    },
    {
      // what the package holds, by the recipes' names (a package read as a count alone said nothing)
      name: 'recipeNames',
      sql: `(select string_agg(r.value->>'name', ', ' order by r.ordinality)
               from jsonb_array_elements(coffee_recipe_package.recipes) with ordinality r)`,
      type: 'text',
      label: f('recipeNames'),
    },
    {
      name: 'recipes',
      sql: 'jsonb_array_length(coffee_recipe_package.recipes)',
      type: 'number',
      label: f('recipeCount'),
      defaultVisible: false,
    },
    { name: 'checksum', type: 'text', label: f('checksum') },
    { name: 'createdAt', type: 'datetime', label: f('createdAt'), sortable: true },
  ],
  defaultSort: { column: 'version', order: 'desc' },
  form: {
    fields: [],
    create: {
      permission: 'coffee.recipe.manage',
      input: newPackageSchema,
      run: async (ctx, input) => ({
        id: (await createRecipePackage(ctx, newPackageSchema.parse(input).recipes)).id,
      }),
    },
  },
});
