import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import { PlatformErrors } from '../../platform/errors/index.ts';
import { routeOptions, sendFile } from '../../platform/http/index.ts';
import type { Ctx } from '../context/index.ts';
import type { ResourceDefinition, ResourceDownload } from './resource.types.ts';
import { fromResource, isIdOf } from './resource-rows.ts';
import { idSql } from './resource-sql.ts';

const op = routeOptions(['resources']);

/**
 * The ids of a download, every one a record of the caller's organization: an id of another
 * organization is not found, exactly like an id that exists nowhere, and the file is not made.
 */
async function checkIds(ctx: Ctx, resource: ResourceDefinition, ids: string[]): Promise<void> {
  const bad = ids.find((id) => !isIdOf(resource, id));
  if (bad !== undefined) throw PlatformErrors.not_found({ id: bad });
  const found = await fromResource(ctx, resource)
    .select(sql.raw(idSql(resource)).as('id'))
    .where(sql<SqlBool>`${sql.raw(idSql(resource))} = any(${ids})`)
    .execute();
  const known = new Set(found.map((r) => String((r as { id: unknown }).id)));
  const missing = ids.find((id) => !known.has(id));
  if (missing !== undefined) throw PlatformErrors.not_found({ id: missing });
}

/** The file name, safe in a `content-disposition` header (letters, digits, dot, dash, underscore). */
const safeName = (name: string) => name.replace(/[^A-Za-z0-9._-]+/g, '-');

/** `POST {path}/downloads/{name}`: one route per declared download, each with its own permission. */
export function addDownloadRoute(
  app: Parameters<FastifyPluginAsyncZod>[0],
  resource: ResourceDefinition,
  download: ResourceDownload,
  module: string,
): void {
  app.post(
    `${resource.path}/downloads/${download.name}`,
    op({ permission: download.permission, module }, `Download ${download.name} of some of ${resource.name}`, {
      body: z.object({
        ids: z
          .array(z.string().min(1).max(200))
          .min(1)
          .max(download.maxIds ?? 500),
      }),
    }),
    async (req, reply) => {
      const ids = [...new Set(req.body.ids)];
      await checkIds(req.ctx, resource, ids);
      const auth = req.auth!;
      const file = await download.render(req.ctx, ids, {
        userId: auth.userId,
        role: auth.role,
        permissions: auth.permissions,
      });
      return sendFile(reply, { type: file.contentType, name: safeName(file.filename) }, file.body);
    },
  );
}
