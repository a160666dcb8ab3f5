import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../../core/context/index.ts';
import { type CurrencyCode, currencyExponent } from '../../../core/money/index.ts';
import { getOrganization } from '../../../core/orgs/index.ts';
import { listResource, parseListParams } from '../../../core/resources/index.ts';
import { sql } from '../../../platform/db/index.ts';
import { CoffeeErrors } from '../coffee.errors.ts';
import type { CoffeeRuntime } from '../coffee.runtime.ts';
import type { CoffeeTables } from '../coffee.tables.ts';
import { queueCommand } from '../commands.ts';
import { fleetSummary } from '../fleet-summary.ts';
import { refundOrder } from '../orders.ts';
import { devicesResource } from '../resources/devices.resource.ts';
import { ordersResource } from '../resources/orders.resource.ts';
import { answerErrorsInV1Envelope, envelope, ok, v1Page } from './v1-envelope.ts';
import {
  machineName,
  major,
  ourPaymentMethod,
  v1CommandSchema,
  v1DashboardQuery,
  v1DeviceListQuery,
  v1OrderListQuery,
  v1RefundSchema,
} from './v1-staff.contract.ts';

const tags = ['coffee staff (v1 compatibility)'];
const deviceParams = z.object({ deviceId: machineName });
// the machine's own order id: any text the database can hold (no NUL)
const orderParams = z.object({
  orderId: z
    .string()
    .min(1)
    .max(100)
    .refine((v) => !v.includes(String.fromCharCode(0)), 'an order id'),
});
const answers = { 200: envelope };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The original system's staff API, so the scripts and dashboards that read it keep working: its
 * paths under `/api/v1`, its parameter names, status words and `{ok, data}` envelope. Callers sign
 * in as Opsdesk staff (an API token or a console session) and need the native routes' permissions;
 * every route reads or acts through the native use case. A machine is named by its serial (the
 * original's `device_id`) or its id; an order by its id or the machine's own order id.
 */
export const v1StaffRoutes =
  (rt: CoffeeRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    answerErrorsInV1Envelope(app);
    const devices = devicesResource(rt);
    const orders = ordersResource(rt);

    app.get(
      '/api/v1/health',
      {
        schema: { tags, summary: "The service is up (the original's health check)", response: answers },
        config: { public: true },
      },
      async (_req, reply) => {
        await sql`select 1`.execute(rt.deps.database.db);
        return ok(reply, { status: 'healthy', timestamp: rt.deps.clock.now().toISOString() });
      },
    );

    app.get(
      '/api/v1/dashboard/summary',
      {
        schema: {
          tags,
          summary: 'Fleet KPIs and the daily sales trend (default: the last 7 days)',
          querystring: v1DashboardQuery,
          response: answers,
        },
        config: { permission: 'coffee.device.read', refuses: [422] },
      },
      async (req, reply) => {
        const q = req.query;
        const s = await fleetSummary(req.ctx, {
          ...(q.merchant_id ? { merchantId: q.merchant_id } : {}),
          ...(q.from ? { from: q.from } : {}),
          ...(q.to ? { to: q.to } : {}),
        });
        const exp = currencyExponent(s.sales.currency as CurrencyCode);
        const onlineRate = s.devices.total
          ? Math.round((s.devices.online / s.devices.total) * 1000) / 1000
          : 0;
        const sales = (minor: number, orders: number) => ({
          amount: major(minor, exp),
          currency: s.sales.currency,
          orders_count: orders,
        });
        return ok(reply, {
          device_total: s.devices.total,
          online_rate: onlineRate,
          sales_today: sales(s.sales.todayMinor, s.sales.todayOrders),
          sales_week: sales(s.sales.weekMinor, s.sales.weekOrders),
          alarms_open: s.openAlarms,
          materials_low: s.lowBins,
          trends: {
            sales: s.trend.map((t) => ({ date: t.day, value: major(t.salesMinor, exp), orders: t.orders })),
            // the original kept no history of the online rate: today's, for each day
            online_rate: s.trend.map((t) => ({ date: t.day, value: onlineRate })),
          },
        });
      },
    );

    app.get(
      '/api/v1/devices',
      {
        schema: {
          tags,
          summary: 'Machines, filtered and paged (page_size at most 100)',
          querystring: v1DeviceListQuery,
          response: answers,
        },
        config: { permission: 'coffee.device.read', refuses: [422] },
      },
      async (req, reply) => {
        const q = req.query;
        const params = parseListParams(devices, {
          page: String(q.page),
          perPage: String(q.page_size),
          ...(q.query ? { q: q.query } : {}),
          ...(q.merchant_id ? { merchantId: q.merchant_id } : {}),
          ...(q.model ? { model: q.model } : {}),
          ...(q.status ? { status: q.status } : {}),
        });
        const found = await listResource(req.ctx, devices, params);
        return ok(reply, v1Page(found.items.map(v1DeviceOfItem), found.total, q.page, q.page_size));
      },
    );
    app.get(
      '/api/v1/devices/:deviceId',
      {
        schema: { tags, summary: 'One machine', params: deviceParams, response: answers },
        config: { permission: 'coffee.device.read', refuses: [404] },
      },
      async (req, reply) => ok(reply, v1Device(await deviceNamed(req.ctx, req.params.deviceId))),
    );
    app.get(
      '/api/v1/devices/:deviceId/summary',
      {
        schema: {
          tags,
          summary: 'One machine with its orders today and this week, open alarms and low bins',
          params: deviceParams,
          response: answers,
        },
        config: { permission: 'coffee.device.read', refuses: [404] },
      },
      async (req, reply) => {
        const d = await deviceNamed(req.ctx, req.params.deviceId);
        const org = await getOrganization(req.ctx);
        const now = req.ctx.clock.now();
        const { rows } = await sql<{ today: number; week: number; alarms: number; low: number }>`
          select
            (select count(*)::int from coffee_order where device_id = ${d.id}
              and (ordered_at at time zone ${org.timeZone})::date = (${now}::timestamptz at time zone ${org.timeZone})::date) as today,
            (select count(*)::int from coffee_order where device_id = ${d.id}
              and ordered_at >= ${now}::timestamptz - interval '7 days') as week,
            (select count(*)::int from coffee_alarm where device_id = ${d.id} and status = 'open') as alarms,
            (select count(*)::int from coffee_bin where device_id = ${d.id} and remaining * 100 <= capacity * low_pct) as low`.execute(
          req.ctx.db,
        );
        const c = rows[0]!;
        return ok(reply, {
          device: v1Device(d),
          online_rate: d.status === 'online' ? 1 : 0,
          orders_today: c.today,
          orders_week: c.week,
          alarms_open: c.alarms,
          materials_low: c.low,
        });
      },
    );
    app.post(
      '/api/v1/devices/:deviceId/commands',
      {
        schema: {
          tags,
          summary: 'Queue a command for one machine (type, payload, max_attempts)',
          params: deviceParams,
          body: v1CommandSchema,
          response: answers,
        },
        config: { permission: 'coffee.command.send', refuses: [404, 409, 422] },
      },
      async (req, reply) => {
        const d = await deviceNamed(req.ctx, req.params.deviceId);
        const b = req.body;
        const c = await queueCommand(req.ctx, rt, d.id, {
          type: b.type,
          params: b.payload ?? {},
          ...(b.max_attempts ? { maxAttempts: b.max_attempts } : {}),
        });
        return ok(reply, {
          command_id: c.id,
          device_id: d.serial,
          type: c.type,
          payload: typeof c.params === 'string' ? JSON.parse(c.params) : c.params,
          status: c.status,
          attempts: c.attempts,
          max_attempts: c.max_attempts,
          issued_at: c.created_at.toISOString(),
        });
      },
    );

    app.get(
      '/api/v1/orders',
      {
        schema: {
          tags,
          summary: 'Orders, newest first, filtered and paged (page_size at most 100)',
          querystring: v1OrderListQuery,
          response: answers,
        },
        config: { permission: 'coffee.order.read', refuses: [422] },
      },
      async (req, reply) => {
        const q = req.query;
        const device = q.device_id ? await deviceNamed(req.ctx, q.device_id).catch(() => null) : undefined;
        if (device === null) return ok(reply, v1Page([], 0, q.page, q.page_size));
        const params = parseListParams(orders, {
          page: String(q.page),
          perPage: String(q.page_size),
          ...(q.from ? { orderedAt_gte: q.from } : {}),
          ...(q.to ? { orderedAt_lte: q.to } : {}),
          ...(device ? { deviceId: device.id } : {}),
          ...(q.payment_method ? { paymentMethod: ourPaymentMethod(q.payment_method) } : {}),
        });
        const found = await listResource(req.ctx, orders, params);
        return ok(reply, v1Page(found.items.map(v1OrderOfItem), found.total, q.page, q.page_size));
      },
    );
    app.get(
      '/api/v1/orders/:orderId',
      {
        schema: { tags, summary: 'One order with its items', params: orderParams, response: answers },
        config: { permission: 'coffee.order.read', refuses: [404] },
      },
      async (req, reply) => {
        const o = await orderNamed(req.ctx, req.params.orderId);
        return ok(reply, {
          order: v1Order(o),
          items: itemsOf(o).map((i) => ({
            name: i.name,
            qty: i.qty,
            unit_price: major(i.unitPriceMinor, currencyExponent(o.currency as CurrencyCode)),
          })),
        });
      },
    );
    app.post(
      '/api/v1/orders/:orderId/manual_refund',
      {
        schema: {
          tags,
          summary: 'Refund a paid order (reason, note); a refunded one answers already_refunded',
          params: orderParams,
          body: v1RefundSchema,
          response: answers,
        },
        config: { permission: 'coffee.order.refund', refuses: [400, 404, 422] },
      },
      async (req, reply) => {
        const o = await orderNamed(req.ctx, req.params.orderId);
        const { reason, note } = req.body;
        const { order, refundedNow } = await refundOrder(
          req.ctx,
          rt,
          o.id,
          note ? `${reason} (${note})` : reason,
        );
        return ok(reply, {
          order_id: o.device_order_id,
          payment_status: order.payment_status,
          ...(refundedNow
            ? {
                refund: {
                  reason,
                  note: note ?? null,
                  processed_by: req.auth?.label ?? null,
                  processed_at: order.refunded_at?.toISOString() ?? null,
                  type: 'manual',
                },
              }
            : { message: 'already_refunded' }),
        });
      },
    );
  };

type Item = Record<string, unknown>;
const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : ((v as string | null) ?? null));

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
async function deviceNamed(ctx: Ctx, name: string): Promise<DeviceRow> {
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
      UUID.test(name) ? eb.or([eb('id', '=', name), eb('serial', '=', name)]) : eb('serial', '=', name),
    )
    .executeTakeFirst();
  if (!row) throw CoffeeErrors.device_not_found({ deviceId: name });
  return row;
}

const v1Device = (d: DeviceRow) => ({
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
const v1DeviceOfItem = (d: Item) => ({
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

async function orderNamed(ctx: Ctx, name: string) {
  const rows = await ctx.db
    .withTables<CoffeeTables>()
    .selectFrom('coffee_order')
    .innerJoin('coffee_device', 'coffee_device.id', 'coffee_order.device_id')
    .selectAll('coffee_order')
    .select('coffee_device.serial')
    .where((eb) =>
      UUID.test(name)
        ? eb.or([eb('coffee_order.id', '=', name), eb('coffee_order.device_order_id', '=', name)])
        : eb('coffee_order.device_order_id', '=', name),
    )
    .limit(2)
    .execute();
  // the machine's own order id names one order only when no other machine used it too
  if (rows.length !== 1) throw CoffeeErrors.order_not_found({ id: name });
  return rows[0]!;
}

type OrderItems = Array<{ name: string; qty: number; unitPriceMinor: number }>;
const itemsOf = (o: { items: unknown }): OrderItems =>
  (typeof o.items === 'string' ? JSON.parse(o.items) : o.items) as OrderItems;

const v1Order = (o: Awaited<ReturnType<typeof orderNamed>>) => {
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
const v1OrderOfItem = (o: Item) => ({
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
