import type { FastifyContextConfig, FastifySchema, RouteShorthandOptions } from 'fastify';

/** Who may call a route: a permission's name (the auth hook's `permission`), or the whole route config (`{ public: true }`, refusals). */
export type RouteAccess = string | FastifyContextConfig;

/** A route's schemas besides its group and summary: params, querystring, body, response, … */
export type RouteSchema = Omit<FastifySchema, 'tags' | 'summary'>;

/** What a route declares besides its access, summary and schemas (`bodyLimit`, a `preValidation` hook…). */
export type RouteExtras = Omit<RouteShorthandOptions, 'schema' | 'config'>;

/**
 * The options of an area's routes, written flat: `op(access, summary, schemas)` stands for Fastify's
 * `{ schema: { tags, summary, ...schemas }, config }`. Every route of a file shares its OpenAPI `tags`,
 * so they are given once. The schemas' types pass through untouched, so the handler's `req.params`,
 * `req.query` and `req.body` are typed from them as with the long form.
 *
 * ```ts
 * const op = routeOptions(['exhibition']);
 * app.get('/api/exhibition/bills/:id', op('exhibition.bill.read', 'One bill', { params: idParams }), …);
 * ```
 */
export function routeOptions(tags: readonly string[]) {
  return <S extends RouteSchema = Record<never, never>>(
    access: RouteAccess,
    summary: string,
    schema?: S,
    extras?: RouteExtras,
  ) => ({
    ...extras,
    schema: { tags: [...tags], summary, ...(schema as S) },
    config: typeof access === 'string' ? { permission: access } : access,
  });
}
