import { z } from 'zod';
import { defineResource } from './define-resource.ts';

/** A declaration exercising every column type and filter kind, for the unit tests of this area. */
export const sampleResource = defineResource({
  name: 'shop.orders',
  label: 'shop.menu.orders',
  path: '/api/shop/orders',
  table: 'shop_order',
  idColumn: 'id',
  permission: { read: 'shop.order.read', import: 'shop.order.create' },
  columns: [
    { name: 'id', type: 'id', label: 'shop.fields.id' },
    { name: 'customer', type: 'text', label: 'l', sortable: true, searchable: true, filter: 'contains' },
    { name: 'note', type: 'text', label: 'l', searchable: true },
    { name: 'code', type: 'text', label: 'l', filter: 'eq' },
    { name: 'qty', type: 'number', label: 'l', sortable: true, filter: 'range' },
    { name: 'total', column: 'total_minor', type: 'money', label: 'l', filter: 'range' },
    { name: 'dueOn', type: 'date', label: 'l', sortable: true, filter: 'range' },
    { name: 'createdAt', type: 'datetime', label: 'l', sortable: true, filter: 'range' },
    { name: 'status', type: 'enum', label: 'l', options: ['open', 'paid', 'void'], filter: 'enum' },
    { name: 'paid', sql: 'shop_order.paid_at is not null', type: 'boolean', label: 'l', filter: 'boolean' },
  ],
  defaultSort: { column: 'createdAt', order: 'desc' },
  actions: [
    {
      name: 'void',
      label: 'l',
      bulk: true,
      confirm: true,
      permission: 'shop.order.void',
      run: async () => {},
    },
  ],
  import: {
    columns: [
      { name: 'customer', required: true, schema: z.string().max(20) },
      { name: 'qty', required: false, schema: z.coerce.number().int().min(1).optional() },
    ],
    createRow: async () => {},
  },
});
