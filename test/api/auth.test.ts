import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock/index.ts';
import { startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';

let app: TestApp;
const clock = fixedClock('2026-11-22T10:00:00Z');
beforeAll(async () => {
  app = await startTestApp({
    clock,
    env: { OPSDESK_LOGIN_MAX_FAILURES: '3', OPSDESK_LOGIN_LOCK_MINUTES: '15' },
  });
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  await app.createStaff({ email: 'viewer@example.com', role: 'viewer' });
  await app.createStaff({ email: 'scanner@example.com', role: 'scanner' });
  await app.createStaff({ email: 'locked@example.com', role: 'ops' });
});
afterAll(() => app.close());

describe('staff sign-in', () => {
  it('sets an httpOnly SameSite session cookie and returns the CSRF token and permissions', async () => {
    const res = await app
      .anonymous()
      .post('/api/auth/login', { email: 'OWNER@example.com', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'opsdesk_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    const body = res.json();
    expect(body.role).toBe('owner');
    expect(body.csrfToken).toHaveLength(32);
    expect(body.permissions).toContain('platform.user.manage');
  });

  it('refuses a wrong password without telling whether the e-mail exists', async () => {
    const wrong = await app
      .anonymous()
      .post('/api/auth/login', { email: 'owner@example.com', password: 'nope-nope-nope' });
    const unknown = await app
      .anonymous()
      .post('/api/auth/login', { email: 'ghost@example.com', password: 'nope-nope-nope' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().code).toBe(unknown.json().code);
  });

  it('locks an account for the failing client, even when the right password follows', async () => {
    for (let i = 0; i < 3; i++)
      await app
        .anonymous()
        .post('/api/auth/login', { email: 'locked@example.com', password: 'wrong-password-x' });
    const res = await app
      .anonymous()
      .post('/api/auth/login', { email: 'locked@example.com', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(429);
    expect(res.json().code).toBe('auth.login_locked');
    clock.advance(16 * 60_000);
    expect(
      (
        await app
          .anonymous()
          .post('/api/auth/login', { email: 'locked@example.com', password: TEST_PASSWORD })
      ).statusCode,
    ).toBe(200);
  });

  it('requires the CSRF token on cookie-authenticated writes', async () => {
    const owner = await app.signIn('owner@example.com');
    const cookieOnly = await owner.request(
      'POST',
      '/api/tokens',
      { name: 'x', scopes: ['platform.audit.read'] },
      { 'x-csrf-token': 'forged' },
    );
    expect(cookieOnly.statusCode).toBe(403);
    expect(cookieOnly.json().code).toBe('csrf_failed');
    expect((await owner.post('/api/tokens', { name: 'x', scopes: ['platform.audit.read'] })).statusCode).toBe(
      201,
    );
  });

  it('signs out: the old cookie no longer works', async () => {
    const owner = await app.signIn('owner@example.com');
    expect((await owner.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await owner.get('/api/auth/session')).statusCode).toBe(401);
  });

  it('changes a password and signs out the other sessions', async () => {
    await app.createStaff({ email: 'mover@example.com', role: 'ops' });
    const laptop = await app.signIn('mover@example.com');
    const phone = await app.signIn('mover@example.com');
    const weak = await laptop.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'aaaaaaaaaaaa',
    });
    expect(weak.json().code).toBe('auth.weak_password');
    const ok = await laptop.post('/api/auth/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new passphrase',
    });
    expect(ok.statusCode).toBe(204);
    expect((await laptop.get('/api/auth/session')).statusCode).toBe(200);
    expect((await phone.get('/api/auth/session')).statusCode).toBe(401);
    await app.signIn('mover@example.com', 'a brand new passphrase');
  });
});

describe('roles and permissions', () => {
  it('lets a viewer read but not write', async () => {
    const viewer = await app.signIn('viewer@example.com');
    expect((await viewer.get('/api/audit')).statusCode).toBe(200);
    const res = await viewer.post('/api/users', {
      email: 'x@example.com',
      name: 'X',
      password: TEST_PASSWORD,
      role: 'ops',
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'forbidden', details: { permission: 'platform.user.manage' } });
  });

  it('gives a scanner nothing outside the counter: scanning passes, and billing at an exhibition booth', async () => {
    const scanner = await app.signIn('scanner@example.com');
    expect((await scanner.get('/api/audit')).statusCode).toBe(403);
    const permissions: string[] = (await scanner.get('/api/auth/session')).json().permissions;
    expect(permissions).toContain('passes.pass.verify');
    // Booth staff scan a customer's QR and bill at their own booth (the route checks the booth).
    const counterWork = new Set(['passes.pass.verify', 'exhibition.customer.find', 'exhibition.bill.add']);
    expect(permissions.filter((p) => !counterWork.has(p) && !/\.scan\.[a-z]+$/.test(p))).toEqual([]);
  });

  it('rate-limits sign-in attempts per client', async () => {
    const limited = await startTestApp({ env: { OPSDESK_LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 4; i++)
        codes.push(
          (await limited.anonymous().post('/api/auth/login', { email: 'a@b.co', password: 'xxxxxxxxxxxx' }))
            .statusCode,
        );
      expect(codes).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });

  it('refuses anonymous calls to private routes', async () => {
    const res = await app.anonymous().get('/api/users');
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('unauthenticated');
  });

  it('lets only owners create owners, and keeps the last owner', async () => {
    await app.createStaff({ email: 'admin@example.com', role: 'admin' });
    const admin = await app.signIn('admin@example.com');
    const res = await admin.post('/api/users', {
      email: 'boss@example.com',
      name: 'Boss',
      password: TEST_PASSWORD,
      role: 'owner',
    });
    expect(res.json().code).toBe('auth.role_not_allowed');
    const owner = await app.signIn('owner@example.com');
    const me = (await owner.get('/api/auth/session')).json().user.id;
    // Nobody changes their own role (issue 26); the last owner cannot disable itself either.
    const demote = await owner.patch(`/api/users/${me}`, { role: 'admin' });
    expect(demote.statusCode).toBe(403);
    expect(demote.json().code).toBe('auth.own_access_change');
    const leave = await owner.patch(`/api/users/${me}`, { disabled: true });
    expect(leave.statusCode).toBe(409);
    expect(leave.json().code).toBe('auth.last_owner');
  });
});

describe('API tokens', () => {
  it('shows the secret once, works as a bearer, is limited to its scopes, and dies when revoked', async () => {
    const owner = await app.signIn('owner@example.com');
    const created = await owner.post('/api/tokens', { name: 'reporting', scopes: ['platform.audit.read'] });
    const { token, apiToken } = created.json();
    expect(token).toMatch(/^odk_/);
    const listed = (await owner.get('/api/tokens')).json();
    expect(JSON.stringify(listed)).not.toContain(token);
    const program = app.withToken(token);
    expect((await program.get('/api/audit')).statusCode).toBe(200);
    expect((await program.get('/api/users')).statusCode).toBe(403);
    expect((await owner.delete(`/api/tokens/${apiToken.id}`)).statusCode).toBe(204);
    expect((await program.get('/api/audit')).statusCode).toBe(401);
  });

  it('cannot carry permissions its creator lacks', async () => {
    const viewer = await app.signIn('viewer@example.com');
    await app.createStaff({ email: 'tokenadmin@example.com', role: 'admin' });
    const admin = await app.signIn('tokenadmin@example.com');
    const res = await admin.post('/api/tokens', { name: 'too much', scopes: ['platform.org.manage'] });
    expect(res.json().code).toBe('auth.scope_not_allowed');
    expect(
      (await viewer.post('/api/tokens', { name: 'v', scopes: ['platform.audit.read'] })).statusCode,
    ).toBe(403);
  });
});

describe('audit log', () => {
  it('records who changed what, with before and after and the request id, filterable by action', async () => {
    const owner = await app.signIn('owner@example.com');
    const created = await owner.post('/api/users', {
      email: 'audited@example.com',
      name: 'Audited',
      password: TEST_PASSWORD,
      role: 'viewer',
    });
    const id = created.json().id;
    const changed = await owner.patch(`/api/users/${id}`, { role: 'ops' });
    const page = (await owner.get(`/api/audit?action=platform.member.updated&subjectId=${id}`)).json();
    expect(page.items).toHaveLength(1);
    const event = page.items[0];
    expect(event.actor).toMatchObject({ type: 'user', label: 'owner@example.com' });
    expect(event.before.role).toBe('viewer');
    expect(event.after.role).toBe('ops');
    expect(event.requestId).toBe(changed.headers['x-request-id']);
  });

  it('pages through events newest first without repeating any', async () => {
    const owner = await app.signIn('owner@example.com');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = (
        await owner.get(`/api/audit?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(4);
    expect([...seen].map(Number)).toEqual([...seen].map(Number).sort((a, b) => b - a));
  });

  it('cannot be edited or deleted, even with direct SQL', async () => {
    await expect(app.database.pool.query('delete from audit_event')).rejects.toThrow(/append-only/);
    await expect(app.database.pool.query("update audit_event set action = 'x.y'")).rejects.toThrow(
      /append-only/,
    );
  });
});
