import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenOn } from '../support/live-stream.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';

/**
 * Issue 55 item 10: an anonymous request to a private route was refused before the app's limit per
 * address counted it (GET /api/auth/session without end), and HEAD answered 404 on every GET route.
 */
const LIMIT = 5;
let app: TestApp;
let baseUrl: string;
beforeAll(async () => {
  app = await startTestApp({ env: { OPSDESK_RATE_LIMIT_PER_MINUTE: String(LIMIT) } });
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  baseUrl = await listenOn(app);
});
afterAll(() => app.close());

describe('anonymous callers and the limit per address', () => {
  it('counts refused anonymous requests: past the limit the address is answered 429 with Retry-After', async () => {
    const from = (address: string) => app.anonymous({ remoteAddress: address });
    const codes: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) codes.push((await from('198.51.100.7').get('/api/users')).statusCode);
    expect(codes).toEqual([...Array(LIMIT).fill(401), 429, 429]);
    const limited = await from('198.51.100.7').get('/api/mess/students');
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // another address is not held back by this one
    expect((await from('198.51.100.8').get('/api/users')).statusCode).toBe(401);
  });
});

describe('HEAD', () => {
  it('answers a GET route as its GET does, without the body', async () => {
    const login = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@example.com', password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .find((c) => c.startsWith('opsdesk_session='))!
      .split(';')[0]!;
    const get = await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie } });
    const head = await fetch(`${baseUrl}/api/auth/session`, { method: 'HEAD', headers: { cookie } });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
    expect(await head.text()).toBe('');
    expect((await get.json()).role).toBe('owner');
    // anonymous: refused as its GET is; a path that exists nowhere is still a 404
    expect((await fetch(`${baseUrl}/api/users`, { method: 'HEAD' })).status).toBe(401);
    expect((await fetch(`${baseUrl}/api/nowhere`, { method: 'HEAD' })).status).toBe(404);
    // a HEAD changes nothing: it is never taken for a write
    expect((await fetch(`${baseUrl}/api/auth/logout`, { method: 'HEAD', headers: { cookie } })).status).toBe(
      404,
    );
    expect((await fetch(`${baseUrl}/api/auth/session`, { headers: { cookie } })).status).toBe(200);
  });
});
