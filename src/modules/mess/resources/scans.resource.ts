import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';

const student = {
  table: 'mess_student',
  on: ['mess_student.id', 'mess_scan.student_id'] as [string, string],
  kind: 'left' as const,
};

/**
 * Every scan, allowed or denied, with its reason: the anti-fraud log and its CSV export. The decision
 * is the counter's; the server's verdict stands beside it (a conflict where they differ).
 */
export const scansResource: ResourceDefinition = defineResource({
  name: 'mess.scans',
  label: 'mess.menu.scans',
  path: '/api/mess/scan-log',
  table: 'mess_scan',
  idColumn: 'id',
  joins: [student],
  permission: { read: 'mess.scan.read' },
  auditSubject: 'mess_scan',
  largeTables: ['mess_scan'],
  columns: [
    { name: 'id', type: 'id', label: 'mess.fields.id', defaultVisible: false },
    {
      name: 'scannedAt',
      type: 'datetime',
      label: 'mess.fields.scannedAt',
      sortable: true,
      filter: 'range',
    },
    {
      name: 'rollNumber',
      table: 'mess_student',
      type: 'text',
      label: 'mess.fields.rollNumber',
      searchable: true,
      filter: 'eq',
    },
    { name: 'name', table: 'mess_student', type: 'text', label: 'mess.fields.name', searchable: true },
    {
      name: 'decision',
      type: 'enum',
      label: 'mess.fields.decision',
      options: ['allowed', 'denied'],
      filter: 'enum',
      sortable: true,
    },
    {
      name: 'reason',
      type: 'text',
      label: 'mess.fields.reason',
      filter: 'eq',
      sortable: true,
    },
    {
      name: 'serverDecision',
      type: 'enum',
      label: 'mess.fields.serverDecision',
      options: ['allowed', 'denied'],
    },
    { name: 'serverReason', type: 'text', label: 'mess.fields.serverReason', defaultVisible: false },
    {
      name: 'windowKey',
      type: 'text',
      label: 'mess.fields.windowKey',
      filter: 'eq',
    },
    {
      name: 'deviceId',
      type: 'text',
      label: 'mess.fields.deviceId',
      filter: 'eq',
    },
    {
      name: 'offline',
      type: 'boolean',
      label: 'mess.fields.offline',
      filter: 'boolean',
    },
    {
      name: 'conflict',
      type: 'boolean',
      label: 'mess.fields.conflict',
      filter: 'boolean',
    },
  ],
  defaultSort: { column: 'scannedAt', order: 'desc' },
});
