/** Statuses a route's own use case may refuse with, beyond what the kit answers for every route. */
export const REFUSAL_STATUSES = [400, 401, 403, 404, 409, 410, 413, 415, 422, 429, 502, 503] as const;
export type RefusalStatus = (typeof REFUSAL_STATUSES)[number];

/** What the OpenAPI document needs to know of one operation to list its error answers. */
export interface OperationFacts {
  method: string;
  /** Anyone may call it (`config.public`). */
  isPublic: boolean;
  /** It validates a body, query, path parameters or headers. */
  validatesInput: boolean;
  hasPathParams: boolean;
  /** Declared by the route (`config.refuses`). */
  refuses?: ReadonlyArray<RefusalStatus>;
  /** Answers the caller's area adds, e.g. 403 for a route that needs a permission. */
  extra?: Readonly<Record<number, string>>;
}

const SAFE_METHODS = ['GET', 'HEAD', 'OPTIONS'];

const REFUSALS: Record<RefusalStatus, string> = {
  400: 'The request is not valid; `errors` lists each invalid field and what it expects',
  401: 'Refused: the credentials or signature are not valid',
  403: 'Refused: not allowed for this caller or record',
  404: 'Something the request names does not exist',
  409: 'Refused: conflicts with the current state',
  410: 'Gone: it existed once and no longer does',
  413: 'The body or file is too large',
  415: 'This content type or kind of file is not accepted here',
  422: 'Refused: the values cannot be processed as given',
  429: 'Too many attempts for now; try again later',
  502: 'An outside service answered wrongly or not at all',
  503: 'Not configured, or not available right now',
};

/**
 * The problem+json answers of one operation, by status: what the HTTP kit answers (bad input,
 * missing sign-in or CSRF token, unknown record, rate limit) and what the route says its use case
 * refuses with. Every answer's body is a problem document.
 */
export function problemAnswersOf(op: OperationFacts): Record<number, string> {
  const answers: Record<number, string> = {};
  const add = (status: number, text: string) => {
    const known = answers[status];
    if (known?.includes(text)) return;
    answers[status] = known ? `${known}; or: ${lowerFirst(text)}` : text;
  };
  if (op.validatesInput) add(400, REFUSALS[400]);
  if (!op.isPublic) add(401, 'Sign in first: no session or API token, or it expired or was revoked');
  for (const [status, text] of Object.entries(op.extra ?? {})) add(Number(status), text);
  if (!op.isPublic && !SAFE_METHODS.includes(op.method.toUpperCase()))
    add(403, 'With a session cookie: the CSRF token is missing or wrong');
  if (op.hasPathParams) add(404, op.isPublic ? 'Not found' : 'Not found in your organization');
  for (const status of op.refuses ?? []) add(status, REFUSALS[status]);
  answers[429] ??= 'Rate limit reached; `details.retryAfterSeconds` says when to try again';
  return answers;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
