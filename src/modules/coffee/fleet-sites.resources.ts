import { defineResource, type ResourceDefinition } from '../../core/resources/index.ts';
import {
  binThresholds,
  createLocation,
  createMerchant,
  locationChanges,
  merchantChanges,
  newLocation,
  newMerchant,
  updateBinThresholds,
  updateLocation,
  updateMerchant,
} from './fleet-sites.ts';

const f = (name: string) => `coffee.fields.${name}`;

/** Merchants, their sites and the machines' bins: the fleet's places and stock levels. */
export function fleetSiteResources(): ResourceDefinition[] {
  const merchants = defineResource({
    name: 'coffee.merchants',
    label: 'coffee.menu.merchants',
    path: '/api/coffee/console/merchants',
    table: 'coffee_merchant',
    idColumn: 'id',
    permission: { read: 'coffee.device.read' },
    auditSubject: 'coffee_merchant',
    titleColumn: 'name',
    columns: [
      { name: 'id', type: 'id', label: f('id'), defaultVisible: false },
      { name: 'name', type: 'text', label: f('name'), sortable: true, searchable: true },
      { name: 'contact', type: 'text', label: f('contact'), searchable: true },
      { name: 'status', type: 'enum', label: f('status'), filter: 'enum', options: ['active', 'inactive'] },
      {
        name: 'machines',
        sql: '(select count(*) from coffee_device d where d.merchant_id = coffee_merchant.id)',
        type: 'number',
        label: f('machines'),
      },
      { name: 'createdAt', type: 'datetime', label: f('createdAt'), sortable: true, defaultVisible: false },
    ],
    defaultSort: { column: 'name', order: 'asc' },
    form: {
      fields: [
        { name: 'name', type: 'text', label: f('name'), required: true, maxLength: 200 },
        { name: 'contact', type: 'text', label: f('contact'), maxLength: 200 },
        { name: 'status', type: 'enum', label: f('status'), options: ['active', 'inactive'], on: 'edit' },
      ],
      create: {
        permission: 'coffee.device.manage',
        input: newMerchant,
        run: (ctx, input) => createMerchant(ctx, newMerchant.parse(input)),
      },
      update: {
        permission: 'coffee.device.manage',
        input: merchantChanges,
        run: (ctx, id, input) => updateMerchant(ctx, id, merchantChanges.parse(input)),
      },
    },
  });
  const locations = defineResource({
    name: 'coffee.locations',
    label: 'coffee.menu.locations',
    path: '/api/coffee/console/locations',
    table: 'coffee_location',
    idColumn: 'id',
    permission: { read: 'coffee.device.read' },
    auditSubject: 'coffee_location',
    titleColumn: 'name',
    joins: [{ table: 'coffee_merchant', on: ['coffee_merchant.id', 'coffee_location.merchant_id'] }],
    columns: [
      { name: 'id', type: 'id', label: f('id'), defaultVisible: false },
      { name: 'name', type: 'text', label: f('name'), sortable: true, searchable: true },
      {
        name: 'merchant',
        table: 'coffee_merchant',
        column: 'name',
        type: 'text',
        label: f('merchant'),
        searchable: true,
        sortable: true,
      },
      { name: 'address', type: 'text', label: f('address'), searchable: true },
      { name: 'lat', sql: 'coffee_location.lat::float8', type: 'number', label: f('lat') },
      { name: 'lng', sql: 'coffee_location.lng::float8', type: 'number', label: f('lng') },
      {
        name: 'machines',
        sql: '(select count(*) from coffee_device d where d.location_id = coffee_location.id)',
        type: 'number',
        label: f('machines'),
      },
    ],
    defaultSort: { column: 'name', order: 'asc' },
    form: {
      fields: [
        {
          name: 'merchantId',
          type: 'reference',
          reference: 'coffee.merchants',
          label: f('merchant'),
          required: true,
          on: 'create',
        },
        { name: 'name', type: 'text', label: f('name'), required: true, maxLength: 200 },
        { name: 'address', type: 'textarea', label: f('address'), maxLength: 500 },
        { name: 'lat', type: 'number', label: f('lat'), min: -90, max: 90 },
        { name: 'lng', type: 'number', label: f('lng'), min: -180, max: 180 },
      ],
      create: {
        permission: 'coffee.device.manage',
        input: newLocation,
        run: (ctx, input) => createLocation(ctx, newLocation.parse(input)),
      },
      update: {
        permission: 'coffee.device.manage',
        input: locationChanges,
        run: (ctx, id, input) => updateLocation(ctx, id, locationChanges.parse(input)),
      },
    },
  });
  const bins = defineResource({
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
  return [merchants, locations, bins];
}
