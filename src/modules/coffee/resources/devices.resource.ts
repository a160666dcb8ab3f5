import {
  defineResource,
  type ResourceAction,
  type ResourceColumn,
  type ResourceDefinition,
} from '../../../core/resources/index.ts';
import type { CoffeeRuntime } from '../coffee.runtime.ts';
import { setLegacyMode } from '../compat/legacy-mode.ts';
import { f } from './field-label.ts';

const DEVICE_STATUSES = ['registered', 'online', 'offline', 'fault', 'maintenance'] as const;

/** A machine's columns in lists and on its page. */
const DEVICE_COLUMNS: ResourceColumn[] = [
  { name: 'id', type: 'id', label: f('id'), defaultVisible: false },
  {
    name: 'serial',
    type: 'text',
    label: f('serial'),
    sortable: true,
    searchable: true,
    filter: 'contains',
  },
  { name: 'name', type: 'text', label: f('name'), sortable: true, searchable: true },
  { name: 'model', type: 'text', label: f('model'), filter: 'eq', sortable: true },
  {
    name: 'status',
    type: 'enum',
    label: f('status'),
    filter: 'enum',
    options: DEVICE_STATUSES,
    sortable: true,
  },
  { name: 'lastSeenAt', type: 'datetime', label: f('lastSeenAt'), sortable: true, filter: 'range' },
  {
    name: 'temperature',
    sql: 'coffee_device.temperature_tenths / 10.0',
    type: 'number',
    label: f('temperature'),
  },
  { name: 'firmware', type: 'text', label: f('firmware'), defaultVisible: false },
  {
    name: 'tags',
    sql: "array_to_string(coffee_device.tags, ', ')",
    type: 'text',
    label: f('tags'),
    searchable: true,
  },
  {
    name: 'merchant',
    table: 'coffee_merchant',
    column: 'name',
    type: 'text',
    label: f('merchant'),
    filter: 'contains',
    sortable: true,
  },
  { name: 'merchantId', type: 'id', label: f('merchantId'), filter: 'eq', defaultVisible: false },
  { name: 'retiredAt', type: 'datetime', label: f('retiredAt'), filter: 'range', defaultVisible: false },
  {
    // Takes calls without a token on the original's v1 device paths (issue 42): a warning while on.
    name: 'legacyTokenless',
    sql: 'coffee_device.legacy_tokenless_since is not null',
    type: 'boolean',
    label: f('legacyTokenless'),
    filter: 'boolean',
  },
  {
    name: 'createdAt',
    type: 'datetime',
    label: f('createdAt'),
    sortable: true,
    filter: 'range',
    defaultVisible: false,
  },
];

/** What staff do to machines from the list or a machine's page. */
function deviceActions(rt: Pick<CoffeeRuntime, 'publish'>): ResourceAction[] {
  return [
    {
      name: 'legacy-on',
      label: 'coffee.actions.legacyOn',
      bulk: false,
      confirm: true,
      permission: 'coffee.device.manage',
      availableWhen: (d) => d.legacyTokenless !== true && !d.retiredAt,
      run: async (ctx, id) => void (await setLegacyMode(ctx, rt, id, true)),
    },
    {
      name: 'legacy-off',
      label: 'coffee.actions.legacyOff',
      bulk: false,
      confirm: false,
      permission: 'coffee.device.manage',
      availableWhen: (d) => d.legacyTokenless === true,
      run: async (ctx, id) => void (await setLegacyMode(ctx, rt, id, false)),
    },
  ];
}

/**
 * The fleet's machines: model, status, firmware, tags and temperature, with the last time each was
 * heard from; a machine on the original firmware without a token can be switched to legacy mode.
 */
export const devicesResource = (rt: Pick<CoffeeRuntime, 'publish'>): ResourceDefinition =>
  defineResource({
    name: 'coffee.devices',
    label: 'coffee.menu.devices',
    path: '/api/coffee/console/devices',
    table: 'coffee_device',
    idColumn: 'id',
    quickFind: true,
    permission: { read: 'coffee.device.read' },
    auditSubject: 'coffee_device',
    joins: [
      { table: 'coffee_merchant', on: ['coffee_merchant.id', 'coffee_device.merchant_id'], kind: 'left' },
    ],
    columns: DEVICE_COLUMNS,
    defaultSort: { column: 'serial', order: 'asc' },
    titleColumn: 'serial',
    actions: deviceActions(rt),
  });
