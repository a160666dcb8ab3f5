import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../core/context/index.ts';
import { machineApi, routeOptions } from '../../platform/http/index.ts';
import { type AuthenticatedMeter, authenticateMeter } from './meter-device-tokens.ts';
import { meterReportSchema, recordMeterReport, tokensWaitingFor } from './meter-reports.ts';
import { balanceTrustFields } from './prepaid.contract.ts';
import { PrepaidErrors } from './prepaid.errors.ts';
import type { PrepaidRuntime } from './prepaid.runtime.ts';
import { meterConsumption } from './readings.ts';

const op = routeOptions(['prepaid meter']);

/** A meter reports every few minutes at most; this leaves room for retries and a backlog. */
const METER_CALLS_PER_MINUTE = 120;

/**
 * The meter API (`/api/prepaid/meter/…`), shaped like coffee's device API. Public to the staff auth
 * hook: each route authenticates its caller by the meter's own token (`ppm_…`, issued by staff;
 * hash compared in constant time; bad or revoked is 401) and acts on that meter in its
 * organization only. Bearer token, no cookies: no browser CSRF applies. Rate limited per token;
 * tokens that fail also count against their address (`failedAuthLimit`), so guessing is refused.
 */
export const meterDeviceRoutes =
  (rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const api = machineApi(app, {
      name: 'prepaid-meter',
      callsPerMinute: METER_CALLS_PER_MINUTE,
      failedAuthPerMinute: rt.deps.config.OPSDESK_AUTH_FAILURES_PER_MINUTE,
      clock: rt.deps.clock,
    });
    const meterRoute = api.route;

    async function meter(req: FastifyRequest): Promise<{ meter: AuthenticatedMeter; ctx: Ctx }> {
      const found = await api.authenticate(req, (token) => authenticateMeter(rt.deps.database.db, token));
      if (!found) throw PrepaidErrors.meter_token_invalid({});
      const ctx = await req.actIn(found.orgId, { type: 'device', id: found.id, label: found.number });
      return { meter: found, ctx };
    }

    app.post(
      '/api/prepaid/meter/reports',
      op(
        { ...meterRoute, refuses: [401, 409, 422] as const },
        'The meter reports its register and the token counts it accepted; the same report id again changes nothing',
        {
          body: meterReportSchema,
          response: {
            200: z.object({
              created: z.boolean(),
              keyedIn: z.number(),
              reportedCount: z.number().nullable(),
              balanceTenths: z.number(),
              dailyTenths: z.number().nullable(),
              daysLeft: z.number().nullable(),
              ...balanceTrustFields,
            }),
          },
        },
      ),
      async (req) => {
        const { meter: m, ctx } = await meter(req);
        const outcome = await recordMeterReport(ctx, m.id, req.body);
        return { ...outcome, ...(await meterConsumption(ctx, m.id)) };
      },
    );
    app.get(
      '/api/prepaid/meter/tokens',
      op(meterRoute, 'Tokens issued to this meter and not yet keyed in, oldest first', {
        response: {
          200: z.object({
            items: z.array(
              z.object({
                token: z.string(),
                count: z.number(),
                value: z.number(),
                unitsTenths: z.number(),
                issuedAt: z.string(),
              }),
            ),
          }),
        },
      }),
      async (req) => {
        const { meter: m, ctx } = await meter(req);
        return { items: await tokensWaitingFor(ctx, m.id) };
      },
    );
  };
