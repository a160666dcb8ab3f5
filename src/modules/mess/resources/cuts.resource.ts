import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { studentColumns } from './student-columns.ts';

/** Mess cuts, for the kitchen and for dues questions. */
export const cutsResource: ResourceDefinition = defineResource({
  name: 'mess.cuts',
  label: 'mess.menu.cuts',
  path: '/api/mess/cuts',
  table: 'mess_cut',
  idColumn: 'id',
  joins: [{ table: 'mess_student', on: ['mess_student.id', 'mess_cut.student_id'] }],
  permission: { read: 'mess.cut.read' },
  auditSubject: 'mess_student',
  columns: [
    { name: 'id', type: 'id', label: 'mess.fields.id', defaultVisible: false },
    ...studentColumns,
    {
      name: 'from',
      column: 'from_date',
      type: 'date',
      label: 'mess.fields.from',
      sortable: true,
      filter: 'eq',
    },
    {
      name: 'to',
      column: 'to_date',
      type: 'date',
      label: 'mess.fields.to',
      sortable: true,
      filter: 'eq',
    },
    {
      name: 'source',
      type: 'enum',
      label: 'mess.fields.source',
      options: ['bot', 'console', 'api'],
      filter: 'enum',
    },
    {
      name: 'createdAt',
      type: 'datetime',
      label: 'mess.fields.createdAt',
      sortable: true,
    },
  ],
  defaultSort: { column: 'from', order: 'desc' },
});
