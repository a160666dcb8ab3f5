const noSchemas = () => {
  throw new Error(
    'this app compiles no JSON schemas: its compilers are set with the app (zod) or it has none',
  );
};

/**
 * For Fastify's `schemaController` option. Without it every Fastify app loads its default JSON-schema
 * compilers (ajv and fast-json-stringify, 50-90 ms of a start) when it is created, even when the app
 * then sets its own (the API's zod compilers) or declares no schemas at all (the loopback services).
 */
export const WITHOUT_DEFAULT_COMPILERS = {
  compilersFactory: { buildValidator: () => noSchemas, buildSerializer: () => noSchemas },
};
