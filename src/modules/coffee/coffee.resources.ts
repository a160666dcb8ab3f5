import { z } from 'zod';
import { defineResource, type ResourceDefinition } from '../../core/resources/index.ts';
import { updateAlarm } from './alarms.ts';
import { batchResources } from './batch.resources.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import { fleetSiteResources } from './fleet-sites.resources.ts';
import { createMaterial, MATERIAL_UNITS, materialChanges, newMaterial, updateMaterial } from './materials.ts';
import { onCallResource } from './oncall.resources.ts';
import { refundOrder } from './orders.ts';
import { registrationsResource } from './registrations.resources.ts';

const DEVICE_STATUSES = ['registered', 'online', 'offline', 'fault', 'maintenance'] as const;
const f = (name: string) => `coffee.fields.${name}`;

/** Console lists of the fleet (list, filters, search, export, actions are generated). */
export function coffeeResources(rt: CoffeeRuntime): ResourceDefinition[] {
  const devices = defineResource({
    name: 'coffee.devices',
    label: 'coffee.menu.devices',
    path: '/api/coffee/console/devices',
    table: 'coffee_device',
    idColumn: 'id',
    permission: { read: 'coffee.device.read' },
    auditSubject: 'coffee_device',
    joins: [
      { table: 'coffee_merchant', on: ['coffee_merchant.id', 'coffee_device.merchant_id'], kind: 'left' },
    ],
    columns: [
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
      {
        name: 'createdAt',
        type: 'datetime',
        label: f('createdAt'),
        sortable: true,
        filter: 'range',
        defaultVisible: false,
      },
    ],
    defaultSort: { column: 'serial', order: 'asc' },
    titleColumn: 'serial',
  });
  const alarms = defineResource({
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
  const orders = defineResource({
    name: 'coffee.orders',
    label: 'coffee.menu.orders',
    path: '/api/coffee/console/orders',
    table: 'coffee_order',
    idColumn: 'id',
    permission: { read: 'coffee.order.read' },
    auditSubject: 'coffee_order',
    joins: [{ table: 'coffee_device', on: ['coffee_device.id', 'coffee_order.device_id'] }],
    columns: [
      { name: 'id', type: 'id', label: f('id'), defaultVisible: false },
      {
        name: 'device',
        table: 'coffee_device',
        column: 'serial',
        type: 'text',
        label: f('device'),
        searchable: true,
      },
      { name: 'deviceOrderId', type: 'text', label: f('deviceOrderId'), filter: 'eq' },
      {
        name: 'items',
        sql: "(select string_agg((i->>'qty') || ' × ' || (i->>'name'), ', ') from jsonb_array_elements(coffee_order.items) i)",
        type: 'text',
        label: f('items'),
      },
      {
        name: 'paymentMethod',
        type: 'enum',
        label: f('paymentMethod'),
        filter: 'enum',
        options: ['card', 'wallet', 'cash', 'corp'],
      },
      {
        name: 'totalMinor',
        type: 'money',
        currency: { column: 'currency' },
        label: f('total'),
        sortable: true,
      },
      { name: 'currency', type: 'text', label: f('currency'), defaultVisible: false },
      {
        name: 'paymentStatus',
        type: 'enum',
        label: f('paymentStatus'),
        filter: 'enum',
        options: ['unpaid', 'paid', 'refunded'],
      },
      {
        name: 'vendStatus',
        type: 'enum',
        label: f('vendStatus'),
        filter: 'enum',
        options: ['vended', 'failed'],
      },
      { name: 'refundReason', type: 'text', label: f('refundReason'), defaultVisible: false },
      { name: 'orderedAt', type: 'datetime', label: f('orderedAt'), sortable: true, filter: 'range' },
    ],
    defaultSort: { column: 'orderedAt', order: 'desc' },
    titleColumn: 'deviceOrderId',
    actions: [
      {
        name: 'refund',
        label: 'coffee.actions.refund',
        bulk: false,
        confirm: true,
        permission: 'coffee.order.refund',
        input: z.object({ reason: z.string().min(1).max(500) }),
        availableWhen: (o) => o.paymentStatus === 'paid',
        run: async (ctx, id, input) =>
          void (await refundOrder(rt, ctx, id, (input as { reason: string }).reason)),
      },
    ],
  });
  const materials = defineResource({
    name: 'coffee.materials',
    label: 'coffee.menu.materials',
    path: '/api/coffee/console/materials',
    table: 'coffee_material',
    idColumn: 'id',
    permission: { read: 'coffee.device.read', import: 'coffee.device.manage' },
    auditSubject: 'coffee_material',
    columns: [
      { name: 'id', type: 'id', label: f('id'), defaultVisible: false },
      { name: 'code', type: 'text', label: f('code'), sortable: true, searchable: true, filter: 'eq' },
      { name: 'name', type: 'text', label: f('name'), sortable: true, searchable: true },
      { name: 'unit', type: 'enum', label: f('unit'), filter: 'enum', options: ['g', 'ml', 'pcs'] },
      { name: 'enabled', type: 'boolean', label: f('enabled'), filter: 'boolean' },
    ],
    defaultSort: { column: 'code', order: 'asc' },
    titleColumn: 'name',
    form: {
      fields: [
        { name: 'code', type: 'text', label: f('code'), required: true, maxLength: 40, on: 'create' },
        { name: 'name', type: 'text', label: f('name'), required: true, maxLength: 200 },
        { name: 'unit', type: 'enum', label: f('unit'), options: MATERIAL_UNITS },
        { name: 'enabled', type: 'boolean', label: f('enabled'), on: 'edit' },
      ],
      create: {
        permission: 'coffee.device.manage',
        input: newMaterial,
        run: (ctx, input) => createMaterial(ctx, newMaterial.parse(input)),
      },
      update: {
        permission: 'coffee.device.manage',
        input: materialChanges,
        run: (ctx, id, input) => updateMaterial(ctx, id, materialChanges.parse(input)),
      },
    },
    import: {
      columns: [
        { name: 'code', required: true, schema: newMaterial.shape.code },
        { name: 'name', required: true, schema: newMaterial.shape.name },
        { name: 'unit', required: false, schema: newMaterial.shape.unit },
      ],
      createRow: async (ctx, row) =>
        void (await createMaterial(ctx, newMaterial.parse(row), 'coffee.material.imported')),
    },
  });
  return [
    devices,
    alarms,
    orders,
    materials,
    onCallResource(),
    registrationsResource(rt),
    ...fleetSiteResources(),
    ...batchResources(rt),
  ];
}
