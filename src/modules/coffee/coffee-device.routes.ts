import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../core/context/index.ts';
import { machineApi, routeOptions } from '../../platform/http/index.ts';
import { commandResultSchema, idParams, statusReportSchema } from './coffee.contract.ts';
import { CoffeeErrors } from './coffee.errors.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import { nextCommand, recordResult } from './commands.ts';
import { compatV1Routes } from './compat/index.ts';
import { reportSameStatusByToken, reportStatus } from './device-status.ts';
import { type AuthenticatedDevice, authenticateDevice, deviceTokenOf } from './device-tokens.ts';
import { materialsReportSchema, reportMaterials } from './materials-report.ts';
import { deviceOrderSchema, recordDeviceOrder } from './orders.ts';
import { deviceRegistrationRoutes } from './registration.routes.ts';
import { packageForDevice } from './rollouts.ts';

const op = routeOptions(['coffee device']);

/**
 * The device API (`/api/coffee/device/…`). Public to the staff auth hook: every route
 * authenticates its caller by the device token itself (hash compared in constant time; a bad or
 * revoked token is 401) and acts in that device's organization only. JSON calls with a bearer
 * token (or the original firmware's X-Device-Token header, read alike), no cookies: no browser CSRF applies. Rate limited per token, not per address, so a fleet
 * behind one NAT is not throttled as one client; only tokens that fail count against their address
 * (`failedAuthLimit`: guessing is refused, a machine whose token works never is).
 */
export const coffeeDeviceRoutes =
  (rt: CoffeeRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    // One count of failed tokens for both device APIs: a guess is a guess on either path.
    const api = machineApi(app, {
      name: 'coffee-device',
      callsPerMinute: rt.config.COFFEE_DEVICE_RATE_LIMIT_PER_MINUTE,
      failedAuthPerMinute: rt.deps.config.OPSDESK_AUTH_FAILURES_PER_MINUTE,
      clock: rt.deps.clock,
    });
    const { guessing } = api;
    // Calls are limited per token whichever header carries it, so a fleet behind one NAT sending the
    // original's X-Device-Token is not throttled as one client either.
    const deviceRoute = {
      ...api.route,
      rateLimit: {
        ...api.route.rateLimit,
        keyGenerator: (req: FastifyRequest) =>
          `coffee-device:${createHash('sha256')
            .update(deviceTokenOf(req.headers) ?? req.ip)
            .digest('base64url')}`,
      },
    };
    // a machine without a token yet registers with its claim code
    await app.register(deviceRegistrationRoutes(rt));
    // machines running the original system's firmware: its paths and envelope, the same use cases
    await app.register(compatV1Routes(rt, guessing));

    async function device(req: FastifyRequest): Promise<{ device: AuthenticatedDevice; ctx: Ctx }> {
      const token = deviceTokenOf(req.headers);
      const found = await guessing.authenticate(req, token, () =>
        authenticateDevice(rt.deps.database.db, token),
      );
      if (!found) throw CoffeeErrors.device_token_invalid({});
      const ctx = await req.actIn(found.orgId, { type: 'device', id: found.id, label: found.serial });
      return { device: found, ctx };
    }

    app.post(
      '/api/coffee/device/status',
      op(
        { ...deviceRoute, refuses: [401, 422] as const },
        'Heartbeat: the device is alive, with its temperature and firmware',
        { body: statusReportSchema, response: { 200: z.object({ status: z.string() }) } },
      ),
      async (req) => {
        const now = rt.deps.clock.now();
        const token = deviceTokenOf(req.headers);
        await guessing.admit(req, token);
        const same = await reportSameStatusByToken(rt.deps.database.db, now, token, req.body);
        if (same) {
          guessing.worked(token);
          return same;
        }
        const { device: d, ctx } = await device(req);
        return reportStatus(ctx, rt, d.id, req.body);
      },
    );
    app.get(
      '/api/coffee/device/commands/next',
      op(deviceRoute, 'The command to run now (the same one until its result), or 204', {
        response: {
          200: z.object({
            id: z.string(),
            type: z.string(),
            params: z.record(z.string(), z.unknown()),
            attempt: z.number(),
          }),
          204: z.null().describe('No command is due'),
        },
      }),
      async (req, reply) => {
        const { device: d, ctx } = await device(req);
        const cmd = await nextCommand(ctx, rt, d.id);
        if (!cmd) return reply.status(204).send(null);
        const params = (typeof cmd.params === 'string' ? JSON.parse(cmd.params) : cmd.params) as Record<
          string,
          unknown
        >;
        return { id: cmd.id, type: cmd.type, params, attempt: cmd.attempts };
      },
    );
    app.post(
      '/api/coffee/device/commands/:id/result',
      op(
        { ...deviceRoute, refuses: [401, 404, 409, 422] as const },
        'The result of a sent command (a repeat is accepted once and changes nothing)',
        {
          params: idParams,
          body: commandResultSchema,
          response: { 200: z.object({ accepted: z.boolean(), status: z.string() }) },
        },
      ),
      async (req) => {
        const { device: d, ctx } = await device(req);
        return recordResult(ctx, rt, d.id, req.params.id, req.body);
      },
    );
    app.post(
      '/api/coffee/device/materials',
      op(
        { ...deviceRoute, refuses: [401, 422] as const },
        'Bin levels: stored with daily use; low-material and predicted-empty alarms follow',
        {
          body: materialsReportSchema,
          response: {
            200: z.object({
              bins: z.array(
                z.object({ binIndex: z.number(), level: z.string(), daysUntilEmpty: z.number().nullable() }),
              ),
            }),
          },
        },
      ),
      async (req) => {
        const { device: d, ctx } = await device(req);
        return reportMaterials(ctx, rt, d.id, req.body);
      },
    );
    app.get(
      '/api/coffee/device/packages/:version',
      op(
        { ...deviceRoute, refuses: [401, 404] as const },
        'Download a recipe package: its JSON and the sha256 checksum of exactly that JSON',
        {
          params: z.object({ version: z.coerce.number().int().min(1) }),
          response: {
            200: z.object({ version: z.number(), checksum: z.string(), recipes: z.array(z.unknown()) }),
          },
        },
      ),
      async (req) => {
        const { ctx } = await device(req);
        const p = await packageForDevice(ctx, req.params.version);
        return { version: p.version, checksum: p.checksum, recipes: JSON.parse(p.body) as unknown[] };
      },
    );
    app.post(
      '/api/coffee/device/orders',
      op(
        { ...deviceRoute, refuses: [401, 422] as const },
        "A sale at the machine, idempotent on the device's own order id",
        { body: deviceOrderSchema, response: { 200: z.object({ id: z.string(), created: z.boolean() }) } },
      ),
      async (req) => {
        const { device: d, ctx } = await device(req);
        return recordDeviceOrder(ctx, rt, d.id, req.body);
      },
    );
  };
