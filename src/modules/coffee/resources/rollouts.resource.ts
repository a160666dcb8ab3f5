import { z } from 'zod';
import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { tag } from '../coffee.contract.ts';
import type { CoffeeRuntime } from '../coffee.runtime.ts';
import { startRollout } from '../rollouts.ts';
import { f } from './field-label.ts';

const rolloutForm = z.object({
  packageId: z.string().uuid(),
  tag,
  canaryPercent: z.number().int().min(1).max(100),
  abortAtFailurePercent: z.number().int().min(1).max(100),
});

/** Recipe rollouts to a tag of machines, canary first; a rollout's page reviews, resumes and rolls it back. */
export function rolloutsResource(rt: CoffeeRuntime): ResourceDefinition {
  return defineResource({
    name: 'coffee.rollouts',
    label: 'coffee.menu.rollouts',
    path: '/api/coffee/console/rollouts',
    table: 'coffee_rollout',
    idColumn: 'id',
    permission: { read: 'coffee.recipe.read' },
    auditSubject: 'coffee_rollout',
    titleColumn: 'tag',
    joins: [
      { table: 'coffee_recipe_package', on: ['coffee_recipe_package.id', 'coffee_rollout.package_id'] },
    ],
    columns: [
      { name: 'id', type: 'id', label: f('id'), defaultVisible: false },
      // Named as the version picker, the texts and the rollout's page name it: "v5" (issue 66 item 6).
      { name: 'version', sql: `'v' || coffee_recipe_package.version`, type: 'text', label: f('version') },
      { name: 'tag', type: 'text', label: f('tag'), searchable: true, filter: 'eq' },
      { name: 'canaryPercent', type: 'number', label: f('canaryPercent') },
      { name: 'abortAtFailurePercent', type: 'number', label: f('abortAt') },
      {
        name: 'status',
        type: 'enum',
        label: f('status'),
        filter: 'enum',
        options: ['canary', 'held', 'rolling', 'completed', 'aborted'],
      },
      { name: 'previousPackageId', type: 'id', label: f('previousPackage'), defaultVisible: false },
      { name: 'createdAt', type: 'datetime', label: f('createdAt'), sortable: true },
    ],
    defaultSort: { column: 'createdAt', order: 'desc' },
    form: {
      fields: [
        {
          name: 'packageId',
          type: 'reference',
          reference: 'coffee.packages',
          label: f('version'),
          required: true,
        },
        { name: 'tag', type: 'text', label: f('tag'), required: true, maxLength: 40 },
        {
          name: 'canaryPercent',
          type: 'number',
          label: f('canaryPercent'),
          required: true,
          min: 1,
          max: 100,
        },
        {
          name: 'abortAtFailurePercent',
          type: 'number',
          label: f('abortAt'),
          required: true,
          min: 1,
          max: 100,
        },
      ],
      create: {
        permission: 'coffee.recipe.manage',
        input: rolloutForm,
        run: async (ctx, input) => ({ id: (await startRollout(ctx, rt, rolloutForm.parse(input))).id }),
      },
    },
  });
}
