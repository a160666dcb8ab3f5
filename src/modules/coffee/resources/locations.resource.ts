import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { createLocation, locationChanges, newLocation, updateLocation } from '../fleet-sites.ts';
import { f } from './field-label.ts';

/** The sites where machines stand. */
export const locationsResource: ResourceDefinition = defineResource({
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
