import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Issue 26 item 4: who may give whom which role or permission. An admin used to grant itself
 * `platform.org.manage` (owner-only) with one PATCH and hold it from the next sign-in on.
 */
let app: TestApp;
let owner: ApiClient;
let admin: ApiClient;
let ops: ApiClient;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'owner@grants.example', role: 'owner' });
  await app.createStaff({ email: 'admin@grants.example', role: 'admin' });
  await app.createStaff({ email: 'ops@grants.example', role: 'ops' });
  await app.createStaff({ email: 'viewer@grants.example', role: 'viewer' });
  owner = await app.signIn('owner@grants.example');
  admin = await app.signIn('admin@grants.example');
  for (const m of (await owner.get('/api/users')).json() as Array<{ id: string; email: string }>)
    ids[m.email.split('@')[0]!] = m.id;
  // An ops member trusted with staff management, but not with what ops cannot do.
  expect(
    (await owner.patch(`/api/users/${ids.ops}`, { extraPermissions: ['platform.user.manage'] })).statusCode,
  ).toBe(200);
  ops = await app.signIn('ops@grants.example');
});
afterAll(async () => app?.close());

const permissionsAfterSignIn = async (email: string) =>
  (await (await app.signIn(email)).get('/api/auth/session')).json().permissions as string[];

function expectRefused(
  res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  code: string,
  field: string,
) {
  expect(res.statusCode).toBe(403);
  expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  const problem = res.json() as { code: string; errors: Array<{ field: string }> };
  expect(problem.code).toBe(code);
  expect(problem.errors.map((e) => e.field)).toEqual([field]);
}

describe('granting roles and permissions', () => {
  it('refuses an admin granting itself an owner-only permission, and the next session does not hold it', async () => {
    const res = await admin.patch(`/api/users/${ids.admin}`, { extraPermissions: ['platform.org.manage'] });
    expectRefused(res, 'auth.own_access_change', 'body.extraPermissions');
    expect(await permissionsAfterSignIn('admin@grants.example')).not.toContain('platform.org.manage');
  });

  it('refuses anyone, an owner too, changing their own role', async () => {
    expectRefused(
      await admin.patch(`/api/users/${ids.admin}`, { role: 'owner' }),
      'auth.own_access_change',
      'body.role',
    );
    expectRefused(
      await owner.patch(`/api/users/${ids.owner}`, { role: 'admin' }),
      'auth.own_access_change',
      'body.role',
    );
  });

  it('refuses an admin granting an owner-only permission to someone else', async () => {
    const res = await admin.patch(`/api/users/${ids.viewer}`, { extraPermissions: ['platform.org.manage'] });
    expectRefused(res, 'auth.permission_owner_only', 'body.extraPermissions');
    expect(await permissionsAfterSignIn('viewer@grants.example')).not.toContain('platform.org.manage');
  });

  it('refuses granting a permission beyond one’s own', async () => {
    // Ops cannot change settings, so it cannot hand that to a viewer either.
    const res = await ops.patch(`/api/users/${ids.viewer}`, {
      extraPermissions: ['platform.settings.update'],
    });
    expectRefused(res, 'auth.permission_not_held', 'body.extraPermissions');
    expect(await permissionsAfterSignIn('viewer@grants.example')).not.toContain('platform.settings.update');
  });

  it('still lets each grant what they may: an owner anything, an admin what it holds', async () => {
    const byAdmin = await admin.patch(`/api/users/${ids.viewer}`, {
      extraPermissions: ['platform.settings.update'],
    });
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    const byOwner = await owner.patch(`/api/users/${ids.viewer}`, {
      extraPermissions: ['platform.settings.update', 'platform.org.manage'],
    });
    expect(byOwner.statusCode, byOwner.body).toBe(200);
    expect(await permissionsAfterSignIn('viewer@grants.example')).toEqual(
      expect.arrayContaining(['platform.settings.update', 'platform.org.manage']),
    );
    // An admin may take away what an owner granted.
    expect((await admin.patch(`/api/users/${ids.viewer}`, { extraPermissions: [] })).statusCode).toBe(200);
    expect(await permissionsAfterSignIn('viewer@grants.example')).not.toContain('platform.org.manage');
  });
});
