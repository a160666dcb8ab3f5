import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Issue 66, item 6: every fresh visit to the console logged a failed `GET /api/auth/session` (401):
 * the console asks who is signed in before anyone did. A caller with no credential at all now hears
 * `{ signedIn: false }`; a cookie that does not work is still refused, and a signed-in caller gets
 * the session as before.
 */
let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
});
afterAll(() => app.close());

describe('GET /api/auth/session', () => {
  it('answers a caller with no cookie or token that nobody is signed in', async () => {
    const res = await app.anonymous().get('/api/auth/session');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ signedIn: false });
  });

  it('still refuses a session cookie that does not work, and describes one that does', async () => {
    const owner = await app.signIn('owner@example.com');
    const session = await owner.get('/api/auth/session');
    expect(session.statusCode).toBe(200);
    expect(session.json()).toMatchObject({ role: 'owner', user: { email: 'owner@example.com' } });
    expect(session.json()).not.toHaveProperty('signedIn');
    expect((await owner.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await owner.get('/api/auth/session')).statusCode).toBe(401);
    expect((await app.withToken('odk_nothing').get('/api/auth/session')).statusCode).toBe(401);
  });
});
