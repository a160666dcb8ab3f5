import { z } from 'zod';
import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { createClosure } from '../setup.ts';
import { created, isoDate } from './setup-fields.ts';

const newClosure = z.object({
  date: isoDate,
  /** The meals closed that day; none picked closes the whole day. */
  mealIds: z
    .array(z.uuid())
    .nullable()
    .default(null)
    .describe('the meals closed; none (or every meal served that day): the whole day'),
  reason: z.string().trim().max(200).optional(),
});

/** Closures of a day or of some of its meals (create). */
export const closuresResource: ResourceDefinition = defineResource({
  name: 'mess.closures',
  label: 'mess.menu.closures',
  path: '/api/mess/console/closures',
  table: 'mess_closure',
  idColumn: 'id',
  permission: { read: 'mess.setup.read' },
  auditSubject: 'mess_closure',
  titleColumn: 'date',
  columns: [
    { name: 'id', type: 'id', label: 'mess.fields.id', defaultVisible: false },
    // Local calendar dates are stored as ISO text (never shifted by a session zone): read as days.
    { name: 'date', type: 'date', label: 'mess.fields.date', sortable: true, filter: 'eq' },
    {
      name: 'meals',
      sql: `coalesce((select string_agg(m.name, ', ' order by m.position, m.start_time) from mess_meal m
               where m.org_id = mess_closure.org_id and m.id = any(mess_closure.meal_ids)), '')`,
      type: 'text',
      label: 'mess.fields.closedMeals',
    },
    { name: 'reason', type: 'text', label: 'mess.fields.reason', searchable: true },
    created('createdAt'),
  ],
  defaultSort: { column: 'date', order: 'desc' },
  form: {
    fields: [
      { name: 'date', type: 'date', label: 'mess.fields.date', required: true },
      {
        name: 'mealIds',
        type: 'reference',
        reference: 'mess.meals',
        multiple: true,
        label: 'mess.fields.closedMeals',
      },
      { name: 'reason', type: 'text', label: 'mess.fields.reason', maxLength: 200 },
    ],
    create: {
      permission: 'mess.setup.update',
      input: newClosure,
      run: (ctx, input) => createClosure(ctx, newClosure.parse(input)),
    },
  },
});
