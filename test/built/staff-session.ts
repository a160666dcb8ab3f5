import { expect } from 'vitest';

/** One answer of the built server: status, body as text, parsed JSON when it is JSON, raw bytes. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  bytes: Buffer;
  // biome-ignore lint/suspicious/noExplicitAny: an answer is read field by field, as Fastify's inject().json() is
  json: () => any;
}

/** A staff member signed in over HTTP as the console is: the session cookie and its CSRF token. */
export interface StaffSession {
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  get(path: string): Promise<Answer>;
  post(path: string, body?: unknown): Promise<Answer>;
  patch(path: string, body: unknown): Promise<Answer>;
  /** POST a multipart form (`FormData`), as the console's upload does. */
  upload(path: string, form: FormData): Promise<Answer>;
}

async function answerOf(res: Response): Promise<Answer> {
  const bytes = Buffer.from(await res.arrayBuffer());
  const text = bytes.toString('utf8');
  return { status: res.status, headers: res.headers, text, bytes, json: () => JSON.parse(text) };
}

/**
 * `POST /api/auth/login` against the server at `baseUrl` (into the organization whose slug is `org`,
 * else the member's first); resolves with the answer, whatever it is.
 */
export async function tryToSignIn(baseUrl: string, email: string, password: string, org?: string) {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, ...(org ? { org } : {}) }),
  });
  return { res, answer: await answerOf(res) };
}

/** Signs in (the password checked with argon2 by the server) and keeps the session for later calls. */
export async function signIn(
  baseUrl: string,
  email: string,
  password: string,
  org?: string,
): Promise<StaffSession> {
  const { res, answer } = await tryToSignIn(baseUrl, email, password, org);
  expect(answer.status, answer.text).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const csrf = answer.json().csrfToken as string;
  const send = async (method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}) =>
    answerOf(
      await fetch(`${baseUrl}${path}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrf, ...headers },
        ...(body !== undefined ? { body } : {}),
      }),
    );
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    body === undefined
      ? send(method, path, undefined, headers)
      : send(method, path, JSON.stringify(body), { 'content-type': 'application/json', ...headers });
  return {
    call,
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    patch: (path, body) => call('PATCH', path, body),
    upload: (path, form) => send('POST', path, form),
  };
}
