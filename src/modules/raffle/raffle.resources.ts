import { sql } from 'kysely';
import { z } from 'zod';
import { defineResource, type ResourceDefinition } from '../../core/resources/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { drawRaffle } from './draw.ts';
import { cancelOrder, confirmOrder, denyOrderProof } from './orders.ts';
import { newRaffleSchema } from './raffle.contract.ts';
import {
  closeRaffle,
  createRaffle,
  deleteDraftRaffle,
  type RaffleChanges,
  startSelling,
  updateRaffle,
} from './raffles.ts';

/** What the edit form may send: any field of a new raffle but the currency (prices keep theirs). */
const raffleChangesSchema = newRaffleSchema.omit({ currency: true }).partial();

const ORDER_STATUSES = ['pending_payment', 'paid', 'cancelled', 'expired'] as const;

/** Console screens (list, filters, search, export, bulk actions, audit timeline are generated). */
export function raffleResources(deps: { jobs: JobQueue }): ResourceDefinition[] {
  const raffles = defineResource({
    name: 'raffle.raffles',
    label: 'raffle.menu.raffles',
    path: '/api/raffle/console/raffles',
    table: 'raffle_raffle',
    idColumn: 'id',
    permission: { read: 'raffle.raffle.read' },
    auditSubject: 'raffle_raffle',
    columns: [
      { name: 'id', type: 'id', label: 'raffle.fields.id', defaultVisible: false },
      {
        name: 'title',
        type: 'text',
        label: 'raffle.fields.title',
        sortable: true,
        searchable: true,
        filter: 'contains',
      },
      {
        name: 'status',
        type: 'enum',
        label: 'raffle.fields.status',
        filter: 'enum',
        options: ['draft', 'selling', 'closed', 'drawn'],
        sortable: true,
      },
      {
        name: 'priceMinor',
        type: 'money',
        currency: { column: 'currency' },
        label: 'raffle.fields.price',
        sortable: true,
      },
      { name: 'currency', type: 'text', label: 'raffle.fields.currency', defaultVisible: false },
      {
        name: 'minNumber',
        type: 'number',
        label: 'raffle.fields.minNumber',
      },
      {
        name: 'maxNumber',
        type: 'number',
        label: 'raffle.fields.maxNumber',
      },
      {
        name: 'closesAt',
        type: 'datetime',
        label: 'raffle.fields.closesAt',
        sortable: true,
        filter: 'range',
      },
      { name: 'commitment', type: 'text', label: 'raffle.fields.commitment', defaultVisible: false },
      {
        name: 'createdAt',
        type: 'datetime',
        label: 'raffle.fields.createdAt',
        sortable: true,
        filter: 'range',
      },
    ],
    defaultSort: { column: 'createdAt', order: 'desc' },
    titleColumn: 'title',
    // The raffle's life from its page: each step is offered only in the state it applies to.
    actions: [
      {
        name: 'start-selling',
        label: 'raffle.actions.startSelling',
        bulk: false,
        confirm: true,
        permission: 'raffle.raffle.manage',
        availableWhen: (raffle) => raffle.status === 'draft',
        run: async (ctx, id) => void (await startSelling(ctx, id)),
      },
      {
        name: 'close',
        label: 'raffle.actions.close',
        bulk: false,
        confirm: true,
        permission: 'raffle.raffle.manage',
        availableWhen: (raffle) => raffle.status === 'selling',
        run: async (ctx, id) => void (await closeRaffle(ctx, id)),
      },
      {
        name: 'draw',
        label: 'raffle.actions.draw',
        bulk: false,
        confirm: true,
        permission: 'raffle.raffle.draw',
        availableWhen: (raffle) => raffle.status === 'closed',
        run: async (ctx, id) => void (await drawRaffle(ctx, id, deps)),
      },
      {
        name: 'delete',
        label: 'raffle.actions.delete',
        bulk: false,
        confirm: true,
        permission: 'raffle.raffle.manage',
        availableWhen: (raffle) => raffle.status === 'draft',
        run: async (ctx, id) => deleteDraftRaffle(ctx, id),
      },
    ],
    // The create/edit form; the routes delegate to the same use cases as the API.
    form: {
      fields: [
        { name: 'title', type: 'text', label: 'raffle.fields.title', required: true, maxLength: 200 },
        { name: 'description', type: 'textarea', label: 'raffle.fields.description', maxLength: 2000 },
        {
          name: 'currency',
          type: 'text',
          label: 'raffle.fields.currency',
          required: true,
          maxLength: 3,
          on: 'create',
        },
        {
          name: 'priceMinor',
          type: 'money',
          label: 'raffle.fields.price',
          required: true,
          min: 1,
          currency: { field: 'currency' },
        },
        { name: 'minNumber', type: 'number', label: 'raffle.fields.minNumber', required: true, min: 0 },
        { name: 'maxNumber', type: 'number', label: 'raffle.fields.maxNumber', required: true, min: 0 },
        { name: 'maxPerOrder', type: 'number', label: 'raffle.fields.maxPerOrder', min: 1, max: 500 },
        { name: 'maxPerBuyer', type: 'number', label: 'raffle.fields.maxPerBuyer', min: 1 },
        { name: 'holdMinutes', type: 'number', label: 'raffle.fields.holdMinutes', min: 1, max: 1440 },
        { name: 'opensAt', type: 'datetime', label: 'raffle.fields.opensAt' },
        { name: 'closesAt', type: 'datetime', label: 'raffle.fields.closesAt' },
        { name: 'prizes', type: 'list', label: 'raffle.fields.prizes', required: true },
      ],
      create: {
        permission: 'raffle.raffle.manage',
        input: newRaffleSchema,
        run: async (ctx, input) => ({ id: (await createRaffle(ctx, newRaffleSchema.parse(input))).id }),
      },
      update: {
        permission: 'raffle.raffle.manage',
        input: raffleChangesSchema,
        run: async (ctx, id, input) => void (await updateRaffle(ctx, id, input as RaffleChanges)),
      },
    },
  });
  const orders = defineResource({
    name: 'raffle.orders',
    label: 'raffle.menu.orders',
    path: '/api/raffle/console/orders',
    table: 'raffle_order',
    idColumn: 'id',
    permission: { read: 'raffle.order.read' },
    auditSubject: 'raffle_order',
    joins: [
      { table: 'raffle_raffle', on: ['raffle_raffle.id', 'raffle_order.raffle_id'] },
      { table: 'raffle_buyer', on: ['raffle_buyer.id', 'raffle_order.buyer_id'] },
    ],
    columns: [
      { name: 'id', type: 'id', label: 'raffle.fields.id', defaultVisible: false },
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
        name: 'buyer',
        table: 'raffle_buyer',
        column: 'display_name',
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
      // The payment that paid the order, else the latest one (a proof waiting): the order page links it.
      {
        name: 'paymentId',
        sql: "coalesce(raffle_order.payment_id::text, (select p.id::text from v_payments_payment p where p.org_id = raffle_order.org_id and p.purpose_type = 'raffle.order' and p.purpose_id = raffle_order.id::text order by p.created_at desc, p.id desc limit 1))",
        type: 'id',
        label: 'raffle.fields.payment',
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
    ],
    defaultSort: { column: 'createdAt', order: 'desc' },
    actions: [
      {
        name: 'confirm',
        label: 'raffle.actions.confirm',
        bulk: true,
        confirm: true,
        permission: 'raffle.order.confirm',
        run: async (ctx, id) => void (await confirmOrder(ctx, id)),
      },
      {
        name: 'deny',
        label: 'raffle.actions.deny',
        bulk: true,
        confirm: true,
        permission: 'raffle.order.confirm',
        input: z.object({ reason: z.string().trim().min(1).max(500) }),
        // Only an order with a proof waiting has one to deny.
        availableWhen: (order) => order.proof != null && order.status === 'pending_payment',
        run: async (ctx, id, input) =>
          void (await denyOrderProof(ctx, id, (input as { reason: string }).reason)),
      },
      {
        name: 'cancel',
        label: 'raffle.actions.cancel',
        bulk: true,
        confirm: true,
        permission: 'raffle.order.cancel',
        run: async (ctx, id) => void (await cancelOrder(ctx, id, { jobs: deps.jobs, notify: true })),
      },
    ],
  });
  const tickets = defineResource({
    name: 'raffle.tickets',
    label: 'raffle.menu.tickets',
    path: '/api/raffle/console/tickets',
    table: 'raffle_ticket',
    idColumn: 'id',
    permission: { read: 'raffle.ticket.read' },
    auditSubject: 'raffle_ticket',
    largeTables: ['raffle_ticket'],
    joins: [{ table: 'raffle_raffle', on: ['raffle_raffle.id', 'raffle_ticket.raffle_id'] }],
    columns: [
      { name: 'id', type: 'id', label: 'raffle.fields.id', defaultVisible: false },
      {
        name: 'raffle',
        table: 'raffle_raffle',
        column: 'title',
        type: 'text',
        label: 'raffle.fields.raffle',
        searchable: true,
      },
      {
        name: 'number',
        type: 'number',
        label: 'raffle.fields.number',
        sortable: true,
        filter: 'range',
      },
      {
        name: 'status',
        sql: ({ now }) =>
          sql`case when raffle_ticket.status = 'held' and raffle_ticket.held_until <= ${now} then 'available' else raffle_ticket.status end`,
        // The same condition on the stored status, so the filter uses raffle_ticket_list_status_idx.
        eqSql: (value, { now }) =>
          sql`(raffle_ticket.status = ${value} and not (raffle_ticket.status = 'held' and raffle_ticket.held_until <= ${now}))
              or (${value} = 'available' and raffle_ticket.status = 'held' and raffle_ticket.held_until <= ${now})`,
        type: 'enum',
        label: 'raffle.fields.status',
        filter: 'enum',
        options: ['available', 'held', 'sold'],
      },
      {
        name: 'orderId',
        // An id filter: a value that is not a uuid is refused as a 400, never sent to SQL.
        type: 'id',
        label: 'raffle.fields.order',
        filter: 'eq',
      },
    ],
    defaultSort: { column: 'number', order: 'asc' },
  });
  const buyers = defineResource({
    name: 'raffle.buyers',
    label: 'raffle.menu.buyers',
    path: '/api/raffle/console/buyers',
    table: 'raffle_buyer',
    idColumn: 'id',
    permission: { read: 'raffle.buyer.read' },
    auditSubject: 'raffle_buyer',
    columns: [
      { name: 'id', type: 'id', label: 'raffle.fields.id', defaultVisible: false },
      {
        name: 'name',
        column: 'display_name',
        type: 'text',
        label: 'raffle.fields.buyer',
        searchable: true,
        sortable: true,
      },
      { name: 'waId', type: 'text', label: 'raffle.fields.waId', filter: 'eq' },
      { name: 'language', type: 'text', label: 'raffle.fields.language' },
      {
        name: 'orders',
        sql: '(select count(*) from raffle_order o where o.org_id = raffle_buyer.org_id and o.buyer_id = raffle_buyer.id)',
        type: 'number',
        label: 'raffle.fields.orders',
      },
      {
        name: 'createdAt',
        type: 'datetime',
        label: 'raffle.fields.createdAt',
        sortable: true,
        filter: 'range',
      },
    ],
    defaultSort: { column: 'createdAt', order: 'desc' },
  });
  return [raffles, orders, tickets, buyers];
}
