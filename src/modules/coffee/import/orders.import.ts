import type { Ctx } from '../../../core/context/index.ts';
import {
  booleanField,
  dateTimeField,
  FieldProblem,
  type ImportModel,
  type ImportRefs,
  integerField,
  type RowVerdict,
  type SourceRecord,
  targetOf,
  textField,
  uniqueRefusals,
} from '../../../core/imports/index.ts';
import { type CurrencyCode, currencyExponent, isCurrencyCode } from '../../../core/money/index.ts';
import { sql } from '../../../platform/db/index.ts';
import type { CoffeeTables } from '../coffee.tables.ts';
import { PAYMENT_METHODS } from '../compat/v1-device.contract.ts';
import { minorUnitsOf, numberField } from './source-values.ts';

type PaymentStatus = 'unpaid' | 'paid' | 'refunded';

export interface ImportedOrder {
  deviceId: string;
  deviceOrderId: string;
  totalMinor: number;
  currency: CurrencyCode;
  paymentMethod: 'card' | 'corp' | 'cash' | 'wallet';
  paymentStatus: PaymentStatus;
  vendStatus: 'vended' | 'failed';
  orderedAt: Date;
  /** When the original last changed it: for a refunded order, when it was refunded there. */
  changedAt: Date | null;
}

const REFUNDED_THERE = 'refunded in the original system';

/** What the orders this run read are priced in and hold: their currency and their lines so far. */
export interface OrderBook {
  currencies: Map<string, CurrencyCode>;
  /** The original's `order_id` → its lines by the original's item id, as read (a later import: all of them again). */
  lines: Map<string, Map<string, OrderLine>>;
}
export interface OrderLine {
  name: string;
  qty: number;
  unitPriceMinor: number;
}
export const orderBook = (): OrderBook => ({ currencies: new Map(), lines: new Map() });

const text = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : v);

/**
 * `orders` → `coffee_order`, known by the machine's own order id (`order_id`, as machines report it
 * again): its total to the cent (the original's float rounded half up, `minorUnitsOf`), currency and
 * payment as they were; WeChat Pay and Alipay are wallets; a refund that failed left the money paid;
 * an exception order (`is_exception`) is one the machine did not vend. Its lines come with
 * `order_items`. A later import brings a refund (or a payment) made in the original since.
 */
export function ordersImport(book: OrderBook): ImportModel<ImportedOrder> {
  return {
    model: 'coffee.order',
    label: 'orders',
    table: { name: 'orders', pk: 'order_id' },
    async begin(_ctx, refs) {
      return {
        parse: (record) => parseCoffeeOrder(record, refs, book),
        async write(tx, rows) {
          const inserted = await tx.db
            .withTables<CoffeeTables>()
            .insertInto('coffee_order')
            .values(
              rows.map((o) => ({
                device_id: o.deviceId,
                device_order_id: o.deviceOrderId,
                items: '[]',
                ...orderState(o),
              })),
            )
            .returning('id')
            .execute();
          return inserted.map((r) => r.id);
        },
        async update(tx, rows) {
          for (const { id, row } of rows)
            await tx.db
              .withTables<CoffeeTables>()
              .updateTable('coffee_order')
              .set({ device_id: row.deviceId, ...orderState(row) })
              .where('id', '=', id)
              .execute();
        },
        refusalOf: uniqueRefusals({
          coffee_order_device_id_device_order_id_key:
            'order_id: the machine has an order with this id in Opsdesk already',
        }),
      };
    },
  };
}

/** One original order read: its total to the cent in its currency, its payment and whether the machine vended. */
function parseCoffeeOrder(
  record: SourceRecord,
  refs: ImportRefs,
  book: OrderBook,
): RowVerdict<ImportedOrder> {
  const f = record.fields;
  if (record.pk.length < 1 || record.pk.length > 100)
    throw new FieldProblem('order_id', 'is longer than 100 characters: no machine order id is');
  const written = (textField(f, 'currency', { max: 10 }) ?? 'CNY').toUpperCase();
  // "RMB" is how the original's machines in China name the yuan; ISO 4217 calls it CNY.
  const currency = written === 'RMB' ? 'CNY' : written;
  if (!isCurrencyCode(currency))
    throw new FieldProblem('currency', `"${currency}" is not an ISO 4217 currency`);
  const total = numberField(f, 'total_price') ?? 0;
  if (total < 0)
    throw new FieldProblem(
      'total_price',
      `${total}: an order below zero is no sale (Opsdesk records refunds on the order they refund)`,
    );
  const money = minorUnitsOf(total, currencyExponent(currency));
  const status = text(f.payment_status) ?? 'unpaid';
  if (!['unpaid', 'paid', 'refunded', 'refund_failed'].includes(String(status)))
    throw new FieldProblem('payment_status', `"${String(status)}" is no payment status of the original`);
  const method = String(text(f.payment_method) ?? 'card');
  book.currencies.set(record.pk, currency);
  const notes = [
    ...(method === 'wechat' || method === 'alipay' ? ['WeChat Pay and Alipay kept as wallet payments'] : []),
    ...(status === 'refund_failed' ? ['a refund that failed: the order stays paid'] : []),
    ...(written === 'RMB' ? ['currency RMB read as CNY (the yuan)'] : []),
    ...(money.exact ? [] : ['a total with more decimals than the currency: rounded half up to the cent']),
  ];
  return {
    row: {
      deviceId: targetOf(refs, record, 'device_id', 'coffee.device', 'machine', { required: true })!,
      deviceOrderId: record.pk,
      totalMinor: money.minor,
      currency,
      paymentMethod: PAYMENT_METHODS[method] ?? 'card',
      paymentStatus: status === 'refund_failed' ? 'paid' : (status as PaymentStatus),
      vendStatus: booleanField(f, 'is_exception') ? 'failed' : 'vended',
      orderedAt: dateTimeField(f, 'device_ts') ?? dateTimeField(f, 'server_ts', { required: true })!,
      changedAt: dateTimeField(f, 'updated_at'),
    },
    ...(PAYMENT_METHODS[method]
      ? {}
      : {
          flags: [
            {
              field: 'payment_method',
              reason: `"${method}" is no payment method Opsdesk knows: recorded as card`,
            },
          ],
        }),
    notes,
  };
}

const orderState = (o: ImportedOrder) => ({
  total_minor: o.totalMinor,
  currency: o.currency,
  payment_method: o.paymentMethod,
  payment_status: o.paymentStatus,
  vend_status: o.vendStatus,
  ordered_at: o.orderedAt,
  refund_reason: o.paymentStatus === 'refunded' ? REFUNDED_THERE : null,
  refunded_at: o.paymentStatus === 'refunded' ? (o.changedAt ?? o.orderedAt) : null,
});

export interface ImportedOrderLine {
  orderId: string;
  /** The original's `order_id`: its lines as the book holds them now. */
  orderPk: string;
}

/**
 * `order_items` → the lines of their order (Opsdesk keeps an order's lines with the order): the
 * product's name, quantity and unit price in the order's currency. Each write sets the order's
 * lines to all of its items read so far, in the original's order, so an import repeated after the
 * original replaced an order's items (its `seed-demo` does) holds the new ones only, never twice.
 */
export function orderItemsImport(book: OrderBook): ImportModel<ImportedOrderLine> {
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
          const orderPk = String(f.order_id);
          const qty = Number(integerField(f, 'qty') ?? 1);
          if (qty < 1) throw new FieldProblem('qty', `${qty}: a line sells at least one`);
          const unitPrice = numberField(f, 'unit_price') ?? 0;
          if (unitPrice < 0) throw new FieldProblem('unit_price', `${unitPrice}: a price below zero`);
          const currency = book.currencies.get(orderPk) ?? earlier.get(orderId);
          if (!currency) throw new FieldProblem('order_id', 'its order is not in this organization');
          const lines = book.lines.get(orderPk) ?? new Map<string, OrderLine>();
          book.lines.set(orderPk, lines);
          lines.set(record.pk, {
            name: textField(f, 'name', { required: true, max: 255 })!.slice(0, 100),
            qty,
            unitPriceMinor: minorUnitsOf(unitPrice, currencyExponent(currency)).minor,
          });
          return { row: { orderId, orderPk } };
        },
        async write(tx, rows) {
          await setLines(tx, rows);
          return rows.map((r) => r.orderId);
        },
        async update(tx, rows) {
          await setLines(
            tx,
            rows.map((r) => r.row),
          );
        },
      };

      /** One statement for the batch: each order's lines, all that the book holds of it. */
      async function setLines(tx: Ctx, rows: ReadonlyArray<ImportedOrderLine>) {
        const orders = new Map(rows.map((r) => [r.orderId, r.orderPk]));
        const values = [...orders].map(
          ([id, pk]) =>
            sql`(${id}::uuid, ${JSON.stringify([...(book.lines.get(pk)?.values() ?? [])])}::jsonb)`,
        );
        await sql`
          update coffee_order o set items = v.lines
          from (values ${sql.join(values)}) as v(id, lines)
          where o.id = v.id`.execute(tx.db);
      }
    },
  };
}
