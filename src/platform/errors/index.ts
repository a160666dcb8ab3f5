/**
 * Errors are codes. Domain code throws `new AppError('tickets_unavailable', { numbers })`;
 * one table (filled by each area's `*.errors.ts`) maps codes to an HTTP status and a title,
 * and the HTTP kit turns them into RFC 9457 problem+json.
 */

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `body.items.0.qty`. */
  field: string;
  /** What was wrong, in words. */
  message: string;
  /** Machine code of the issue (`too_small`, `invalid_type`, ...). */
  code: string;
  /** What was expected, when the validator knows it. */
  expected?: string;
}

export interface ErrorSpec {
  status: number;
  title: string;
}

const specs = new Map<string, ErrorSpec>();

/** Declares error codes once per area; a code declared twice with a different status is a bug. */
export function defineErrors<const T extends Record<string, ErrorSpec>>(table: T): { [K in keyof T]: K } {
  for (const [code, spec] of Object.entries(table)) {
    const known = specs.get(code);
    if (known && known.status !== spec.status) {
      throw new Error(`error code ${code} declared twice with different statuses`);
    }
    specs.set(code, spec);
  }
  return Object.fromEntries(Object.keys(table).map((k) => [k, k])) as { [K in keyof T]: K };
}

/** The spec of a code; unknown codes are internal errors (a bug, never the caller's fault). */
export function errorSpec(code: string): ErrorSpec {
  return specs.get(code) ?? { status: 500, title: 'Internal error' };
}

/** A domain error carrying a stable code and structured details. */
export class AppError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown>;
  readonly fields: FieldIssue[];

  constructor(
    code: string,
    details: Record<string, unknown> = {},
    options: { message?: string; fields?: FieldIssue[] } = {},
  ) {
    super(options.message ?? errorSpec(code).title);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.fields = options.fields ?? [];
  }

  get status(): number {
    return errorSpec(this.code).status;
  }
}

export const PlatformErrors = defineErrors({
  validation_failed: { status: 400, title: 'The request is not valid' },
  bad_json: { status: 400, title: 'The request body is not valid JSON' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  payload_too_large: { status: 413, title: 'The request body is too large' },
  not_found: { status: 404, title: 'Not found' },
  route_not_found: { status: 404, title: 'No such route' },
  non_canonical_path: { status: 400, title: 'The path is not spelled canonically' },
  bad_url: { status: 400, title: 'The URL is not valid' },
  metrics_disabled: { status: 404, title: 'Metrics are not served' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  unauthenticated: { status: 401, title: 'Sign in first' },
  forbidden: { status: 403, title: 'You are not allowed to do this' },
  csrf_failed: { status: 403, title: 'Missing or wrong CSRF token' },
  rate_limited: { status: 429, title: 'Too many requests, slow down' },
  conflict: { status: 409, title: 'Conflicts with the current state' },
  idempotency_key_reused: { status: 422, title: 'Idempotency-Key was used for a different request' },
  idempotency_in_progress: { status: 409, title: 'A request with this Idempotency-Key is still running' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Service unavailable' },
});

/** True when a PostgreSQL error is a unique violation (optionally on a named constraint). */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
