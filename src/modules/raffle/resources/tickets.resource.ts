import { sql } from 'kysely';
import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import { buyerNameSql, orderTitleMessageSql } from '../buyer-name.ts';

/** Every ticket number and who holds it. */
export const ticketsResource: ResourceDefinition = defineResource({
  name: 'raffle.tickets',
  label: 'raffle.menu.tickets',
  path: '/api/raffle/console/tickets',
  table: 'raffle_ticket',
  idColumn: 'id',
  permission: { read: 'raffle.ticket.read' },
  auditSubject: 'raffle_ticket',
  largeTables: ['raffle_ticket'],
  joins: [
    { table: 'raffle_raffle', on: ['raffle_raffle.id', 'raffle_ticket.raffle_id'] },
    { table: 'raffle_order', on: ['raffle_order.id', 'raffle_ticket.order_id'], kind: 'left' },
    { table: 'raffle_buyer', on: ['raffle_buyer.id', 'raffle_order.buyer_id'], kind: 'left' },
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
    // Who holds the number and in which order, named as people name them (issue 41, item 12).
    { name: 'buyer', sql: buyerNameSql('raffle_buyer'), type: 'text', label: 'raffle.fields.buyer' },
    {
      name: 'orderTitle',
      sql: orderTitleMessageSql('raffle_order'),
      type: 'message',
      label: 'raffle.fields.order',
    },
    {
      name: 'orderId',
      // An id filter: a value that is not a uuid is refused as a 400, never sent to SQL.
      type: 'id',
      label: 'raffle.fields.order',
      filter: 'eq',
      defaultVisible: false,
    },
  ],
  defaultSort: { column: 'number', order: 'asc' },
  titleColumn: 'number',
});
