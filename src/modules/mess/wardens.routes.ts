import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { callerKey, idempotencyKeyOf } from '../../core/idempotency/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { wardenInviteBody, wardenInviteSchema, wardensSchema } from './mess.contract.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { createWardenInvite, listWardens } from './warden-invites.ts';

/** Wardens (the Telegram admins of `adminTelegramIds`) and the one-time links that name new ones. */
export const wardensRoutes =
  (rt: MessRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const op = routeOptions(['mess']);
    app.get(
      '/api/mess/wardens',
      op('mess.setup.read', 'Wardens and recent invite links', { response: { 200: wardensSchema } }),
      async (req) => listWardens(req.ctx, rt),
    );
    app.post(
      '/api/mess/warden-invites',
      op(
        'mess.warden.invite',
        'Create a one-time link a new warden opens in Telegram (shown once, expires in 24 hours; accepts Idempotency-Key: a retry by the same caller answers the same link)',
        { body: wardenInviteBody, response: { 201: wardenInviteSchema } },
      ),
      async (req, reply) => {
        const invite = await createWardenInvite(req.ctx, rt, {
          ...(req.body.note ? { note: req.body.note } : {}),
          // The caller's own key: a colleague sending the same key gets a link of their own (issue 55).
          idempotencyKey: callerKey(req.ctx, idempotencyKeyOf(req.headers)),
        });
        return reply.status(201).send({ ...invite, expiresAt: invite.expiresAt.toISOString() });
      },
    );
  };
