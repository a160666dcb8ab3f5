import type { Ctx } from '../../../core/context/index.ts';
import { type CurrencyCode, currencyExponent } from '../../../core/money/index.ts';
import { listResource, parseListParams, type ResourceDefinition } from '../../../core/resources/index.ts';
import { isUuid } from '../../../platform/ids/index.ts';
import { CoffeeErrors } from '../coffee.errors.ts';
import type { CoffeeTables } from '../coffee.tables.ts';
import { ourId } from './original-ids.ts';
import { v1Page } from './v1-envelope.ts';
import { major } from './v1-staff.contract.ts';

export type Item = Record<string, unknown>;
export const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : ((v as string | null) ?? null));

/**
 * A page of a native list in the original's paging (`page`, `page_size`): the list's own filters,
 * sort and scope, each row in the original's words.
 */
export async function v1ListPage<T>(
  ctx: Ctx,
  resource: ResourceDefinition,
  q: { page: number; page_size: number },
  filters: Record<string, string>,
  inWords: (item: Item) => T,
) {
  const params = parseListParams(resource, {
    page: String(q.page),
    perPage: String(q.page_size),
    ...filters,
  });
  const found = await listResource(ctx, resource, params);
  return v1Page(found.items.map(inWords), found.total, q.page, q.page_size);
}

interface DeviceRow {
  id: string;
  serial: string;
  name: string;
  model: string;
  firmware: string;
  status: string;
  last_seen_at: Date | null;
  temperature_tenths: number | null;
  merchant_id: string | null;
  location_id: string | null;
  tags: string[];
  legacy_tokenless_since: Date | null;
  created_at: Date;
}

/** The machine a staff path names: its serial (the original's `device_id`) or its id. */
export async function deviceNamed(ctx: Ctx, name: string): Promise<DeviceRow> {
  const row = await ctx.db
    .withTables<CoffeeTables>()
    .selectFrom('coffee_device')
    .select([
      'id',
      'serial',
      'name',
      'model',
      'firmware',
      'status',
      'last_seen_at',
      'temperature_tenths',
      'merchant_id',
      'location_id',
      'tags',
      'legacy_tokenless_since',
      'created_at',
    ])
    .where((eb) =>
      isUuid(name) ? eb.or([eb('id', '=', name), eb('serial', '=', name)]) : eb('serial', '=', name),
    )
    .executeTakeFirst();
  if (!row) throw CoffeeErrors.device_not_found({ deviceId: name });
  return row;
}

export const v1Device = (d: DeviceRow) => ({
  device_id: d.serial,
  id: d.id,
  alias: d.name,
  model: d.model,
  fw_version: d.firmware,
  status: d.status,
  last_seen: d.last_seen_at?.toISOString() ?? null,
  temperature: d.temperature_tenths === null ? null : d.temperature_tenths / 10,
  merchant_id: d.merchant_id,
  location_id: d.location_id,
  tags: d.tags,
  legacy_tokenless: d.legacy_tokenless_since !== null,
  created_at: d.created_at.toISOString(),
});

/** A row of the native device list in the original's words. */
export const v1DeviceOfItem = (d: Item) => ({
  device_id: d.serial,
  id: d.id,
  alias: d.name,
  model: d.model,
  fw_version: d.firmware,
  status: d.status,
  last_seen: iso(d.lastSeenAt),
  temperature: d.temperature ?? null,
  merchant_id: d.merchantId ?? null,
  tags: typeof d.tags === 'string' && d.tags ? d.tags.split(', ') : [],
  created_at: iso(d.createdAt),
});

export async function orderNamed(ctx: Ctx, name: string) {
  const rows = await ctx.db
    .withTables<CoffeeTables>()
    .selectFrom('coffee_order')
    .innerJoin('coffee_device', 'coffee_device.id', 'coffee_order.device_id')
    .selectAll('coffee_order')
    .select('coffee_device.serial')
    .where((eb) =>
      isUuid(name)
        ? eb.or([eb('coffee_order.id', '=', name), eb('coffee_order.device_order_id', '=', name)])
        : eb('coffee_order.device_order_id', '=', name),
    )
    .limit(2)
    .execute();
  // the machine's own order id names one order only when no other machine used it too; the
  // original's `order_id` of an order the import brought names that one (the origin map)
  if (rows.length === 1) return rows[0]!;
  const imported = rows.length > 1 ? await ourId(ctx, 'order', name) : undefined;
  const found = rows.find((r) => r.id === imported);
  if (!found) throw CoffeeErrors.order_not_found({ id: name });
  return found;
}

type OrderItems = Array<{ name: string; qty: number; unitPriceMinor: number }>;
export const itemsOf = (o: { items: unknown }): OrderItems =>
  (typeof o.items === 'string' ? JSON.parse(o.items) : o.items) as OrderItems;

export const v1Order = (o: Awaited<ReturnType<typeof orderNamed>>) => {
  const exp = currencyExponent(o.currency as CurrencyCode);
  return {
    order_id: o.device_order_id,
    id: o.id,
    device_id: o.serial,
    device_ts: o.ordered_at.toISOString(),
    server_ts: o.created_at.toISOString(),
    items_count: itemsOf(o).reduce((n, i) => n + i.qty, 0),
    total_price: major(Number(o.total_minor), exp),
    currency: o.currency,
    payment_method: o.payment_method,
    payment_status: o.payment_status,
    is_exception: o.vend_status === 'failed',
    refund_reason: o.refund_reason,
  };
};

/** A row of the native order list in the original's words. */
export const v1OrderOfItem = (o: Item) => ({
  order_id: o.deviceOrderId,
  id: o.id,
  device_id: o.device,
  device_ts: iso(o.orderedAt),
  total_price: major(Number(o.totalMinor), currencyExponent(String(o.currency) as CurrencyCode)),
  currency: o.currency,
  payment_method: o.paymentMethod,
  payment_status: o.paymentStatus,
  is_exception: o.vendStatus === 'failed',
  refund_reason: o.refundReason ?? null,
});
