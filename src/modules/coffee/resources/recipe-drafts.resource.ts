import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { f } from './field-label.ts';

/**
 * Recipes of the original that machines cannot run as they are (issue 51): what the import brought
 * as drafts, each with why in words, for a person to finish as a package in the recipe editor. A
 * draft a later import could run shows the package it became.
 */
export const recipeDraftsResource: ResourceDefinition = defineResource({
  name: 'coffee.recipe_drafts',
  label: 'coffee.menu.recipeDrafts',
  path: '/api/coffee/console/recipe-drafts',
  table: 'coffee_recipe_draft',
  idColumn: 'id',
  permission: { read: 'coffee.recipe.read' },
  auditSubject: 'coffee_recipe_draft',
  titleColumn: 'name',
  columns: [
    { name: 'id', type: 'id', label: f('id'), defaultVisible: false },
    { name: 'name', type: 'text', label: f('name'), searchable: true, sortable: true },
    { name: 'version', type: 'text', label: f('version') },
    { name: 'draftReason', column: 'reason', type: 'text', label: f('draftReason') },
    {
      name: 'becamePackage',
      sql: `(select 'v' || p.version from coffee_recipe_package p where p.id = coffee_recipe_draft.package_id)`,
      type: 'text',
      label: f('becamePackage'),
    },
    { name: 'createdAt', type: 'datetime', label: f('createdAt'), sortable: true },
    { name: 'updatedAt', type: 'datetime', label: f('updatedAt'), sortable: true, defaultVisible: false },
  ],
  defaultSort: { column: 'createdAt', order: 'desc' },
});
