import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { updateAlarm } from '../alarms.ts';
import type { CoffeeRuntime } from '../coffee.runtime.ts';
import { f } from './field-label.ts';

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
    columns: [
      { name: 'id', type: 'id', label: f('id'), defaultVisible: false },
      { name: 'title', type: 'text', label: f('title'), searchable: true },
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
        options: ['offline', 'low_material', 'predicted_empty', 'command_failed'],
      },
      {
        name: 'severity',
        type: 'enum',
        label: f('severity'),
        filter: 'enum',
        options: ['info', 'warn', 'critical'],
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
    ],
    defaultSort: { column: 'raisedAt', order: 'desc' },
    titleColumn: 'title',
    actions: [
      {
        name: 'acknowledge',
        label: 'coffee.actions.acknowledge',
        bulk: true,
        confirm: false,
        permission: 'coffee.alarm.manage',
        availableWhen: (a) => a.status === 'open',
        run: async (ctx, id) => void (await updateAlarm(rt, ctx, id, 'ack')),
      },
      {
        name: 'close',
        label: 'coffee.actions.close',
        bulk: true,
        confirm: true,
        permission: 'coffee.alarm.manage',
        availableWhen: (a) => a.status !== 'closed',
        run: async (ctx, id) => void (await updateAlarm(rt, ctx, id, 'closed')),
      },
    ],
  });
}
