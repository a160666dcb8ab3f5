import { PASS_REFUSAL_REASONS } from '../../../core/passes/index.ts';
import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { UUID_SOURCE } from '../../../platform/ids/index.ts';
import { LOOKUP_DENIALS, RULE_DENIALS } from '../mess.rules.ts';
import { studentColumns } from './student-columns.ts';

/** Every reason a scan is refused for, each worded by `mess.reasons.<reason>` in the console. */
export const SCAN_REASONS = [
  ...RULE_DENIALS,
  ...LOOKUP_DENIALS,
  ...PASS_REFUSAL_REASONS.map((r) => `pass_${r}`),
];
const reasonLabel = (value: string) => `mess.reasons.${value}`;
/** A scanner phone's device id (a random UUID) as a PostgreSQL pattern, for `~*`. */
export const PHONE_DEVICE = `'^${UUID_SOURCE}$'`;

const student = {
  table: 'mess_student',
  on: ['mess_student.id', 'mess_scan.student_id'] as [string, string],
  kind: 'left' as const,
};

/**
 * Every scan, allowed or denied, with its reason: the anti-fraud log and its CSV export. The decision
 * is the counter's; the server's verdict stands beside it (a conflict where they differ). Reasons read
 * as words, the meal window as its meal and day, and a scanner phone (a random id) by who synced it.
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
    ...studentColumns,
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
      type: 'enum',
      label: 'mess.fields.reason',
      options: SCAN_REASONS,
      optionLabel: reasonLabel,
      filter: 'enum',
      sortable: true,
    },
    {
      name: 'serverDecision',
      type: 'enum',
      label: 'mess.fields.serverDecision',
      options: ['allowed', 'denied'],
    },
    {
      name: 'serverReason',
      type: 'enum',
      label: 'mess.fields.serverReason',
      options: SCAN_REASONS,
      optionLabel: reasonLabel,
      defaultVisible: false,
    },
    {
      name: 'meal',
      sql: `(select m.name || ' · ' || mess_scan.local_date from mess_meal m
              where m.id = mess_scan.meal_id and m.org_id = mess_scan.org_id)`,
      type: 'text',
      label: 'mess.fields.mealWindow',
    },
    {
      name: 'windowKey',
      type: 'text',
      label: 'mess.fields.windowKey',
      filter: 'eq',
      defaultVisible: false,
      recordPage: false,
    },
    {
      name: 'device',
      sql: `case when mess_scan.device_id ~* ${PHONE_DEVICE}
              then mess_scan.synced_by || ' · ' || left(mess_scan.device_id, 4) else mess_scan.device_id end`,
      type: 'text',
      label: 'mess.fields.device',
    },
    {
      name: 'deviceId',
      type: 'text',
      label: 'mess.fields.deviceId',
      filter: 'eq',
      defaultVisible: false,
      recordPage: false,
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
