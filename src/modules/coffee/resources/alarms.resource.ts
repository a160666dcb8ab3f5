import {
  defineResource,
  type ResourceAction,
  type ResourceColumn,
  type ResourceDefinition,
} from '../../../core/resources/index.ts';
import { updateAlarm } from '../alarms.ts';
import { ALARM_KINDS, ALARM_PRIORITY_SQL } from '../coffee.rules.ts';
import type { CoffeeRuntime } from '../coffee.runtime.ts';
import { f } from './field-label.ts';

/** An alarm's columns in lists and on its page. */
const ALARM_COLUMNS: ResourceColumn[] = [
  { name: 'id', type: 'id', label: f('id'), defaultVisible: false },
  {
    // The kind's sentence in the reader's language (issue 28); an alarm raised before alarms kept
    // their params reads as its kind's name. The English title stays in the API and CSV.
    name: 'title',
    type: 'message',
    sql: `jsonb_build_object(
      'key', case when coffee_alarm.params is null then 'coffee.options.' else 'coffee.alarm_title.' end
        || coffee_alarm.kind,
      'params', coffee_alarm.params,
      'text', coffee_alarm.title)`,
    label: f('title'),
  },
  {
    name: 'device',
    table: 'coffee_device',
    column: 'serial',
    type: 'text',
    label: f('device'),
    searchable: true,
  },
  {
    name: 'kind',
    type: 'enum',
    label: f('kind'),
    filter: 'enum',
    options: ALARM_KINDS,
  },
  {
    name: 'severity',
    type: 'enum',
    label: f('severity'),
    filter: 'enum',
    options: ['info', 'warn', 'critical'],
    // a critical alarm reads red and a warning amber in the list (issue 41, item 17)
    optionColors: { critical: 'error', warn: 'warning' },
  },
  {
    name: 'status',
    type: 'enum',
    label: f('status'),
    filter: 'enum',
    options: ['open', 'ack', 'closed'],
    sortable: true,
  },
  { name: 'raisedAt', type: 'datetime', label: f('raisedAt'), sortable: true, filter: 'range' },
  {
    // most severe first, then newest (issue 41, item 17): the list's default order
    name: 'priority',
    sql: ALARM_PRIORITY_SQL,
    type: 'number',
    label: f('priority'),
    sortable: true,
    defaultVisible: false,
  },
];

/** What staff do to alarms from the list or an alarm's page. */
function alarmActions(rt: CoffeeRuntime): ResourceAction[] {
  return [
    {
      name: 'acknowledge',
      label: 'coffee.actions.acknowledge',
      bulk: true,
      confirm: false,
      permission: 'coffee.alarm.manage',
      availableWhen: (a) => a.status === 'open',
      run: async (ctx, id) => void (await updateAlarm(ctx, rt, id, 'ack')),
    },
    {
      name: 'close',
      label: 'coffee.actions.close',
      bulk: true,
      confirm: true,
      permission: 'coffee.alarm.manage',
      availableWhen: (a) => a.status !== 'closed',
      run: async (ctx, id) => void (await updateAlarm(ctx, rt, id, 'closed')),
    },
  ];
}

/** Fleet alarms, acknowledged and closed from the list. */
export function alarmsResource(rt: CoffeeRuntime): ResourceDefinition {
  return defineResource({
    name: 'coffee.alarms',
    label: 'coffee.menu.alarms',
    path: '/api/coffee/console/alarms',
    table: 'coffee_alarm',
    idColumn: 'id',
    permission: { read: 'coffee.alarm.read' },
    auditSubject: 'coffee_alarm',
    joins: [{ table: 'coffee_device', on: ['coffee_device.id', 'coffee_alarm.device_id'] }],
    columns: ALARM_COLUMNS,
    defaultSort: { column: 'priority', order: 'desc' },
    titleColumn: 'title',
    actions: alarmActions(rt),
  });
}
