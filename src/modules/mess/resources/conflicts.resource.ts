import { z } from 'zod';
import { recordAudit } from '../../../core/audit/index.ts';
import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { MessErrors } from '../mess.errors.ts';
import type { MessTables } from '../mess.tables.ts';
import { PHONE_DEVICE, SCAN_REASONS } from './scans.resource.ts';
import { studentColumns } from './student-columns.ts';

/**
 * A scanner phone (a random id) as who synced its scan and the id's first characters, as on the scan
 * log; a device named by hand (`gate-1`) as it is.
 */
const deviceOf = (device: string, scan: string) =>
  `case when mess_scan_conflict.${device} ~* ${PHONE_DEVICE}
     then coalesce((select s.synced_by || ' · ' from mess_scan s
       where s.id = mess_scan_conflict.${scan} and s.org_id = mess_scan_conflict.org_id), '')
       || left(mess_scan_conflict.${device}, 4)
     else mess_scan_conflict.${device} end`;

/**
 * Scans where an offline counter and the server disagree (issue 40, item 7): a student served twice
 * in one window on two devices, or one served or turned away on a stale snapshot. A supervisor
 * resolves each. Like the scan log, it reads in words: the meal window as its meal and day, the
 * reason worded, the phones by who synced them.
 */
export const conflictsResource: ResourceDefinition = defineResource({
  name: 'mess.conflicts',
  label: 'mess.menu.conflicts',
  path: '/api/mess/conflicts',
  table: 'mess_scan_conflict',
  idColumn: 'id',
  joins: [{ table: 'mess_student', on: ['mess_student.id', 'mess_scan_conflict.student_id'], kind: 'left' }],
  permission: { read: 'mess.scan.read' },
  auditSubject: 'mess_scan_conflict',
  columns: [
    { name: 'id', type: 'id', label: 'mess.fields.id', defaultVisible: false },
    {
      name: 'createdAt',
      type: 'datetime',
      label: 'mess.fields.createdAt',
      sortable: true,
      filter: 'range',
    },
    ...studentColumns,
    {
      name: 'meal',
      sql: `(select m.name || ' · ' || split_part(mess_scan_conflict.window_key, ':', 1) from mess_meal m
              where m.id::text = split_part(mess_scan_conflict.window_key, ':', 2)
                and m.org_id = mess_scan_conflict.org_id)`,
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
      name: 'counterDecision',
      type: 'enum',
      label: 'mess.fields.counterDecision',
      options: ['allowed', 'denied'],
      filter: 'enum',
    },
    {
      name: 'serverDecision',
      type: 'enum',
      label: 'mess.fields.serverDecision',
      options: ['allowed', 'denied'],
      filter: 'enum',
    },
    {
      name: 'reason',
      type: 'enum',
      label: 'mess.fields.reason',
      options: SCAN_REASONS,
      optionLabel: (value: string) => `mess.reasons.${value}`,
    },
    {
      name: 'firstDevice',
      sql: deviceOf('first_device_id', 'first_scan_id'),
      type: 'text',
      label: 'mess.fields.firstDevice',
    },
    {
      name: 'secondDevice',
      sql: deviceOf('second_device_id', 'second_scan_id'),
      type: 'text',
      label: 'mess.fields.secondDevice',
    },
    {
      name: 'firstDeviceId',
      type: 'text',
      label: 'mess.fields.deviceId',
      defaultVisible: false,
      recordPage: false,
    },
    {
      name: 'secondDeviceId',
      type: 'text',
      label: 'mess.fields.deviceId',
      defaultVisible: false,
      recordPage: false,
    },
    {
      name: 'status',
      type: 'enum',
      label: 'mess.fields.status',
      options: ['open', 'resolved'],
      filter: 'enum',
      sortable: true,
    },
    {
      name: 'resolution',
      type: 'text',
      label: 'mess.fields.resolution',
    },
  ],
  defaultSort: { column: 'createdAt', order: 'desc' },
  actions: [
    {
      name: 'resolve',
      label: 'mess.actions.resolve',
      bulk: true,
      confirm: false,
      permission: 'mess.conflict.resolve',
      input: z.object({ resolution: z.string().trim().min(1).max(500) }),
      async run(ctx, id, input) {
        const { resolution } = input as { resolution: string };
        const db = ctx.db.withTables<MessTables>();
        const row = await db
          .updateTable('mess_scan_conflict')
          .set({ status: 'resolved', resolution, resolved_by: ctx.actor.label, resolved_at: ctx.clock.now() })
          .where('id', '=', id)
          .where('status', '=', 'open')
          .returning(['id'])
          .executeTakeFirst();
        if (!row) {
          const exists = await db
            .selectFrom('mess_scan_conflict')
            .select('id')
            .where('id', '=', id)
            .executeTakeFirst();
          throw (exists ? MessErrors.conflict_resolved : MessErrors.conflict_not_found)({ id });
        }
        await recordAudit(ctx, {
          action: 'mess.conflict.resolved',
          subject: { type: 'mess_scan_conflict', id },
          before: { status: 'open' },
          after: { status: 'resolved', resolution },
        });
      },
    },
  ],
});
