import { defineResource, type ResourceDefinition } from '../../../core/resources/index.ts';
import type { CoffeeRuntime } from '../coffee.runtime.ts';
import { f } from './field-label.ts';

/**
 * Coffee sold at the machines, with what went back of each and what each keeps in the takings (the sale
 * less part refunds; nothing once refunded), so the list, its sums and its CSV net refunds as the
 * dashboard does. The Refund action is the order page's panel (`console/OrderRefundPanel.tsx`: what is
 * left or a part, a reason, 5 s to undo).
 */
export function ordersResource(_rt: CoffeeRuntime): ResourceDefinition {
  return defineResource({
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
      { name: 'deviceId', type: 'id', label: f('deviceId'), filter: 'eq', defaultVisible: false },
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
      {
        name: 'takingsMinor',
        sql: "case when coffee_order.payment_status = 'paid' then coffee_order.total_minor - coffee_order.refunded_minor else 0 end",
        type: 'money',
        currency: { column: 'currency' },
        label: f('takings'),
      },
      {
        name: 'refundedMinor',
        sql: "case when coffee_order.payment_status = 'refunded' then coffee_order.total_minor else coffee_order.refunded_minor end",
        type: 'money',
        currency: { column: 'currency' },
        label: f('refundedAmount'),
      },
      { name: 'refundReason', type: 'text', label: f('refundReason'), defaultVisible: false },
      { name: 'refundedAt', type: 'datetime', label: f('refundedAt'), defaultVisible: false },
      { name: 'orderedAt', type: 'datetime', label: f('orderedAt'), sortable: true, filter: 'range' },
    ],
    defaultSort: { column: 'orderedAt', order: 'desc' },
    titleColumn: 'deviceOrderId',
  });
}
