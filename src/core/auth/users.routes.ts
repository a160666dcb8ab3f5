import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeOptions } from '../../platform/http/index.ts';
import { addMemberBody, idParams, memberSchema, updateMemberBody } from './auth.contract.ts';
import type { AuthHookDeps } from './auth.hook.ts';
import type { PermissionSpec } from './permissions.rules.ts';
import { addMember, listMembers, updateMember } from './users.ts';

/** Staff members of my organization and the permissions they may hold. */
export const userRoutes: FastifyPluginAsyncZod<AuthHookDeps> = async (app, deps) => {
  const tags = ['auth'];
  const op = routeOptions(tags);

  app.get(
    '/api/permissions',
    {
      schema: {
        tags,
        summary: 'Every permission, for role and token screens',
        response: { 200: z.array(z.object({ key: z.string(), description: z.string() })) },
      },
    },
    async () => deps.catalog().map((p: PermissionSpec) => ({ key: p.key, description: p.description })),
  );

  app.get(
    '/api/users',
    op('platform.user.read', 'Staff of my organization', { response: { 200: z.array(memberSchema) } }),
    async (req) => listMembers(req.ctx),
  );

  app.post(
    '/api/users',
    op(
      { permission: 'platform.user.manage', refuses: [403, 409] },
      'Invite a staff member. Always 201 with the membership in state `invited`, whether or not ' +
        'the e-mail already has an account (the answer never tells): a new e-mail gets an account ' +
        'with the given password; an existing account keeps its own. The person accepts by signing ' +
        'in (see /api/auth/login) or with /api/invitations',
      { body: addMemberBody, response: { 201: memberSchema } },
    ),
    async (req, reply) =>
      reply.status(201).send(await addMember(req.ctx, { ...req.body, assignerRole: req.auth!.role })),
  );

  app.patch(
    '/api/users/:id',
    op(
      { permission: 'platform.user.manage', refuses: [403, 409] },
      'Change a role or extra permissions, or disable (in this organization only; signs the ' +
        'member out here and stops their API tokens here)',
      { params: idParams, body: updateMemberBody, response: { 200: memberSchema } },
    ),
    async (req) =>
      updateMember(req.ctx, req.params.id, req.body, {
        assigner: { userId: req.auth!.userId, role: req.auth!.role, permissions: req.auth!.permissions },
        catalog: deps.catalog(),
      }),
  );
};
