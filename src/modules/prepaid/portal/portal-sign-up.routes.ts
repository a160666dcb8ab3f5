import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { routeOptions } from '../../../platform/http/index.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import { orgParam, signInAnswer, signUpAnswer, signUpBody, signUpVerifyBody } from './portal.contract.ts';
import { portalAuth, portalRouteAccess } from './portal-auth.ts';
import { finishSignUp, startSignUp } from './sign-up.ts';

const op = routeOptions(['prepaid portal']);

/**
 * Customer sign-up: public routes, rate limited like staff login. The first answers the same
 * whatever it is given (at most a code is sent); the second trades the code for a new account, a
 * meter request for staff and a portal session.
 */
export const portalSignUpRoutes =
  (rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const { orgCtx } = portalAuth(rt);
    const config = { ...portalRouteAccess(rt).signInRoute, refuses: [404, 409, 422] as const };

    app.post(
      '/api/prepaid/portal/:org/sign-up',
      op(config, 'Become a customer: a one-time code goes to the e-mail given, or by WhatsApp to the phone', {
        params: orgParam,
        body: signUpBody,
        response: { 202: signInAnswer.pick({ sent: true }) },
      }),
      async (req, reply) => {
        await startSignUp(await orgCtx(req, req.body.name), rt, req.body);
        return reply.status(202).send({ sent: true });
      },
    );
    app.post(
      '/api/prepaid/portal/:org/sign-up/verify',
      op(
        config,
        'Trade the sign-up code for a new account and a portal session; the meter waits for staff approval',
        { params: orgParam, body: signUpVerifyBody, response: { 201: signUpAnswer } },
      ),
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
