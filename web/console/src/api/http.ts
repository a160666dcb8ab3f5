import { HttpError } from 'react-admin';
import type { ProblemField, Problem as ServerProblem } from '../../../../src/platform/http/browser.ts';

/** One field issue of an RFC 9457 problem document sent by the Opsdesk API. */
export type FieldIssue = ProblemField;

/**
 * The problem+json body of a failed call: the server's, or one the console writes itself where no
 * server answered (a network error, a body that is not JSON), with only a title and a status then.
 */
export type Problem = Pick<ServerProblem, 'title' | 'status'> & Partial<ServerProblem>;

/** The console's words for a problem's code in the current language, when it has some. */
export type ProblemWording = (problem: Problem) => string | undefined;

let wordProblem: ProblemWording = () => undefined;

/**
 * Set once by the i18n provider: failed calls then read in the staff member's language (from the
 * problem's `code`), the server's English `detail` only where the console has no words for it.
 */
export function wordProblemsWith(wording: ProblemWording): void {
  wordProblem = wording;
}

/** The console's words for one field issue in the current language, when it has some. */
export type IssueWording = (issue: FieldIssue) => string | undefined;

let wordIssue: IssueWording = () => undefined;

/** Set once by the i18n provider: field errors under a form's fields read in the console's language. */
export function wordFieldIssuesWith(wording: IssueWording): void {
  wordIssue = wording;
}

/**
 * A failed API call. Extends react-admin's HttpError so forms show `body.errors` next to the
 * fields (`{ field: message }`) and notifications show the problem in the console's language.
 */
export class ApiError extends HttpError {
  readonly problem: Problem;
  /** Each refused field (`phone`) with what is wrong, in the console's language where it has words. */
  readonly fieldWords: Readonly<Record<string, string>>;
  constructor(problem: Problem) {
    const errors = (problem.errors ?? []).map((issue) => ({ ...issue, field: formField(issue.field) }));
    const fieldErrors: Record<string, string> = {};
    for (const issue of errors) fieldErrors[issue.field || 'root'] = wordIssue(issue) || issue.message;
    const message = wordProblem(problem) || problem.detail || problem.title;
    super(message, problem.status, {
      ...problem,
      errors: { ...fieldErrors, root: { serverError: message } },
    });
    // HttpError resets its prototype to HttpError's, which would break `instanceof ApiError`.
    Object.setPrototypeOf(this, new.target.prototype);
    this.problem = { ...problem, errors };
    this.fieldWords = fieldErrors;
  }

  /**
   * The words under one form field when this refusal names it: the console's words for the field's
   * issue, or the problem's own words where a rule (not the input's shape) refused it, e.g. a cut
   * that overlaps another.
   */
  wordsFor(field: string): string | undefined {
    if (!this.problem.errors?.some((issue) => issue.field === field)) return undefined;
    return this.problem.code === 'validation_failed' ? this.fieldWords[field] : this.message;
  }
}

/**
 * A form field's `error` and `helperText` after a call that may have failed (`problem` is the
 * caught error or null): the refusal's words under the field it names, else the field's `hint`.
 */
export function fieldHelp(
  problem: unknown,
  field: string,
  hint?: string,
): { error: boolean; helperText?: string } {
  const words = problem instanceof ApiError ? problem.wordsFor(field) : undefined;
  return words === undefined ? { error: false, helperText: hint } : { error: true, helperText: words };
}

/** The API names fields by where they came from (`body.timeZone`); forms know them as `timeZone`. */
function formField(field: string | undefined): string {
  return (field ?? '').replace(/^(body|query|params|querystring)\./, '');
}

let csrfToken: string | null = null;

/** The session's CSRF token, sent with every write (the server refuses cookie writes without it). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

const SAFE = new Set(['GET', 'HEAD']);

async function toProblem(res: Response): Promise<Problem> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    return { ...body, title: body.title ?? res.statusText, status: body.status ?? res.status };
  } catch {
    return { title: res.statusText || 'Request failed', status: res.status, detail: text.slice(0, 300) };
  }
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  /** Extra request headers (an `Idempotency-Key`). */
  headers?: Record<string, string>;
  /** Called once when the server says the CSRF token is stale; returns a fresh one. */
  refreshCsrf?: () => Promise<string | null>;
  /** `blob`: the answer is a file (a PDF), returned as it came. */
  as?: 'blob';
  /** Sent even if the page goes away meanwhile (a decision sent on `pagehide`). */
  keepalive?: boolean;
}

let csrfRefresher: (() => Promise<string | null>) | undefined;

/** Registers how to fetch a fresh CSRF token (from `GET /api/auth/session`). */
export function onCsrfRefresh(refresh: () => Promise<string | null>): void {
  csrfRefresher = refresh;
}

/** Calls the Opsdesk API with the session cookie and CSRF header; throws `ApiError` on failure. */
export async function api<T = unknown>(
  url: string,
  options: RequestOptions = {},
  retried = false,
): Promise<T> {
  const method = (options.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (!SAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      ...(options.keepalive ? { keepalive: true } : {}),
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError({
      title: 'Network error',
      status: 0,
      code: 'network',
      detail: (err as Error).message,
    });
  }
  if (res.ok) {
    if (res.status === 204) return undefined as T;
    if (options.as === 'blob') return (await res.blob()) as T;
    const type = res.headers.get('content-type') ?? '';
    return (type.includes('json') ? await res.json() : await res.text()) as T;
  }
  const problem = await toProblem(res);
  if (problem.code === 'csrf_failed' && !retried && csrfRefresher) {
    csrfToken = await csrfRefresher();
    return api<T>(url, options, true);
  }
  throw new ApiError(problem);
}

/** Builds a query string, skipping empty values and joining arrays with commas. */
export function toQuery(params: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) search.set(key, value.join(','));
    } else if (value instanceof Date) search.set(key, value.toISOString());
    else search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
