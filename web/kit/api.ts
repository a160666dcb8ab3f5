import type { SessionJson, SignedOutJson } from '../../src/core/auth/index.ts';
import type { Problem, ProblemField } from '../../src/platform/http/browser.ts';

/** One field a refusal names (of the problem's `errors`), as the apps read it: `body.scans.3.scannedAt`, `in_future`. */
export type RefusedField = Pick<ProblemField, 'field' | 'code'>;

/** Why a call did not succeed: the network (offline), the session, or the server's refusal. */
export class ApiError extends Error {
  constructor(
    readonly kind: 'network' | 'unauthenticated' | 'forbidden' | 'refused' | 'server',
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: RefusedField[] = [],
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 8000;

/**
 * The Opsdesk API as a signed-in staff page (the mess scanner, the exhibition booth) uses it: the
 * session cookie, and the session's CSRF token on every non-GET.
 */
export class StaffApi {
  csrfToken: string | null = null;

  constructor(private readonly base = '') {}

  /** One API call; `extraHeaders` carry what a route asks for besides the session (an Idempotency-Key). */
  async call<T>(
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let res: Response;
    try {
      res = await fetch(this.base + path, {
        method,
        headers,
        credentials: 'same-origin',
        cache: 'no-store',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch (err) {
      throw new ApiError('network', 0, 'network', err instanceof Error ? err.message : String(err));
    }
    if (res.status === 204) return undefined as T;
    const payload = (await res.json().catch(() => ({}))) as Partial<Problem>;
    if (res.ok) return payload as T;
    const code = payload.code ?? `http_${res.status}`;
    const message = payload.detail ?? payload.title ?? res.statusText;
    if (res.status === 401) throw new ApiError('unauthenticated', 401, code, message);
    if (res.status === 403 && code === 'csrf_failed')
      throw new ApiError('unauthenticated', 403, code, message);
    if (res.status === 403) throw new ApiError('forbidden', 403, code, message);
    if (res.status >= 500 || res.status === 429 || res.status === 408)
      throw new ApiError('server', res.status, code, message);
    throw new ApiError(
      'refused',
      res.status,
      code,
      message,
      Array.isArray(payload.errors) ? payload.errors : [],
    );
  }

  async login(input: { email: string; password: string; org?: string }): Promise<SessionJson> {
    const session = await this.call<SessionJson>('POST', '/api/auth/login', input);
    this.csrfToken = session.csrfToken;
    return session;
  }

  /** The signed-in session; a page nobody is signed in to gets `unauthenticated`, as with a dead session. */
  async session(): Promise<SessionJson> {
    const session = await this.call<SessionJson | SignedOutJson>('GET', '/api/auth/session');
    if ('signedIn' in session) throw new ApiError('unauthenticated', 401, 'unauthenticated', 'Not signed in');
    this.csrfToken = session.csrfToken;
    return session;
  }

  logout(): Promise<void> {
    return this.call('POST', '/api/auth/logout');
  }
}
