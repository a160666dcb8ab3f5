import { defineResource } from '../resources/index.ts';

/** The cleanup runs of the organization, newest first: when, how, and what each removed. */
export const retentionRunsResource = defineResource({
  name: 'retention.runs',
  label: 'retention.menu.runs',
  path: '/api/retention/console/runs',
  table: 'retention_run',
  idColumn: 'id',
  permission: { read: 'retention.run.read' },
  auditSubject: 'retention_run',
  columns: [
    { name: 'id', type: 'id', label: 'retention.runs.id', defaultVisible: false },
    {
      name: 'startedAt',
      type: 'datetime',
      label: 'retention.runs.startedAt',
      sortable: true,
      filter: 'range',
    },
    {
      name: 'trigger',
      type: 'enum',
      label: 'retention.runs.trigger',
      options: ['schedule', 'cli', 'console'],
      filter: 'enum',
    },
    {
      name: 'status',
      type: 'enum',
      label: 'retention.runs.status',
      options: ['running', 'done', 'failed', 'held'],
      filter: 'enum',
      sortable: true,
    },
    { name: 'rowsRemoved', type: 'number', label: 'retention.runs.rowsRemoved', sortable: true },
    { name: 'bytesRemoved', type: 'number', label: 'retention.runs.bytesRemoved', sortable: true },
    {
      name: 'removed',
      sql: "(select coalesce(string_agg(k->>'kind' || ': ' || (k->>'rows'), ', '), '') from jsonb_array_elements(retention_run.kinds) k where (k->>'rows')::bigint > 0)",
      type: 'text',
      label: 'retention.runs.removed',
    },
    { name: 'finishedAt', type: 'datetime', label: 'retention.runs.finishedAt', defaultVisible: false },
    { name: 'error', type: 'text', label: 'retention.runs.error', defaultVisible: false },
  ],
  defaultSort: { column: 'startedAt', order: 'desc' },
});
