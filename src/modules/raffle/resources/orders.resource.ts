import { sql } from 'kysely';
import { z } from 'zod';
import {
  defineResource,
  type ResourceAction,
  type ResourceColumn,
  type ResourceDefinition,
} from '../../../core/resources/index.ts';
import type { JobQueue } from '../../../platform/jobs/index.ts';
import { buyerNameSql, orderTitleMessageSql } from '../buyer-name.ts';
import { cancelOrder, confirmOrder, denyOrderProof } from '../orders.ts';

const ORDER_STATUSES = ['pending_payment', 'paid', 'cancelled', 'expired'] as const;

/** An order's columns in lists and on its page. */
const ORDER_COLUMNS: ResourceColumn[] = [
  { name: 'id', type: 'id', label: 'raffle.fields.id', defaultVisible: false },
  // The order as people name it (issue 41, item 12): its tickets and amount, never its id.
  { name: 'title', sql: orderTitleMessageSql('raffle_order'), type: 'message', label: 'raffle.fields.order' },
  {
    name: 'raffle',
    table: 'raffle_raffle',
    column: 'title',
    type: 'text',
    label: 'raffle.fields.raffle',
    searchable: true,
    sortable: true,
  },
  {
    // The buyer's profile name, else their WhatsApp number (never a simulator's test key).
    name: 'buyer',
    sql: buyerNameSql('raffle_buyer'),
    type: 'text',
    label: 'raffle.fields.buyer',
    searchable: true,
  },
  { name: 'waId', table: 'raffle_buyer', type: 'text', label: 'raffle.fields.waId', filter: 'eq' },
  // the effective status: a pending order past its hold reads as expired
  {
    name: 'status',
    sql: ({ now }) =>
      sql`case when raffle_order.status = 'pending_payment' and raffle_order.expires_at <= ${now} then 'expired' else raffle_order.status end`,
    type: 'enum',
    label: 'raffle.fields.status',
    filter: 'enum',
    options: ORDER_STATUSES,
    sortable: true,
  },
  {
    name: 'numbers',
    sql: "array_to_string(raffle_order.numbers, ', ')",
    type: 'text',
    label: 'raffle.fields.numbers',
    searchable: true,
  },
  {
    name: 'amountMinor',
    type: 'money',
    currency: { column: 'currency' },
    label: 'raffle.fields.amount',
    sortable: true,
    filter: 'range',
  },
  { name: 'currency', type: 'text', label: 'raffle.fields.currency', defaultVisible: false },
  {
    name: 'expiresAt',
    type: 'datetime',
    label: 'raffle.fields.expiresAt',
    sortable: true,
    filter: 'range',
  },
  {
    name: 'proof',
    sql: "(select '/api/files/' || p.proof_file_id || '/content' from v_payments_payment p where p.org_id = raffle_order.org_id and p.purpose_type = 'raffle.order' and p.purpose_id = raffle_order.id::text and p.proof_file_id is not null order by p.created_at desc limit 1)",
    type: 'file',
    label: 'raffle.fields.proof',
  },
  {
    // A proof the buyer sent that staff have neither verified nor denied.
    name: 'proofWaiting',
    sql: "exists (select 1 from v_payments_payment p where p.org_id = raffle_order.org_id and p.purpose_type = 'raffle.order' and p.purpose_id = raffle_order.id::text and p.status = 'submitted')",
    type: 'boolean',
    label: 'raffle.fields.proofWaiting',
    filter: 'boolean',
    defaultVisible: false,
  },
  // The payment that paid the order, else the latest one (a proof waiting): the order page links it.
  {
    name: 'paymentId',
    sql: "coalesce(raffle_order.payment_id::text, (select p.id::text from v_payments_payment p where p.org_id = raffle_order.org_id and p.purpose_type = 'raffle.order' and p.purpose_id = raffle_order.id::text order by p.created_at desc, p.id desc limit 1))",
    type: 'id',
    label: 'raffle.fields.payment',
    defaultVisible: false,
  },
  {
    // What went back of its money (its refunds that went ahead): the raffle's money views net it.
    name: 'refundedMinor',
    type: 'money',
    currency: { column: 'currency' },
    label: 'raffle.fields.refunded',
    defaultVisible: false,
  },
  {
    name: 'refundDue',
    type: 'boolean',
    label: 'raffle.fields.refundDue',
    filter: 'boolean',
  },
  {
    name: 'createdAt',
    type: 'datetime',
    label: 'raffle.fields.createdAt',
    sortable: true,
    filter: 'range',
  },
];

/** What staff do to an order from its page. */
function orderActions(rt: { jobs: JobQueue }): ResourceAction[] {
  return [
    {
      name: 'confirm',
      label: 'raffle.actions.confirm',
      bulk: true,
      // One order is asked about by its tickets and buyer, saying what follows (issue 54, item 17).
      confirm: 'raffle.actions.confirmConfirm',
      permission: 'raffle.order.confirm',
      // Only an order still held for payment is confirmed or cancelled (a lapsed hold reads as expired).
      availableWhen: (order) => order.status === 'pending_payment',
      run: async (ctx, id) => void (await confirmOrder(ctx, id)),
    },
    {
      name: 'deny',
      label: 'raffle.actions.deny',
      bulk: true,
      confirm: true,
      permission: 'raffle.order.confirm',
      input: z.object({ reason: z.string().trim().min(1).max(500) }),
      // Only a proof still waiting is denied: never one already denied (issue 54, item 17).
      availableWhen: (order) => order.proofWaiting === true && order.status === 'pending_payment',
      run: async (ctx, id, input) =>
        void (await denyOrderProof(ctx, id, (input as { reason: string }).reason)),
    },
    {
      name: 'cancel',
      label: 'raffle.actions.cancel',
      bulk: true,
      confirm: 'raffle.actions.cancelConfirm',
      permission: 'raffle.order.cancel',
      availableWhen: (order) => order.status === 'pending_payment',
      run: async (ctx, id) => void (await cancelOrder(ctx, { jobs: rt.jobs, notify: true }, id)),
    },
  ];
}

/** Orders with their payment state: confirm, deny a proof, cancel. */
export function ordersResource(rt: { jobs: JobQueue }): ResourceDefinition {
  return defineResource({
    name: 'raffle.orders',
    label: 'raffle.menu.orders',
    path: '/api/raffle/console/orders',
    table: 'raffle_order',
    idColumn: 'id',
    quickFind: true,
    permission: { read: 'raffle.order.read' },
    auditSubject: 'raffle_order',
    joins: [
      { table: 'raffle_raffle', on: ['raffle_raffle.id', 'raffle_order.raffle_id'] },
      { table: 'raffle_buyer', on: ['raffle_buyer.id', 'raffle_order.buyer_id'] },
    ],
    columns: ORDER_COLUMNS,
    defaultSort: { column: 'createdAt', order: 'desc' },
    titleColumn: 'title',
    actions: orderActions(rt),
  });
}
