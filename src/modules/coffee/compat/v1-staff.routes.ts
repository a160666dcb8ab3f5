import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type CurrencyCode, currencyExponent } from '../../../core/money/index.ts';
import { sql } from '../../../platform/db/index.ts';
import { routeOptions } from '../../../platform/http/index.ts';
import type { CoffeeRuntime } from '../coffee.runtime.ts';
import { fleetSummary } from '../fleet-summary.ts';
import { merchantOf } from './original-ids.ts';
import { answerErrorsInV1Envelope, answers, ok } from './v1-envelope.ts';
import { major, tags, v1DashboardQuery } from './v1-staff.contract.ts';
import { v1StaffDeviceRoutes } from './v1-staff-devices.routes.ts';
import { v1StaffOrderRoutes } from './v1-staff-orders.routes.ts';

const op = routeOptions(tags);

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

    app.get(
      '/api/v1/health',
      op({ public: true }, "The service is up (the original's health check)", { response: answers }),
      async (_req, reply) => {
        await sql`select 1`.execute(rt.deps.database.db);
        return ok(reply, { status: 'healthy', timestamp: rt.deps.clock.now().toISOString() });
      },
    );

    app.get(
      '/api/v1/dashboard/summary',
      op(
        { permission: 'coffee.device.read', refuses: [422] },
        'Fleet KPIs and the daily sales trend (default: the last 7 days)',
        { querystring: v1DashboardQuery, response: answers },
      ),
      async (req, reply) => {
        const q = req.query;
        const merchantId = q.merchant_id ? await merchantOf(req.ctx, q.merchant_id) : undefined;
        const s = await fleetSummary(req.ctx, {
          ...(merchantId ? { merchantId } : {}),
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

    await app.register(v1StaffDeviceRoutes(rt));
    await app.register(v1StaffOrderRoutes(rt));
  };
