import { z } from 'zod';
import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { createMeal, updateMeal } from '../setup.ts';
import { created } from './setup-fields.ts';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');

const newMeal = z.object({
  name: z.string().trim().min(1).max(60),
  start: clock,
  end: clock,
  position: z.number().int().min(0).max(100).optional(),
});

const mealChanges = newMeal.partial();

/** Meal windows of the day (create, edit); each form runs the same use case as the API. */
export const mealsResource: ResourceDefinition = defineResource({
  name: 'mess.meals',
  label: 'mess.menu.meals',
  path: '/api/mess/console/meals',
  table: 'mess_meal',
  idColumn: 'id',
  permission: { read: 'mess.setup.read' },
  auditSubject: 'mess_meal',
  titleColumn: 'name',
  columns: [
    { name: 'id', type: 'id', label: 'mess.fields.id', defaultVisible: false },
    { name: 'name', type: 'text', label: 'mess.fields.meal', sortable: true, searchable: true },
    { name: 'start', column: 'start_time', type: 'text', label: 'mess.fields.start', sortable: true },
    { name: 'end', column: 'end_time', type: 'text', label: 'mess.fields.end', sortable: true },
    { name: 'position', type: 'number', label: 'mess.fields.position', sortable: true },
    created('createdAt'),
  ],
  defaultSort: { column: 'start', order: 'asc' },
  form: {
    fields: [
      { name: 'name', type: 'text', label: 'mess.fields.meal', required: true, maxLength: 60 },
      { name: 'start', type: 'time', label: 'mess.fields.start', required: true },
      { name: 'end', type: 'time', label: 'mess.fields.end', required: true },
      { name: 'position', type: 'number', label: 'mess.fields.position', min: 0, max: 100 },
    ],
    create: {
      permission: 'mess.setup.update',
      input: newMeal,
      run: (ctx, input) => createMeal(ctx, { weekdays: [1, 2, 3, 4, 5, 6, 7], ...newMeal.parse(input) }),
    },
    update: {
      permission: 'mess.setup.update',
      input: mealChanges,
      run: (ctx, id, input) => updateMeal(ctx, id, mealChanges.parse(input)),
    },
  },
});
