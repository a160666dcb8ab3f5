import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { createMerchant, merchantChanges, newMerchant, updateMerchant } from '../fleet-sites.ts';
import { f } from './field-label.ts';

/** Merchants who own sites and machines. */
export const merchantsResource: ResourceDefinition = defineResource({
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
