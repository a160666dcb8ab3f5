import type { ResourceColumn } from '../../../core/resources/index.ts';

/** Columns that several prepaid lists show alike. */
export const prepaidColumns = {
  /** The record's id, for links and filters; hidden until picked. */
  id: { name: 'id', type: 'id', label: 'prepaid.fields.id', defaultVisible: false },
  /** The meter's number, through the list's join on `prepaid_meter`. */
  meter: {
    name: 'meter',
    table: 'prepaid_meter',
    column: 'number',
    type: 'text',
    label: 'prepaid.fields.meter',
    searchable: true,
    filter: 'eq',
    sortable: true,
  },
  /** The account's name, through the list's join on `prepaid_account`. */
  account: {
    name: 'account',
    table: 'prepaid_account',
    column: 'name',
    type: 'text',
    label: 'prepaid.fields.account',
    searchable: true,
  },
  /** When the record was made. */
  createdAt: {
    name: 'createdAt',
    type: 'datetime',
    label: 'prepaid.fields.createdAt',
    sortable: true,
    filter: 'range',
  },
} as const satisfies Record<string, ResourceColumn>;
