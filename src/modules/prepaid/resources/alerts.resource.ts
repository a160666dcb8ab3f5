import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { prepaidColumns } from './prepaid-columns.ts';

/** The meters' balance and usage alerts, open or cleared. */
export const alertsResource: ResourceDefinition = defineResource({
  name: 'prepaid.alerts',
  label: 'prepaid.menu.alerts',
  path: '/api/prepaid/console/alerts',
  table: 'prepaid_alert',
  idColumn: 'id',
  permission: { read: 'prepaid.meter.read' },
  auditSubject: 'prepaid_meter',
  titleColumn: 'meter',
  joins: [
    { table: 'prepaid_meter', on: ['prepaid_meter.id', 'prepaid_alert.meter_id'] },
    { table: 'prepaid_account', on: ['prepaid_account.id', 'prepaid_alert.account_id'] },
  ],
  columns: [
    prepaidColumns.id,
    prepaidColumns.meter,
    prepaidColumns.account,
    {
      name: 'kind',
      type: 'enum',
      label: 'prepaid.fields.alertKind',
      options: ['low_balance', 'unusual_consumption'],
      filter: 'enum',
    },
    {
      name: 'open',
      sql: '(prepaid_alert.cleared_at is null)',
      type: 'boolean',
      label: 'prepaid.fields.alertOpen',
      filter: 'boolean',
    },
    {
      name: 'balanceKwh',
      sql: "round((prepaid_alert.facts->>'balanceTenths')::numeric / 10.0, 1)",
      type: 'number',
      label: 'prepaid.fields.balanceKwh',
    },
    {
      // the balance was an estimate: the meter does not report it (issue 54, item 7)
      name: 'balanceEstimated',
      sql: "coalesce((prepaid_alert.facts->>'estimated')::int = 1, false)",
      type: 'boolean',
      label: 'prepaid.fields.balanceEstimated',
    },
    {
      name: 'daysLeft',
      sql: "(prepaid_alert.facts->>'daysLeft')::int",
      type: 'number',
      label: 'prepaid.fields.daysLeft',
    },
    {
      name: 'raisedAt',
      type: 'datetime',
      label: 'prepaid.fields.raisedAt',
      sortable: true,
      filter: 'range',
    },
    { name: 'clearedAt', type: 'datetime', label: 'prepaid.fields.clearedAt', sortable: true },
  ],
  defaultSort: { column: 'raisedAt', order: 'desc' },
});
