import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AppError, PlatformErrors } from '../errors/index.ts';

type ZodCompiler = FastifySchemaCompiler<z.ZodType>;

/**
 * The API's validator: zod, and a query string names only what its route declares. A zod object
 * strips what it does not know, so `GET /api/raffle/orders?raffle=1` answered every order as if no
 * filter were given (issue 41, item 21); here an undeclared parameter is a 400 naming it and the
 * parameters the route takes. A `z.looseObject` query (the resource lists, which read their
 * parameters against the resource's declaration) passes everything on to its route.
 */
export const strictQueryCompiler: ZodCompiler = (route) => {
  const validate = validatorCompiler(route);
  const object = route.httpPart === 'querystring' ? strippingObject(route.schema) : null;
  if (!object) return validate;
  const declared = Object.keys(object.shape);
  return (data) => {
    const unknown = Object.keys((data ?? {}) as object).find((key) => !declared.includes(key));
    if (unknown !== undefined) return { error: unknownQueryParam(unknown, declared) };
    return validate(data);
  };
};

/**
 * For the original systems' APIs (the compatibility paths): their frameworks ignored a parameter they
 * did not know (DRF's `?format=json`, a script's cache-buster), so these routes keep doing so.
 * Fastify keeps the compiler to the plugin that sets it.
 */
export function ignoreUnknownQueryParams(app: FastifyInstance): void {
  app.setValidatorCompiler(validatorCompiler);
}

/** The 400 for a query parameter the list or route does not take, naming it and what it takes. */
export function unknownQueryParam(param: string, allowed: readonly string[]): AppError {
  const expected = allowed.length ? allowed.join(' | ') : 'no query parameters';
  return PlatformErrors.validation_failed(
    { param, allowed: [...allowed] },
    {
      message: allowed.length
        ? `Unknown parameter ${param}; allowed: ${allowed.join(', ')}`
        : `Unknown parameter ${param}; this path takes no query parameters`,
      fields: [
        {
          field: `query.${param}`,
          message: 'is not a parameter of this list',
          code: 'unknown_param',
          expected,
        },
      ],
    },
  );
}

/** The object a query schema reads, when it drops unknown keys (zod's default); null otherwise. */
function strippingObject(schema: unknown): z.ZodObject | null {
  let at = schema;
  while (at instanceof z.ZodPipe) at = at.def.in;
  if (!(at instanceof z.ZodObject)) return null;
  return at.def.catchall === undefined ? at : null;
}
