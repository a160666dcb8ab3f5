import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiTokenRoutes } from './api-tokens.routes.ts';
import { invitationRoutes } from './invitations.routes.ts';
import { type AuthRouteOptions as SessionRouteOptions, sessionRoutes } from './sessions.routes.ts';
import { userRoutes } from './users.routes.ts';

export interface AuthRouteOptions extends SessionRouteOptions {
  /** OPSDESK_SECRET_KEY: seals a new API token's answer kept for an Idempotency-Key retry. */
  secretKey: string;
}

/** Sign-in, sessions, staff members and API tokens: one file per resource. */
export const authRoutes: FastifyPluginAsyncZod<AuthRouteOptions> = async (app, deps) => {
  await app.register(sessionRoutes, deps);
  await app.register(userRoutes, deps);
  await app.register(invitationRoutes, deps);
  await app.register(apiTokenRoutes, { secretKey: deps.secretKey });
};
