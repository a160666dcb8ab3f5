import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import { portalAuth } from './portal-auth.ts';
import { finishSignUp, startSignUp } from './sign-up.ts';

const tags = ['prepaid portal'];
const orgParam = z.object({ org: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/) });
export const meterRequestSchema = z.object({
  id: z.string(),
  meterNumber: z.string(),
  reason: z.enum(['unknown_meter', 'other_account']),
  origin: z.enum(['sign_up', 'add_meter']),
  status: z.enum(['waiting', 'approved', 'rejected']),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});

/**
 * Customer sign-up: public routes, rate limited like staff login. The first answers the same
 * whatever it is given (at most a code is sent); the second trades the code for a new account, a
 * meter request for staff and a portal session.
 */
export const portalSignUpRoutes =
  (rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const { orgCtx } = portalAuth(rt);
    const config = {
      public: true,
      rateLimit: { max: rt.deps.config.OPSDESK_LOGIN_RATE_LIMIT_PER_MINUTE, timeWindow: 60_000 },
      refuses: [404, 409, 422] as const,
    };
    const phone = z.string().min(8).max(24);

    app.post(
      '/api/prepaid/portal/:org/sign-up',
      {
        schema: {
          tags,
          summary: 'Become a customer: a one-time code goes to the e-mail given, or by WhatsApp to the phone',
          params: orgParam,
          body: z
            .object({
              name: z.string().trim().min(1).max(200),
              phone,
              meterNumber: z.string().regex(/^[A-Za-z0-9-]{3,40}$/),
              codeBy: z.enum(['email', 'whatsapp']),
              email: z.email().max(200).optional(),
              language: z.enum(['en', 'fr', 'rw', 'es']).optional(),
            })
            .refine((b) => b.codeBy !== 'email' || b.email, {
              path: ['email'],
              message: 'the e-mail address the code goes to',
            }),
          response: { 202: z.object({ sent: z.literal(true) }) },
        },
        config,
      },
      async (req, reply) => {
        await startSignUp(await orgCtx(req, req.body.name), rt, req.body);
        return reply.status(202).send({ sent: true });
      },
    );
    app.post(
      '/api/prepaid/portal/:org/sign-up/verify',
      {
        schema: {
          tags,
          summary:
            'Trade the sign-up code for a new account and a portal session; the meter waits for staff approval',
          params: orgParam,
          body: z.object({ phone, code: z.string().regex(/^\s*\d{6}\s*$/) }),
          response: {
            201: z.object({
              session: z.string(),
              expiresAt: z.string(),
              accountName: z.string(),
              request: meterRequestSchema,
            }),
          },
        },
        config,
      },
      async (req, reply) => {
        const ctx = await orgCtx(req);
        const s = await finishSignUp(ctx, rt, req.body);
        return reply.status(201).send({
          session: s.token,
          expiresAt: s.expiresAt.toISOString(),
          accountName: s.accountName,
          request: s.request,
        });
      },
    );
  };
