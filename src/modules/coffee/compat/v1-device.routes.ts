import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../../core/context/index.ts';
import { type CurrencyCode, currencyExponent } from '../../../core/money/index.ts';
import { getOrganization } from '../../../core/orgs/index.ts';
import type { FailedAuthLimit } from '../../../platform/http/index.ts';
import { routeOptions } from '../../../platform/http/index.ts';
import { CoffeeErrors } from '../coffee.errors.ts';
import { parseDeviceToken } from '../coffee.rules.ts';
import type { CoffeeRuntime } from '../coffee.runtime.ts';
import type { CoffeeTables } from '../coffee.tables.ts';
import { nextCommand, recordResult } from '../commands.ts';
import { findClaim, registerWithClaimCode } from '../device-registrations.ts';
import { reportStatus } from '../device-status.ts';
import { type AuthenticatedDevice, authenticateDevice, deviceTokenOf } from '../device-tokens.ts';
import { reportMaterials } from '../materials-report.ts';
import { recordDeviceOrder } from '../orders.ts';
import { legacyDevice } from './legacy-mode.ts';
import { originalId } from './original-ids.ts';
import {
  toDeviceOrder,
  toMaterialsReport,
  toStatusReport,
  v1CommandResultSchema,
  v1MaterialsSchema,
  v1OrderSchema,
  v1RegisterSchema,
  v1StatusSchema,
} from './v1-device.contract.ts';
import { answerErrorsInV1Envelope, envelope, ok } from './v1-envelope.ts';

const tags = ['coffee device (v1 compatibility)'];
const op = routeOptions(tags);
const deviceParams = z.object({ deviceId: z.string().min(1).max(255) });
/**
 * The token Opsdesk issued, if the call carries one. The original accepted any `X-Device-Token`
 * (with `ENABLE_DEVICE_TOKEN` on: any of 32 characters or more; off: none checked, and its register
 * answered `device_token_<id>`): firmware that keeps sending such a token is a machine without an
 * Opsdesk token, reaching its old paths in legacy mode as one that sends none.
 */
const opsdeskTokenOf = (req: FastifyRequest) => {
  const token = deviceTokenOf(req.headers);
  return token !== undefined && parseDeviceToken(token) ? token : undefined;
};
/** When the original answered a heartbeat and when it asked for the next: five minutes on. */
const syncTimes = (now: Date) => ({
  received_at: now.toISOString(),
  next_sync: new Date(now.getTime() + 5 * 60_000).toISOString(),
});
/** The machine a tokenless call names: its rate limit is its own, not its whole network's. */
const legacyNameOf = (req: FastifyRequest) => (req.params as { deviceId?: string } | undefined)?.deviceId;

/**
 * The original system's device API, so machines in the field keep working without new firmware:
 * its paths under `/api/v1/devices`, its `X-Device-Token` header and its `{ok, data}` /
 * `{ok: false, error: {code, message, details}}` envelope. Every route translates to the same use
 * cases the device API calls (`coffee-device.routes.ts`); nothing here decides anything. A machine
 * its owner switched to legacy mode (`legacy-mode.ts`) may call these paths, and only these, without
 * a token, named by its serial.
 */
export const compatV1Routes =
  (rt: CoffeeRuntime, guessing: FailedAuthLimit): FastifyPluginAsyncZod =>
  async (app) => {
    answerErrorsInV1Envelope(app);
    const rateLimit = {
      max: rt.config.COFFEE_DEVICE_RATE_LIMIT_PER_MINUTE,
      timeWindow: 60_000,
      keyGenerator: (req: FastifyRequest) =>
        `coffee-v1:${createHash('sha256')
          .update(opsdeskTokenOf(req) ?? legacyNameOf(req) ?? req.ip)
          .digest('base64url')}`,
    };
    // A GET declares no body at all (an `undefined` body schema makes Fastify warn at every start).
    const route = <B extends z.ZodType = z.ZodUndefined>(summary: string, body?: B) => ({
      schema: {
        tags,
        summary,
        params: deviceParams,
        response: { 200: envelope },
        ...(body ? { body } : {}),
      } as {
        tags: string[];
        summary: string;
        params: typeof deviceParams;
        response: { 200: typeof envelope };
        body: B;
      },
      config: { public: true, rateLimit, refuses: [401, 404, 409, 422] as const },
    });

    /**
     * The machine the token belongs to, which must be the one the path names (serial or id). Without
     * a token: the machine the path names, if its owner switched legacy mode on for it (firmware with
     * `ENABLE_DEVICE_TOKEN=false`); a name that reaches none counts as a failed authentication.
     */
    async function device(req: FastifyRequest<{ Params: { deviceId: string } }>) {
      const token = opsdeskTokenOf(req);
      if (token === undefined) {
        const found = await tokenless(req, req.params.deviceId);
        if (!found) throw CoffeeErrors.device_token_invalid({});
        return { device: found, ctx: await actAs(req, found, true) };
      }
      const found = await guessing.authenticate(req, token, () =>
        authenticateDevice(rt.deps.database.db, token),
      );
      if (!found) throw CoffeeErrors.device_token_invalid({});
      if (req.params.deviceId !== found.serial && req.params.deviceId !== found.id)
        throw CoffeeErrors.device_not_found({ deviceId: req.params.deviceId });
      return { device: found, ctx: await actAs(req, found, false) };
    }
    /**
     * The original's answer to a known machine's register (its admin backend's `DeviceService`):
     * `message: already registered` and its provisioning, the merchant by the original's id when
     * the import brought it, with main's `status` and `registered_at` beside them.
     */
    async function alreadyRegistered(ctx: Ctx, d: AuthenticatedDevice) {
      const row = await ctx.db
        .withTables<CoffeeTables>()
        .selectFrom('coffee_device')
        .select('merchant_id')
        .where('id', '=', d.id)
        .executeTakeFirstOrThrow();
      const merchant = (await originalId(ctx, 'merchant', row.merchant_id)) ?? row.merchant_id;
      return {
        device_id: d.serial,
        // main's register answered `registered` to a register that named no status
        status: 'registered',
        message: 'already registered',
        registered_at: ctx.clock.now().toISOString(),
        provisioning: { merchant_id: merchant, needs_binding: merchant === null },
      };
    }
    const tokenless = (req: FastifyRequest, name: string) =>
      guessing.authenticate(req, `v1-legacy:${name}`, () => legacyDevice(rt.deps.database.db, name));
    // What a machine does without its token is told apart in the audit trail by its actor.
    const actAs = (req: FastifyRequest, d: AuthenticatedDevice, legacy: boolean) =>
      req.actIn(d.orgId, { type: 'device', id: d.id, label: legacy ? `${d.serial} (no token)` : d.serial });

    app.post(
      '/api/v1/devices/register',
      op(
        { public: true, rateLimit: { max: 30, timeWindow: 60_000 }, refuses: [401, 403, 409, 422] },
        'Register with a claim code (body claim_code or header X-Claim-Code); 202 while staff decide',
        { body: v1RegisterSchema, response: { 200: envelope, 202: envelope } },
      ),
      async (req, reply) => {
        const b = req.body;
        const token = opsdeskTokenOf(req);
        const header = req.headers['x-claim-code'];
        const claimCode = b.claim_code ?? (typeof header === 'string' ? header : '');
        const known =
          token === undefined
            ? claimCode === ''
              ? await tokenless(req, b.device_id)
              : undefined
            : await authenticateDevice(rt.deps.database.db, token);
        if (known && known.serial === b.device_id) {
          // the firmware registers at every boot: the original answered a known machine as already registered
          const ctx = await actAs(req, known, token === undefined);
          return ok(reply, await alreadyRegistered(ctx, known), 200, { message: 'already registered' });
        }
        const claim = await findClaim(rt.deps.database.db, claimCode);
        const ctx = await req.actIn(claim.orgId, { type: 'device', id: null, label: b.device_id });
        const answer = await registerWithClaimCode(ctx, rt, claim.id, {
          serial: b.device_id,
          model: b.model ?? b.device_type ?? 'unknown',
          firmware: b.firmware_version,
        });
        if (answer.status === 'pending')
          return ok(
            reply,
            { device_id: b.device_id, status: 'pending', registration_id: answer.registrationId },
            202,
            {
              message: 'waiting for staff to accept this machine',
            },
          );
        // the device agent reads `device_token` at the top level, the backend's clients under `data`
        return ok(
          reply,
          { device_id: b.device_id, status: 'active', device_token: answer.deviceToken },
          200,
          {
            device_token: answer.deviceToken,
          },
        );
      },
    );
    app.post(
      '/api/v1/devices/:deviceId/status',
      route('Heartbeat with status and temperature', v1StatusSchema),
      async (req, reply) => {
        const { device: d, ctx } = await device(req);
        const { status } = await reportStatus(ctx, rt, d.id, toStatusReport(req.body));
        return ok(reply, { device_id: req.params.deviceId, status, ...syncTimes(ctx.clock.now()) });
      },
    );
    app.post(
      '/api/v1/devices/:deviceId/materials/report',
      route('Bin levels (materials or bins); alarms follow', v1MaterialsSchema),
      async (req, reply) => {
        const { device: d, ctx } = await device(req);
        const { bins } = await reportMaterials(ctx, rt, d.id, toMaterialsReport(req.body));
        return ok(reply, {
          bins: bins.map((b) => ({
            bin_index: b.binIndex,
            status: b.level,
            days_until_empty: b.daysUntilEmpty,
          })),
        });
      },
    );
    app.get(
      '/api/v1/devices/:deviceId/commands/pending',
      route('The command to run now, as a list'),
      async (req, reply) => {
        const { device: d, ctx } = await device(req);
        const cmd = await nextCommand(ctx, rt, d.id);
        const commands = cmd
          ? [
              {
                command_id: cmd.id,
                type: cmd.type,
                payload: typeof cmd.params === 'string' ? JSON.parse(cmd.params) : cmd.params,
                issued_at: cmd.created_at.toISOString(),
                expires_at: cmd.expires_at.toISOString(),
              },
            ]
          : [];
        // the device agent reads `commands` at the top level, the backend's clients under `data`
        return ok(reply, { commands }, 200, { commands });
      },
    );
    app.post(
      '/api/v1/devices/:deviceId/command_result',
      route('The result of a command (success or fail)', v1CommandResultSchema),
      async (req, reply) => {
        const { device: d, ctx } = await device(req);
        const b = req.body;
        const result = await recordResult(ctx, rt, d.id, b.command_id, {
          status: b.status === 'success' ? 'succeeded' : 'failed',
          ...(b.error_message ? { detail: b.error_message } : {}),
        });
        return ok(reply, { command_id: b.command_id, status: result.status, accepted: result.accepted });
      },
    );
    app.post(
      '/api/v1/devices/:deviceId/orders/create',
      route("A sale, idempotent on the machine's order id", v1OrderSchema),
      async (req, reply) => {
        const { device: d, ctx } = await device(req);
        const org = await getOrganization(ctx);
        const currency = req.body.currency ?? org.currency;
        const order = toDeviceOrder(
          req.body,
          currency,
          currencyExponent(currency as CurrencyCode),
          ctx.clock.now(),
        );
        const { id, created } = await recordDeviceOrder(ctx, rt, d.id, order);
        return ok(reply, { order_id: req.body.order_id, id, created }, 200, { order_id: req.body.order_id });
      },
    );
  };
