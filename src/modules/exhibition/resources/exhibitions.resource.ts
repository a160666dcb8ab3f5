import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { exhibitionChangesSchema, newExhibitionSchema } from '../exhibition.contract.ts';
import { closeExhibition, updateExhibition } from '../exhibition-edits.ts';
import { createExhibition } from '../exhibitions.ts';

const f = (name: string) => `exhibition.fields.${name}`;
// `date` columns would come back as Dates shifted by the session's zone: read them as the typed day.
const day = (column: string) => `to_char(exhibition_exhibition.${column}, 'YYYY-MM-DD')`;

/** Exhibitions: create, edit, close (no new bills or registrations after), with their booth count. */
export const exhibitionsResource: ResourceDefinition = defineResource({
  name: 'exhibition.exhibitions',
  label: 'exhibition.menu.exhibitions',
  path: '/api/exhibition/console/exhibitions',
  table: 'exhibition_exhibition',
  idColumn: 'id',
  permission: { read: 'exhibition.exhibition.read' },
  auditSubject: 'exhibition_exhibition',
  columns: [
    { name: 'id', type: 'id', label: f('id'), defaultVisible: false },
    { name: 'name', type: 'text', label: f('name'), searchable: true, sortable: true, filter: 'contains' },
    { name: 'venue', type: 'text', label: f('venue'), searchable: true },
    { name: 'startsOn', sql: day('starts_on'), type: 'date', label: f('startsOn'), sortable: true },
    { name: 'endsOn', sql: day('ends_on'), type: 'date', label: f('endsOn'), sortable: true },
    { name: 'currency', type: 'text', label: f('currency') },
    { name: 'timeZone', type: 'text', label: f('timeZone'), defaultVisible: false },
    {
      name: 'confirmAboveMinor',
      column: 'confirm_above_minor',
      type: 'money',
      currency: { column: 'currency' },
      label: f('confirmAboveMinor'),
      defaultVisible: false,
    },
    {
      name: 'status',
      sql: "case when exhibition_exhibition.closed_at is null then 'open' else 'closed' end",
      type: 'enum',
      options: ['open', 'closed'],
      label: f('status'),
      filter: 'enum',
      sortable: true,
    },
    {
      name: 'booths',
      sql: `(select count(*)::int from exhibition_booth b
               where b.org_id = exhibition_exhibition.org_id and b.exhibition_id = exhibition_exhibition.id)`,
      type: 'number',
      label: f('booths'),
    },
    { name: 'closedAt', type: 'datetime', label: f('closedAt'), defaultVisible: false },
    { name: 'createdAt', type: 'datetime', label: f('createdAt'), sortable: true, defaultVisible: false },
  ],
  defaultSort: { column: 'startsOn', order: 'desc' },
  actions: [
    {
      name: 'close',
      label: 'exhibition.actions.close',
      bulk: false,
      permission: 'exhibition.exhibition.manage',
      confirm: 'exhibition.actions.closeConfirm',
      availableWhen: (row) => row.status === 'open',
      run: async (ctx, id) => {
        await closeExhibition(ctx, id);
      },
    },
  ],
  form: {
    fields: [
      { name: 'name', type: 'text', label: f('name'), required: true, maxLength: 200 },
      { name: 'venue', type: 'text', label: f('venue'), maxLength: 300 },
      { name: 'currency', type: 'text', label: f('currency'), required: true, maxLength: 3, on: 'create' },
      { name: 'startsOn', type: 'date', label: f('startsOn'), required: true },
      { name: 'endsOn', type: 'date', label: f('endsOn'), required: true },
      { name: 'timeZone', type: 'text', label: f('timeZone'), maxLength: 64 },
      // A bill above this (at a booth or the desk) asks the biller to confirm it first.
      {
        name: 'confirmAboveMinor',
        type: 'money',
        label: f('confirmAboveMinor'),
        min: 1,
        currency: { field: 'currency' },
      },
    ],
    create: {
      permission: 'exhibition.exhibition.manage',
      input: newExhibitionSchema,
      run: (ctx, input) => createExhibition(ctx, newExhibitionSchema.parse(input)),
    },
    update: {
      permission: 'exhibition.exhibition.manage',
      input: exhibitionChangesSchema,
      run: async (ctx, id, input) => {
        await updateExhibition(ctx, id, exhibitionChangesSchema.parse(input));
      },
    },
  },
});
