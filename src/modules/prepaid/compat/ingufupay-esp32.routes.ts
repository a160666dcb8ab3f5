import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../../../core/context/index.ts';
import { machineApi, routeOptions } from '../../../platform/http/index.ts';
import { type AuthenticatedMeter, authenticateMeter } from '../meter-device-tokens.ts';
import { recordMeterReport, tokensWaitingFor } from '../meter-reports.ts';
import { getMeterRow, type MeterRow } from '../meters.ts';
import { PrepaidErrors } from '../prepaid.errors.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import {
  esp32Answer,
  esp32PollAnswer,
  esp32PollQuery,
  esp32ReportBody,
  ORIGINAL_METER_STATUS,
  tags,
  unitsOf,
} from './ingufupay.contract.ts';
import { balanceOf, lastRegisterTenths } from './ingufupay-reads.ts';

const op = routeOptions(tags);

/** As the native meter API: a meter reports every few minutes at most. */
const METER_CALLS_PER_MINUTE = 120;

/**
 * The original's ESP32 paths, called by meters already in the field. Public to the staff auth hook,
 * like the native meter API (`/api/prepaid/meter/…`): the meter names itself (`meter_number`) and
 * sends the token staff issued it (`device_token`, from `generate-device-token/`) in the body or
 * query, as its firmware does; a bad, revoked or another meter's token is 401 and counts against the
 * caller's address. A report is the native meter report: `remaining_units` is its `balanceTenths`.
 */
export const ingufupayEsp32Routes =
  (rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const api = machineApi(app, {
      name: 'prepaid-esp32',
      callsPerMinute: METER_CALLS_PER_MINUTE,
      failedAuthPerMinute: rt.deps.config.OPSDESK_AUTH_FAILURES_PER_MINUTE,
      clock: rt.deps.clock,
    });

    async function meter(
      req: FastifyRequest,
      given: { meter_number: string; device_token: string },
    ): Promise<{ meter: AuthenticatedMeter; ctx: Ctx }> {
      const found = await api.guessing.authenticate(req, given.device_token, async () => {
        const m = await authenticateMeter(rt.deps.database.db, given.device_token);
        return m && m.number === given.meter_number ? m : undefined;
      });
      if (!found) throw PrepaidErrors.meter_token_invalid({});
      const ctx = await req.actIn(found.orgId, { type: 'device', id: found.id, label: found.number });
      return { meter: found, ctx };
    }

    const answer = async (ctx: Ctx, row: MeterRow) => {
      const balance = await balanceOf(ctx, row);
      return {
        meter_number: row.number,
        status: ORIGINAL_METER_STATUS[row.status],
        current_balance_units: unitsOf(balance.balanceTenths),
        low_balance: balance.low,
        // The relay closes while the meter is active and has units left. Until the meter has given
        // its balance the native balance counts no sale (no reading yet): the meter is not cut then.
        relay:
          row.status === 'active' && (balance.balanceTenths > 0 || row.reported_balance_at === null)
            ? ('on' as const)
            : ('off' as const),
      };
    };

    app.post(
      '/api/meters/esp32/report/',
      op(
        { ...api.route, refuses: [401, 409] as const },
        'The meter reports the units it has left (a negative count is 0); answers its balance and whether the relay is on',
        { body: esp32ReportBody, response: { 200: esp32Answer } },
      ),
      async (req) => {
        const { meter: m, ctx } = await meter(req, req.body);
        const now = ctx.clock.now();
        await recordMeterReport(ctx, m.id, {
          reportId: `esp32-${now.toISOString()}`,
          readAt: now,
          registerTenths: await lastRegisterTenths(ctx, m.id),
          acceptedCounts: [],
          balanceTenths: Math.round(Math.max(req.body.remaining_units, 0) * 10),
        });
        return answer(ctx, await getMeterRow(ctx, m.id));
      },
    );
    app.get(
      '/api/meters/esp32/poll/',
      op(
        api.route,
        "The meter asks for its balance, whether its relay is on and the tokens it hasn't keyed in",
        { querystring: esp32PollQuery, response: { 200: esp32PollAnswer } },
      ),
      async (req) => {
        const { meter: m, ctx } = await meter(req, req.query);
        const waiting = await tokensWaitingFor(ctx, m.id);
        return {
          ...(await answer(ctx, await getMeterRow(ctx, m.id))),
          pending_tokens: waiting.map((t) => ({
            token: t.token,
            units: unitsOf(t.unitsTenths),
            issued_at: t.issuedAt,
          })),
        };
      },
    );
  };
