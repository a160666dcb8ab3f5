import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { binThresholds, updateBinThresholds } from '../fleet-sites.ts';
import { f } from './field-label.ts';

/** The machines' ingredient bins, with their fill levels and refill thresholds. */
export const binsResource: ResourceDefinition = defineResource({
  name: 'coffee.bins',
  label: 'coffee.menu.bins',
  path: '/api/coffee/console/bins',
  table: 'coffee_bin',
  idColumn: 'id',
  permission: { read: 'coffee.device.read' },
  auditSubject: 'coffee_bin',
  titleColumn: 'materialCode',
  joins: [{ table: 'coffee_device', on: ['coffee_device.id', 'coffee_bin.device_id'] }],
  columns: [
    { name: 'id', type: 'id', label: f('id'), defaultVisible: false },
    { name: 'deviceId', type: 'id', label: f('deviceId'), filter: 'eq', defaultVisible: false },
    {
      name: 'device',
      table: 'coffee_device',
      column: 'serial',
      type: 'text',
      label: f('device'),
      searchable: true,
      filter: 'contains',
      sortable: true,
    },
    { name: 'binIndex', type: 'number', label: f('binIndex'), sortable: true },
    { name: 'materialCode', type: 'text', label: f('material'), searchable: true, filter: 'eq' },
    { name: 'remaining', type: 'number', label: f('remaining') },
    { name: 'capacity', type: 'number', label: f('capacity') },
    {
      name: 'levelPct',
      sql: '(coffee_bin.remaining * 100 / coffee_bin.capacity)',
      type: 'number',
      label: f('levelPct'),
      sortable: true,
    },
    { name: 'lowPct', type: 'number', label: f('lowPct') },
    { name: 'criticalPct', type: 'number', label: f('criticalPct') },
    { name: 'dailyUse', type: 'number', label: f('dailyUse'), defaultVisible: false },
    { name: 'updatedAt', type: 'datetime', label: f('updatedAt'), sortable: true },
  ],
  defaultSort: { column: 'device', order: 'asc' },
  form: {
    fields: [
      { name: 'capacity', type: 'number', label: f('capacity'), min: 1 },
      { name: 'lowPct', type: 'number', label: f('lowPct'), min: 0, max: 100 },
      { name: 'criticalPct', type: 'number', label: f('criticalPct'), min: 0, max: 100 },
    ],
    update: {
      permission: 'coffee.device.manage',
      input: binThresholds,
      run: (ctx, id, input) => updateBinThresholds(ctx, id, binThresholds.parse(input)),
    },
  },
});
