import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendCreated } from '../../core/idempotency/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { idParams } from './coffee.contract.ts';
import type { CoffeeRuntime } from './coffee.runtime.ts';
import {
  acceptRegistration,
  acceptRegistrationSchema,
  findClaim,
  issueClaimCode,
  newClaimCodeSchema,
  registerWithClaimCode,
  registrationRequestSchema,
  rejectRegistration,
} from './device-registrations.ts';

const registrationAnswer = z.union([
  z.object({ status: z.literal('pending'), registrationId: z.string() }),
  z.object({ status: z.literal('active'), deviceId: z.string(), deviceToken: z.string() }),
]);

/** The machine's side of self-registration: public, the claim code is its credential. */
export const deviceRegistrationRoutes =
  (rt: CoffeeRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/api/coffee/device/register',
      {
        schema: {
          tags: ['coffee device'],
          summary:
            'A machine registers with its serial and claim code: 202 while staff decide, then its token once',
          body: registrationRequestSchema,
          response: { 200: registrationAnswer, 202: registrationAnswer },
        },
        // per address: a machine has no token yet; guessing codes is slow at this rate
        config: { public: true, rateLimit: { max: 30, timeWindow: 60_000 }, refuses: [401, 403, 409, 422] },
      },
      async (req, reply) => {
        const { claimCode, ...machine } = req.body;
        const claim = await findClaim(rt.deps.database.db, claimCode);
        const ctx = await req.actIn(claim.orgId, { type: 'device', id: null, label: machine.serial });
        const answer = await registerWithClaimCode(ctx, rt, claim.id, machine);
        return reply.status(answer.status === 'pending' ? 202 : 200).send(answer);
      },
    );
  };

/** The staff's side: issue claim codes, accept or refuse the machines that used them. */
export const registrationRoutes =
  (rt: CoffeeRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['coffee'];
    const op = routeOptions(tags);
    app.post(
      '/api/coffee/claim-codes',
      op(
        { permission: 'coffee.device.manage', refuses: [422] },
        'Issue a claim code for one machine; shown in this answer only (stored hashed; accepts Idempotency-Key: a retry by the same caller answers the same code, kept sealed for that)',
        {
          body: newClaimCodeSchema,
          response: { 201: z.object({ id: z.string(), claimCode: z.string(), expiresAt: z.string() }) },
        },
      ),
      async (req, reply) =>
        sendCreated(req, reply, { scope: 'coffee.claim-code.issue', seal: rt.secretKey }, (tx) =>
          issueClaimCode(tx, rt, req.body),
        ),
    );
    app.post(
      '/api/coffee/registrations/:id/accept',
      op(
        { permission: 'coffee.device.manage', refuses: [404, 409, 422] },
        'Accept a pending machine into a location; it collects its token on its next call',
        {
          params: idParams,
          body: acceptRegistrationSchema,
          response: { 200: z.object({ registrationId: z.string(), deviceId: z.string() }) },
        },
      ),
      async (req) => acceptRegistration(req.ctx, rt, req.params.id, req.body),
    );
    app.post(
      '/api/coffee/registrations/:id/reject',
      op({ permission: 'coffee.device.manage', refuses: [404, 409] }, 'Refuse a pending machine', {
        params: idParams,
      }),
      async (req, reply) => {
        await rejectRegistration(req.ctx, rt, req.params.id);
        return reply.status(204).send();
      },
    );
  };
