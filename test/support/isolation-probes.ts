/**
 * Builds the requests of the organization-isolation sweep from the app's own OpenAPI document:
 * every private operation, with each path parameter, each id-like body or query field and each
 * bulk action's `ids` set to one probe value. Bodies are filled from the request schemas so that a
 * request gets past validation and into the handler, where the organization scope is decided.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
}

interface Operation {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
  security?: unknown[];
}

export interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
}

/** A console resource's bulk actions, as `GET /api/resources` describes them. */
export interface ResourceActions {
  path: string;
  actions: Array<{ name: string; inputFields: Array<{ name: string; type: string }> }>;
}

export interface Probe {
  method: string;
  /** The path as the document names it, for messages. */
  route: string;
  /** The request for one probe value; `params` names path parameters that take a value of their own. */
  request(value: string, params?: Readonly<Record<string, string>>): { url: string; body?: unknown };
}

const ID_NAME = /^(id|ids)$|Ids?$/;

/**
 * One probe per private operation that takes an id anywhere, and one per bulk action of each
 * console resource. Public operations are left out: they answer anyone by design and find their
 * organization from what they are given (`publicProbes` builds those that take a credential).
 */
export function isolationProbes(
  spec: OpenApi,
  resources: ReadonlyArray<ResourceActions>,
  /** Bodies a schema cannot describe (a refinement), by `METHOD path`; `null`: it names no record. */
  examples: Readonly<Record<string, ((id: string) => unknown) | null>> = {},
): Probe[] {
  const probes: Probe[] = [];
  for (const [route, methods] of Object.entries(spec.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!op.security || op.security.length === 0) continue;
      const body = op.requestBody?.content?.['application/json']?.schema;
      if (route.includes('{action}')) {
        const resource = resources.find((r) => route === `${r.path}/actions/{action}`);
        for (const action of resource?.actions ?? [])
          probes.push({
            method: method.toUpperCase(),
            route: route.replace('{action}', action.name),
            request: (value) => ({
              url: route.replace('{action}', action.name),
              body: {
                ids: [value],
                input: Object.fromEntries(
                  action.inputFields.map((f) => [f.name, f.type === 'number' ? 1 : 'probe']),
                ),
              },
            }),
          });
        continue;
      }
      const example = examples[`${method.toUpperCase()} ${route}`];
      if (example === null) continue;
      const query = queryOf(op);
      const takesId =
        route.includes('{') ||
        query.some((p) => ID_NAME.test(p.name)) ||
        example !== undefined ||
        (body !== undefined && mentionsId(body));
      if (takesId) probes.push(probeOf(route, method, op, example));
    }
  }
  return probes;
}

/**
 * One probe per public operation under the given path prefixes (the device, meter and portal APIs),
 * which authenticate their callers themselves: the caller's credentials go along with each request.
 * Only operations that take an id, unless `every`; a path parameter named in `fixed` (the portal's
 * organization) is given its own value by the caller, so it does not count as one.
 */
export function publicProbes(
  spec: OpenApi,
  under: ReadonlyArray<string>,
  options: {
    examples?: Readonly<Record<string, ((id: string) => unknown) | null>>;
    fixed?: ReadonlyArray<string>;
    every?: boolean;
  } = {},
): Probe[] {
  const probes: Probe[] = [];
  const fixed = new Set(options.fixed ?? []);
  for (const [route, methods] of Object.entries(spec.paths)) {
    if (!under.some((prefix) => route.startsWith(prefix))) continue;
    for (const [method, op] of Object.entries(methods)) {
      if (op.security?.length !== 0) continue;
      const example = options.examples?.[`${method.toUpperCase()} ${route}`];
      if (example === null) continue;
      const body = op.requestBody?.content?.['application/json']?.schema;
      const takesId =
        [...route.matchAll(/\{([^}]+)\}/g)].some((m) => !fixed.has(m[1]!)) ||
        queryOf(op).some((p) => ID_NAME.test(p.name)) ||
        example !== undefined ||
        (body !== undefined && mentionsId(body));
      if (takesId || options.every) probes.push(probeOf(route, method, op, example));
    }
  }
  return probes;
}

const queryOf = (op: Operation) =>
  (op.parameters ?? []).filter((p) => p.in === 'query' && (p.required || ID_NAME.test(p.name)));

function probeOf(route: string, method: string, op: Operation, example?: (id: string) => unknown): Probe {
  const body = op.requestBody?.content?.['application/json']?.schema;
  const query = queryOf(op);
  return {
    method: method.toUpperCase(),
    route,
    request: (value, params = {}) => {
      const search = new URLSearchParams(
        query.map((p) => [p.name, String(exampleOf(p.schema, p.name, value))]),
      ).toString();
      const path = route.replace(/\{([^}]+)\}/g, (_, name: string) => params[name] ?? value);
      return {
        url: `${path}${search ? `?${search}` : ''}`,
        ...(example ? { body: example(value) } : body ? { body: exampleOf(body, '', value) } : {}),
      };
    },
  };
}

function mentionsId(schema: JsonSchema, name = ''): boolean {
  if (schema.format === 'uuid' || (name && ID_NAME.test(name))) return true;
  if (schema.anyOf?.some((s) => mentionsId(s, name))) return true;
  if (schema.items && mentionsId(schema.items, name)) return true;
  return Object.entries(schema.properties ?? {}).some(([k, s]) => mentionsId(s, k));
}

/**
 * A value the schema accepts, with every id-like field set to `id`: required properties, plus
 * optional ones that carry an id (a payer contact, a student), since those are what a foreign
 * organization's request would smuggle in.
 */
export function exampleOf(schema: JsonSchema, name: string, id: string): unknown {
  if (schema.anyOf) return exampleOf(schema.anyOf.find((s) => s.type !== 'null') ?? {}, name, id);
  if (schema.enum) return schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const keys = Object.keys(schema.properties ?? {}).filter(
        (k) => schema.required?.includes(k) || mentionsId(schema.properties![k]!, k),
      );
      return Object.fromEntries(keys.map((k) => [k, exampleOf(schema.properties![k]!, k, id)]));
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () =>
        exampleOf(schema.items ?? {}, name, id),
      );
    case 'integer':
    case 'number':
      return Math.max(1, schema.minimum ?? 1, (schema.exclusiveMinimum ?? 0) + 1);
    case 'boolean':
      return false;
    default:
      return stringFor(schema, name, id);
  }
}

/** Strings that pass the patterns this API uses; an id wherever the field names one. */
function stringFor(schema: JsonSchema, name: string, id: string): string {
  if (schema.format === 'uuid' || ID_NAME.test(name)) return id;
  if (schema.format === 'date-time') return '2026-11-25T10:00:00.000Z';
  if (schema.format === 'email' || /email/i.test(name)) return 'probe@example.com';
  if (schema.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) return '2026-11-25';
  if (schema.pattern === '^[A-Z]{3}$') return 'USD';
  if (schema.pattern?.includes('(\\.[a-z][a-z0-9_]*)+')) return 'test.probe';
  if (/waId|phone|msisdn/i.test(name)) return '595981999999';
  return 'p'.repeat(Math.max(5, schema.minLength ?? 1));
}
