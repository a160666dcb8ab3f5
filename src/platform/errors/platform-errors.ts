import { errorTable } from './define-errors.ts';

/**
 * The HTTP kit's own words, shared by every area: a route of any module answers `not_found`,
 * `forbidden` or `validation_failed`, and clients (the console, API users) handle them once. So
 * they carry no area prefix; every other code does (`raffle.tickets_unavailable`). The platform
 * area of the app declares them.
 */
export const PlatformErrors = errorTable('platform', '', {
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
  busy: { status: 409, title: 'Someone else is changing this right now; try again' },
  idempotency_key_reused: { status: 422, title: 'Idempotency-Key was used for a different request' },
  idempotency_in_progress: { status: 409, title: 'A request with this Idempotency-Key is still running' },
  internal: { status: 500, title: 'Internal error' },
  unavailable: { status: 503, title: 'Service unavailable' },
});
