import { z } from 'zod';
import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { newBoothSchema } from '../exhibition.contract.ts';
import { renameBooth } from '../exhibition-edits.ts';
import { createBooth } from '../exhibitions.ts';

const f = (name: string) => `exhibition.fields.${name}`;
const newBooth = newBoothSchema.extend({ exhibitionId: z.uuid() });

/** Booths of every exhibition: add, rename; who works at one is on the booth's page (a record panel). */
export const boothsResource: ResourceDefinition = defineResource({
  name: 'exhibition.booths',
  label: 'exhibition.menu.booths',
  path: '/api/exhibition/console/booths',
  table: 'exhibition_booth',
  idColumn: 'id',
  permission: { read: 'exhibition.exhibition.read' },
  auditSubject: 'exhibition_booth',
  joins: [
    { table: 'exhibition_exhibition', on: ['exhibition_exhibition.id', 'exhibition_booth.exhibition_id'] },
  ],
  columns: [
    { name: 'id', type: 'id', label: f('id'), defaultVisible: false },
    { name: 'name', type: 'text', label: f('booth'), searchable: true, sortable: true, filter: 'contains' },
    { name: 'exhibitionId', type: 'id', label: f('exhibitionId'), filter: 'eq', defaultVisible: false },
    {
      name: 'exhibition',
      table: 'exhibition_exhibition',
      column: 'name',
      type: 'text',
      label: f('exhibition'),
      sortable: true,
    },
    {
      name: 'staffCount',
      sql: `(select count(*)::int from exhibition_booth_staff s
               where s.org_id = exhibition_booth.org_id and s.booth_id = exhibition_booth.id)`,
      type: 'number',
      label: f('staffCount'),
    },
    { name: 'createdAt', type: 'datetime', label: f('createdAt'), sortable: true, defaultVisible: false },
  ],
  defaultSort: { column: 'name', order: 'asc' },
  form: {
    fields: [
      {
        name: 'exhibitionId',
        type: 'reference',
        reference: 'exhibition.exhibitions',
        label: f('exhibition'),
        required: true,
        on: 'create',
      },
      { name: 'name', type: 'text', label: f('booth'), required: true, maxLength: 200 },
    ],
    create: {
      permission: 'exhibition.exhibition.manage',
      input: newBooth,
      run: (ctx, input) => {
        const { exhibitionId, ...booth } = newBooth.parse(input);
        return createBooth(ctx, exhibitionId, booth);
      },
    },
    update: {
      permission: 'exhibition.exhibition.manage',
      input: newBoothSchema,
      run: async (ctx, id, input) => {
        await renameBooth(ctx, id, newBoothSchema.parse(input));
      },
    },
  },
});
