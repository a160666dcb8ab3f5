import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyKeyOf } from '../../core/idempotency/index.ts';
import type { MessRuntime } from './mess.runtime.ts';
import { createWardenInvite, listWardens } from './warden-invites.ts';

/** Wardens (the Telegram admins of `adminTelegramIds`) and the one-time links that name new ones. */
export const wardensRoutes =
  (rt: MessRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const tags = ['mess'];
    app.get(
      '/api/mess/wardens',
      {
        schema: {
          tags,
          summary: 'Wardens and recent invite links',
          response: {
            200: z.object({
              botUsername: z.string().nullable(),
              wardens: z.array(z.object({ telegramId: z.string(), name: z.string().nullable() })),
              invites: z.array(
                z.object({
                  id: z.string(),
                  note: z.string(),
                  createdBy: z.string(),
                  createdAt: z.string(),
                  expiresAt: z.string(),
                  usedAt: z.string().nullable(),
                  usedBy: z.string().nullable(),
                }),
              ),
            }),
          },
        },
        config: { permission: 'mess.setup.read' },
      },
      async (req) => listWardens(req.ctx, rt),
    );
    app.post(
      '/api/mess/warden-invites',
      {
        schema: {
          tags,
          summary: 'Create a one-time link a new warden opens in Telegram (shown once, expires in 24 hours)',
          body: z.object({ note: z.string().trim().max(120).optional() }),
          response: {
            201: z.object({
              id: z.string(),
              link: z.string().nullable(),
              startCommand: z.string(),
              expiresAt: z.iso.datetime(),
            }),
          },
        },
        config: { permission: 'mess.warden.invite' },
      },
      async (req, reply) => {
        const invite = await createWardenInvite(req.ctx, rt, {
          ...(req.body.note ? { note: req.body.note } : {}),
          idempotencyKey: idempotencyKeyOf(req.headers) ?? null,
        });
        return reply.status(201).send({ ...invite, expiresAt: invite.expiresAt.toISOString() });
      },
    );
  };
