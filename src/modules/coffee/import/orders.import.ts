import {
  booleanField,
  choiceField,
  dateTimeField,
  FieldProblem,
  type ImportModel,
  integerField,
  targetOf,
  textField,
  uniqueRefusals,
} from '../../../core/imports/index.ts';
import { type CurrencyCode, currencyExponent, isCurrencyCode } from '../../../core/money/index.ts';
import { sql } from '../../../platform/db/index.ts';
import type { CoffeeTables } from '../coffee.tables.ts';
import { numberField } from './source-values.ts';

export interface ImportedOrder {
  deviceId: string;
  deviceOrderId: string;
  totalMinor: number;
  currency: CurrencyCode;
  paymentMethod: string;
  paymentStatus: 'unpaid' | 'paid' | 'refunded';
  vendStatus: 'vended' | 'failed';
  orderedAt: Date;
}

/** A price the original keeps as a float (`25.5`) in minor units of its currency (2550). */
const minorOf = (amount: number, currency: CurrencyCode) =>
  Math.round(amount * 10 ** currencyExponent(currency));

/**
 * `orders` → `coffee_order`, known by the machine's own order id (`order_id`, as machines report it
 * again): its total, currency and payment as they were. A refund that failed left the money paid; an
 * exception order (`is_exception`) is one the machine did not vend. Its lines come with `order_items`.
 */
export function ordersImport(currencies: Map<string, CurrencyCode>): ImportModel<ImportedOrder> {
  return {
    model: 'coffee.order',
    label: 'orders',
    table: { name: 'orders', pk: 'order_id' },
    async begin(_ctx, refs) {
      return {
        parse(record) {
          const f = record.fields;
          if (record.pk.length < 1 || record.pk.length > 100)
            throw new FieldProblem('order_id', 'expected 1 to 100 characters');
          const currency = (textField(f, 'currency', { max: 3 }) ?? 'CNY').toUpperCase();
          if (!isCurrencyCode(currency))
            throw new FieldProblem('currency', `"${currency}" is not an ISO 4217 currency`);
          const total = numberField(f, 'total_price', { required: true })!;
          if (total < 0) throw new FieldProblem('total_price', `expected 0 or more, got ${total}`);
          const status = choiceField(f, 'payment_status', ['unpaid', 'paid', 'refunded', 'refund_failed'], {
            required: true,
          })!;
          currencies.set(record.pk, currency);
          return {
            row: {
              deviceId: targetOf(refs, record, 'device_id', 'coffee.device', 'machine', { required: true })!,
              deviceOrderId: record.pk,
              totalMinor: minorOf(total, currency),
              currency,
              paymentMethod: textField(f, 'payment_method', { required: true, max: 20 })!,
              paymentStatus: status === 'refund_failed' ? 'paid' : status,
              vendStatus: booleanField(f, 'is_exception') ? 'failed' : 'vended',
              orderedAt: dateTimeField(f, 'device_ts') ?? dateTimeField(f, 'server_ts', { required: true })!,
            },
          };
        },
        async write(tx, rows) {
          const inserted = await tx.db
            .withTables<CoffeeTables>()
            .insertInto('coffee_order')
            .values(
              rows.map((o) => ({
                device_id: o.deviceId,
                device_order_id: o.deviceOrderId,
                items: '[]',
                total_minor: o.totalMinor,
                currency: o.currency,
                payment_method: o.paymentMethod,
                payment_status: o.paymentStatus,
                vend_status: o.vendStatus,
                ordered_at: o.orderedAt,
              })),
            )
            .returning('id')
            .execute();
          return inserted.map((r) => r.id);
        },
        refusalOf: uniqueRefusals({
          coffee_order_device_id_device_order_id_key:
            'order_id: the machine has an order with this id in Opsdesk already',
        }),
      };
    },
  };
}

export interface ImportedOrderLine {
  orderId: string;
  line: { name: string; qty: number; unitPriceMinor: number };
}

/**
 * `order_items` → a line of its order's `items` (Opsdesk keeps an order's lines with the order): the
 * product's name, quantity and unit price in the order's currency. Its origin points at the order.
 * `currencies`: the currency of each order this run read, by the original's `order_id`.
 */
export function orderItemsImport(currencies: Map<string, CurrencyCode>): ImportModel<ImportedOrderLine> {
  return {
    model: 'coffee.orderitem',
    label: 'order lines',
    table: { name: 'order_items' },
    async begin(ctx, refs) {
      // Orders an earlier run brought over: their currency as Opsdesk keeps it.
      const earlier = new Map(
        (
          await ctx.db
            .withTables<CoffeeTables>()
            .selectFrom('coffee_order')
            .select(['id', 'currency'])
            .execute()
        ).map((o) => [o.id, o.currency as CurrencyCode]),
      );
      return {
        parse(record) {
          const f = record.fields;
          const orderId = targetOf(refs, record, 'order_id', 'coffee.order', 'order', { required: true })!;
          const qty = Number(integerField(f, 'qty') ?? 1);
          if (qty < 1) throw new FieldProblem('qty', `expected 1 or more, got ${qty}`);
          const unitPrice = numberField(f, 'unit_price') ?? 0;
          if (unitPrice < 0) throw new FieldProblem('unit_price', `expected 0 or more, got ${unitPrice}`);
          const currency = currencies.get(String(f.order_id)) ?? earlier.get(orderId);
          if (!currency) throw new FieldProblem('order_id', 'its order is not in this organization');
          return {
            row: {
              orderId,
              line: {
                name: textField(f, 'name', { required: true, max: 200 })!,
                qty,
                unitPriceMinor: minorOf(unitPrice, currency),
              },
            },
          };
        },
        async write(tx, rows) {
          // One update per order, its lines appended in the source's order.
          const byOrder = new Map<string, ImportedOrderLine['line'][]>();
          for (const r of rows) byOrder.set(r.orderId, [...(byOrder.get(r.orderId) ?? []), r.line]);
          const values = [...byOrder].map(
            ([id, lines]) => sql`(${id}::uuid, ${JSON.stringify(lines)}::jsonb)`,
          );
          await sql`
            update coffee_order o set items = o.items || v.lines
            from (values ${sql.join(values)}) as v(id, lines)
            where o.id = v.id`.execute(tx.db);
          return rows.map((r) => r.orderId);
        },
      };
    },
  };
}
