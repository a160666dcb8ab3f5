import type { ResourceColumn } from '../../../core/resources/index.ts';

/**
 * The student a row belongs to, by roll number and name (from the joined `mess_student`): how the
 * desk finds a student's cuts, scans and conflicts.
 */
export const studentColumns: ReadonlyArray<ResourceColumn> = [
  {
    name: 'rollNumber',
    table: 'mess_student',
    type: 'text',
    label: 'mess.fields.rollNumber',
    searchable: true,
    filter: 'eq',
  },
  { name: 'name', table: 'mess_student', type: 'text', label: 'mess.fields.name', searchable: true },
];
