import { z } from 'zod';
import { defineResource, type ResourceDefinition } from '../../core/resources/index.ts';
import { createCycle, updateCycle } from './billing-cycles.ts';
import { createClosure, createMeal, updateMeal } from './setup.ts';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

const newMeal = z.object({
  name: z.string().trim().min(1).max(60),
  start: clock,
  end: clock,
  position: z.number().int().min(0).max(100).optional(),
});
const mealChanges = newMeal.partial();
const newClosure = z.object({
  date: isoDate,
  /** The meals closed that day; none picked closes the whole day. */
  mealIds: z.array(z.uuid()).min(1).nullable().default(null),
  reason: z.string().trim().max(200).optional(),
});
const cycleFields = z.object({
  name: z.string().trim().min(1).max(60),
  from: isoDate,
  to: isoDate,
  feeMinor: z.number().int().min(0),
  rebatePerDayMinor: z.number().int().min(0).default(0),
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected a currency code such as INR'),
});
const newCycle = cycleFields.refine((c) => c.to >= c.from, { message: 'to is before from', path: ['to'] });
/** An edit sends what changed; the whole cycle's rules are checked by `updateCycle`. */
const cycleChanges = cycleFields
  .omit({ rebatePerDayMinor: true })
  .partial()
  .extend({
    rebatePerDayMinor: z.number().int().min(0).optional(),
  });

const created = (name: string) => ({
  name: 'createdAt',
  type: 'datetime' as const,
  label: `mess.fields.${name}`,
  sortable: true,
  defaultVisible: false,
});

/**
 * The mess manager's setup screens: meal windows (create, edit), closures of a day or of some of
 * its meals (create), and billing cycles with their fee and rebate per cut day (create, edit within
 * the cycle rules); each form runs the same use case as the API.
 */
export function setupResources(): ResourceDefinition[] {
  const meals = defineResource({
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
  const closures = defineResource({
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
  const cycles = defineResource({
    name: 'mess.cycles',
    label: 'mess.menu.cycles',
    path: '/api/mess/console/cycles',
    table: 'mess_cycle',
    idColumn: 'id',
    permission: { read: 'mess.setup.read' },
    auditSubject: 'mess_cycle',
    titleColumn: 'name',
    columns: [
      { name: 'id', type: 'id', label: 'mess.fields.id', defaultVisible: false },
      { name: 'name', type: 'text', label: 'mess.fields.cycle', sortable: true, searchable: true },
      { name: 'from', column: 'from_date', type: 'date', label: 'mess.fields.from', sortable: true },
      { name: 'to', column: 'to_date', type: 'date', label: 'mess.fields.to', sortable: true },
      {
        name: 'feeMinor',
        type: 'money',
        currency: { column: 'currency' },
        label: 'mess.fields.fee',
        sortable: true,
      },
      {
        name: 'rebatePerDayMinor',
        type: 'money',
        currency: { column: 'currency' },
        label: 'mess.fields.rebatePerDay',
      },
      { name: 'currency', type: 'text', label: 'mess.fields.currency', defaultVisible: false },
      created('createdAt'),
    ],
    defaultSort: { column: 'from', order: 'desc' },
    form: {
      fields: [
        { name: 'name', type: 'text', label: 'mess.fields.cycle', required: true, maxLength: 60 },
        { name: 'from', type: 'date', label: 'mess.fields.from', required: true },
        { name: 'to', type: 'date', label: 'mess.fields.to', required: true },
        { name: 'currency', type: 'text', label: 'mess.fields.currency', required: true, maxLength: 3 },
        {
          name: 'feeMinor',
          type: 'money',
          label: 'mess.fields.fee',
          required: true,
          min: 0,
          currency: { field: 'currency' },
        },
        {
          name: 'rebatePerDayMinor',
          type: 'money',
          label: 'mess.fields.rebatePerDay',
          min: 0,
          currency: { field: 'currency' },
        },
      ],
      create: {
        permission: 'mess.setup.update',
        input: newCycle,
        run: (ctx, input) => createCycle(ctx, newCycle.parse(input)),
      },
      update: {
        permission: 'mess.setup.update',
        input: cycleChanges,
        run: (ctx, id, input) => updateCycle(ctx, id, cycleChanges.parse(input)),
      },
    },
  });
  return [meals, closures, cycles];
}
