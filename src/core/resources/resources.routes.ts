import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { routeOptions } from '../../platform/http/index.ts';
import { describeResources } from './describe-resource.ts';
import { findRecords } from './find-records.ts';
import { addResourceRoutes } from './resource.routes.ts';
import type { ResourceDefinition } from './resource.types.ts';
import { checkResources } from './resource-registry.ts';
import { foundRecord, resourceDescription, savedView, viewBody } from './resources.contract.ts';
import { invalidField } from './resources.errors.ts';
import { deleteView, listViews, saveView } from './saved-views.ts';

/**
 * The console's resource framework: `GET /api/resources` (what the caller may see), the generated
 * routes of every resource the enabled areas and modules declare, and per-user saved views.
 */
export function resourcesRoutes(declared: () => ReadonlyArray<ResourceDefinition>): FastifyPluginAsyncZod {
  return async (app) => {
    const resources = checkResources(declared());
    addResourceListRoutes(app, resources);
    for (const resource of resources) addResourceRoutes(app, resource);
    addSavedViewRoutes(app, resources);
  };
}

type App = Parameters<FastifyPluginAsyncZod>[0];

/** What the caller may read and do, every resource's name, and finding records by name or code (Ctrl+K). */
function addResourceListRoutes(app: App, resources: ReadonlyArray<ResourceDefinition>): void {
  const tags = ['resources'];
  app.get(
    '/api/resources',
    {
      schema: {
        tags,
        summary: 'Console resources I may read, with what I may do on each',
        response: { 200: z.array(resourceDescription) },
      },
    },
    async (req) => describeResources(resources, req.auth!.permissions),
  );

  // Names only, readable or not: the console tells "not for your role" from "no such page" by them.
  app.get(
    '/api/resources/names',
    {
      schema: {
        tags,
        summary: 'The name of every console resource this deployment declares, readable by me or not',
        response: { 200: z.array(z.string()) },
      },
    },
    async () => resources.map((r) => r.name),
  );

  app.get(
    '/api/resources/find',
    {
      schema: {
        tags,
        summary: 'Records I may read whose name or code holds the words (Ctrl+K)',
        querystring: z.object({ q: z.string().trim().min(2).max(100) }),
        response: { 200: z.array(foundRecord) },
      },
    },
    async (req) => findRecords(req.ctx, resources, req.auth!.permissions, req.query.q),
  );
}

/** Per-user saved views of a resource the caller may read. */
function addSavedViewRoutes(app: App, resources: ReadonlyArray<ResourceDefinition>): void {
  const tags = ['resources'];
  const op = routeOptions(tags);
  /** A resource the caller may read, named in a query or a body. */
  const readable = (
    name: string,
    where: 'body' | 'query',
    permissions: ReadonlySet<string>,
  ): ResourceDefinition => {
    const resource = resources.find((r) => r.name === name);
    if (!resource)
      throw invalidField(
        where,
        'resource',
        `${name} is not a resource`,
        resources.map((r) => r.name).join(' | '),
      );
    if (!permissions.has(resource.permission.read))
      throw PlatformErrors.forbidden({ permission: resource.permission.read });
    return resource;
  };

  app.get(
    '/api/views',
    op({ refuses: [403] }, 'My saved views of a resource', {
      querystring: z.object({ resource: z.string().max(100) }),
      response: { 200: z.array(savedView) },
    }),
    async (req) => {
      const auth = req.auth!;
      readable(req.query.resource, 'query', auth.permissions);
      return listViews(req.ctx, auth.userId, req.query.resource);
    },
  );
  app.post(
    '/api/views',
    op({ refuses: [403] }, 'Save a view (replaces my view of the same name)', {
      body: viewBody,
      response: { 200: savedView },
    }),
    async (req) => {
      const auth = req.auth!;
      const resource = readable(req.body.resource, 'body', auth.permissions);
      return saveView(req.ctx, auth.userId, { resource, name: req.body.name, params: req.body.params });
    },
  );
  app.delete(
    '/api/views/:id',
    {
      schema: {
        tags,
        summary: 'Delete one of my saved views',
        params: z.object({ id: z.string().max(100) }),
      },
    },
    async (req, reply) => {
      await deleteView(req.ctx, req.auth!.userId, req.params.id);
      return reply.status(204).send();
    },
  );
}
