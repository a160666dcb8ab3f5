import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuthErrors } from '../../../core/auth/index.ts';
import { machineApi, routeOptions } from '../../../platform/http/index.ts';
import type { PrepaidRuntime } from '../prepaid.runtime.ts';
import { tags } from './ingufupay.contract.ts';
import {
  ACCESS_MINUTES,
  blacklistRefresh,
  REFRESH_DAYS,
  type RefreshToken,
  refreshAccess,
  refreshTokenOf,
  signInForTokens,
} from './ingufupay-auth.ts';

const op = routeOptions(tags);
const NOT_SIGNED_IN = [AuthErrors.invalid_credentials, AuthErrors.account_disabled, AuthErrors.no_membership];

/** DRF's words for a field left out or blank, as the original's clients read them. */
const required = (blank = 'This field may not be blank.') =>
  z.string({ error: 'This field is required.' }).trim().min(1, blank);

const signInBody = z
  .object({
    username: required().optional().describe('the e-mail the person signs in to the console with'),
    email: required().optional().describe('the same, as the original IngufuPay login named it'),
    password: required(),
    org: z
      .string()
      .optional()
      .describe('the organization (slug) to act in; without it, as the console sign-in chooses'),
  })
  .refine((b) => b.username || b.email, { path: ['username'], message: 'This field is required.' });
const refreshBody = z.object({ refresh: required() });
const pairAnswer = z.object({ refresh: z.string(), access: z.string() });
const accessAnswer = z.object({ access: z.string() });
const detailAnswer = z.object({ detail: z.string(), code: z.string().optional() });

/** SimpleJWT's refusals, word for word. */
const NO_ACCOUNT = {
  detail: 'No active account found with the given credentials',
  code: 'no_active_account',
};
const NOT_VALID = { detail: 'Token is invalid or expired', code: 'token_not_valid' };

/**
 * The original's token login (SimpleJWT), for the scripts that signed in to it with a username and
 * password: `POST /api/auth/token/` (and `/api/token/`, SimpleJWT's own path) answers `{refresh,
 * access}`; `token/refresh/` answers a new `{access}`; `token/blacklist/` ends a refresh token. The
 * tokens are our API tokens (`ingufupay-auth.ts`): the access token is sent as `Bearer` to every
 * route, the compatibility ones and the native ones alike.
 */
export const ingufupayAuthRoutes =
  (rt: PrepaidRuntime): FastifyPluginAsyncZod =>
  async (app) => {
    const api = machineApi(app, {
      name: 'prepaid-jwt',
      callsPerMinute: rt.deps.config.OPSDESK_LOGIN_RATE_LIMIT_PER_MINUTE,
      failedAuthPerMinute: rt.deps.config.OPSDESK_AUTH_FAILURES_PER_MINUTE,
      clock: rt.deps.clock,
    });
    const signInRoute = { public: true, rateLimit: api.route.rateLimit, refuses: [401, 429] as const };

    /** The live refresh token sent, or SimpleJWT's 401 (a wrong one counts against the address). */
    const refreshOf = async (req: FastifyRequest, reply: FastifyReply, secret: string) => {
      const found = await api.guessing.authenticate(req, secret, () => refreshTokenOf(rt, secret));
      if (!found) await reply.status(401).send(NOT_VALID);
      return found;
    };
    const actAs = (req: FastifyRequest, t: RefreshToken) =>
      req.actIn(t.orgId, { type: 'token', id: t.tokenId, label: `token ${t.name}` });

    for (const prefix of ['/api/auth/token/', '/api/token/']) {
      app.post(
        prefix,
        op(
          signInRoute,
          `Sign in with e-mail (\`username\`) and password: an access token (${ACCESS_MINUTES} min) and a refresh token (${REFRESH_DAYS} days), as the original's SimpleJWT login`,
          { body: signInBody, response: { 200: pairAnswer, 401: detailAnswer } },
        ),
        async (req, reply) => {
          const b = req.body;
          const pair = await signInForTokens(
            rt,
            { email: (b.username ?? b.email)!, password: b.password, org: b.org, ip: req.ip },
            (orgId, userId, label) => req.actIn(orgId, { type: 'user', id: userId, label }),
          ).catch((err: unknown) => {
            // SimpleJWT says the same for a wrong password and an account that may not sign in.
            if (NOT_SIGNED_IN.some((kind) => kind.is(err))) return null;
            throw err;
          });
          return pair ?? reply.status(401).send(NO_ACCOUNT);
        },
      );
      app.post(
        `${prefix}refresh/`,
        op(
          { ...api.route, refuses: [401] as const },
          `A new access token (${ACCESS_MINUTES} min) for a refresh token`,
          { body: refreshBody, response: { 200: accessAnswer, 401: detailAnswer } },
        ),
        async (req, reply) => {
          const refresh = await refreshOf(req, reply, req.body.refresh);
          if (!refresh) return reply;
          return { access: await refreshAccess(await actAs(req, refresh), rt, refresh) };
        },
      );
      app.post(
        `${prefix}blacklist/`,
        op(
          { ...api.route, refuses: [401] as const },
          'Ends a refresh token (it is revoked: no access token comes from it again)',
          { body: refreshBody, response: { 200: z.object({}), 401: detailAnswer } },
        ),
        async (req, reply) => {
          const refresh = await refreshOf(req, reply, req.body.refresh);
          if (!refresh) return reply;
          await blacklistRefresh(await actAs(req, refresh), refresh);
          return {};
        },
      );
    }
  };
