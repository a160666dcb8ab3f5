import { z } from 'zod';
import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { createCycle, updateCycle } from '../billing-cycles.ts';
import { created, isoDate } from './setup-fields.ts';

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

/** Billing cycles with their fee and rebate per cut day (create, edit within the cycle rules). */
export const cyclesResource: ResourceDefinition = defineResource({
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
