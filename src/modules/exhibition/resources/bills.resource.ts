import { z } from 'zod';
import {
  defineResource,
  type ResourceAction,
  type ResourceColumn,
  type ResourceDefinition,
} from '../../../core/resources/index.ts';
import { voidBill } from '../bills.ts';
import type { ExhibitionRuntime } from '../exhibition.runtime.ts';
import { customerCodeColumn } from './customer-code.ts';

/** A bill's columns in lists and on its page. */
const BILL_COLUMNS: ResourceColumn[] = [
  { name: 'id', type: 'id', label: 'exhibition.fields.id', defaultVisible: false },
  {
    name: 'customer',
    table: 'exhibition_customer',
    column: 'name',
    type: 'text',
    label: 'exhibition.fields.customer',
    searchable: true,
    sortable: true,
  },
  customerCodeColumn(),
  {
    name: 'booth',
    table: 'exhibition_booth',
    column: 'name',
    type: 'text',
    label: 'exhibition.fields.booth',
    sortable: true,
    filter: 'eq',
  },
  {
    name: 'amountMinor',
    type: 'money',
    currency: { column: 'currency' },
    label: 'exhibition.fields.amount',
    sortable: true,
    filter: 'range',
  },
  { name: 'currency', type: 'text', label: 'exhibition.fields.currency', defaultVisible: false },
  { name: 'description', type: 'text', label: 'exhibition.fields.description', searchable: true },
  {
    name: 'businessDate',
    type: 'date',
    label: 'exhibition.fields.businessDate',
    sortable: true,
    filter: 'range',
  },
  {
    name: 'status',
    type: 'enum',
    label: 'exhibition.fields.status',
    options: ['active', 'void'],
    filter: 'enum',
    sortable: true,
  },
  { name: 'voidReason', type: 'text', label: 'exhibition.fields.voidReason', defaultVisible: false },
  { name: 'createdBy', type: 'text', label: 'exhibition.fields.createdBy' },
  {
    name: 'createdAt',
    type: 'datetime',
    label: 'exhibition.fields.createdAt',
    sortable: true,
    filter: 'range',
  },
];

/** What staff do to a bill from its page. */
function billActions(rt: ExhibitionRuntime): ResourceAction[] {
  return [
    {
      name: 'void',
      label: 'exhibition.actions.void',
      bulk: false,
      permission: 'exhibition.bill.void',
      confirm: true,
      input: z.object({ reason: z.string().trim().min(1).max(500) }),
      availableWhen: (bill) => bill.status === 'active',
      run: async (ctx, id, input) => {
        await voidBill(ctx, rt, id, input as { reason: string });
      },
    },
  ];
}

/** Bills on the customers' tabs, with a void action (a bill is never deleted). */
export function billsResource(rt: ExhibitionRuntime): ResourceDefinition {
  return defineResource({
    name: 'exhibition.bills',
    label: 'exhibition.menu.bills',
    path: '/api/exhibition/console/bills',
    table: 'exhibition_bill',
    idColumn: 'id',
    permission: { read: 'exhibition.bill.read' },
    auditSubject: 'exhibition_bill',
    joins: [
      { table: 'exhibition_customer', on: ['exhibition_customer.id', 'exhibition_bill.customer_id'] },
      { table: 'exhibition_booth', on: ['exhibition_booth.id', 'exhibition_bill.booth_id'] },
    ],
    columns: BILL_COLUMNS,
    defaultSort: { column: 'createdAt', order: 'desc' },
    // A bill has no number of its own: its page is named by the customer it was billed to (the
    // booth, amount and day beside it), never by its id (issue 41).
    titleColumn: 'customer',
    actions: billActions(rt),
  });
}
