import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions } from '../../platform/http/index.ts';
import { sendCreated } from '../idempotency/index.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.ts';
import { createTokenBody, idParams, tokenSchema } from './auth.contract.ts';

/** What the token routes are given: OPSDESK_SECRET_KEY seals a create's answer kept for its Idempotency-Key. */
export interface ApiTokenRouteOptions {
  secretKey: string;
}

/** API tokens of my organization: list, create, revoke. */
export const apiTokenRoutes: FastifyPluginAsyncZod<ApiTokenRouteOptions> = async (app, deps) => {
  const op = routeOptions(['auth']);

  app.get(
    '/api/tokens',
    op('platform.token.manage', 'API tokens of my organization', { response: { 200: z.array(tokenSchema) } }),
    async (req) => listApiTokens(req.ctx),
  );

  app.post(
    '/api/tokens',
    op(
      { permission: 'platform.token.manage', refuses: [403] },
      'Create an API token (the secret is shown once; accepts Idempotency-Key: a retry by the same caller answers the same token, kept sealed for that)',
      { body: createTokenBody, response: { 201: z.object({ token: z.string(), apiToken: tokenSchema }) } },
    ),
    async (req, reply) =>
      sendCreated(req, reply, { scope: 'platform.token.create', seal: deps.secretKey }, async (tx) => {
        const expiresAt = req.body.expiresInDays
          ? new Date(tx.clock.now().getTime() + req.body.expiresInDays * 86_400_000)
          : undefined;
        const { token, view } = await createApiToken(tx, {
          userId: req.auth!.userId,
          name: req.body.name,
          scopes: req.body.scopes,
          expiresAt,
          holderPermissions: req.auth!.permissions,
        });
        return { token, apiToken: view };
      }),
  );

  app.delete(
    '/api/tokens/:id',
    op('platform.token.manage', 'Revoke an API token', { params: idParams, response: { 204: z.null() } }),
    async (req, reply) => {
      await revokeApiToken(req.ctx, req.params.id);
      return reply.status(204).send(null);
    },
  );
};
