import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';

/**
 * Two organizations on one deployment. Organization A creates records through the API; then every
 * route in the OpenAPI document is called by organization B's owner with A's ids. No route may show,
 * change or delete A's data.
 */
let app: TestApp;
let a: ApiClient;
let b: ApiClient;
const aIds = new Set<string>();

beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'owner-a@example.com', role: 'owner' });
  await app.createOrg('org-b', 'owner-b@example.com');
  a = await app.signIn('owner-a@example.com');
  b = await app.signIn('owner-b@example.com');

  const created = [
    await a.post('/api/notes/notes', { title: 'secret of A', body: 'only for A' }),
    await a.post('/api/users', {
      email: 'staff-a@example.com',
      name: 'Staff A',
      password: TEST_PASSWORD,
      role: 'ops',
    }),
    await a.post('/api/tokens', { name: 'token of A', scopes: ['platform.audit.read'] }),
  ];
  for (const res of created) {
    expect(res.statusCode).toBe(201);
    const body = res.json();
    aIds.add(body.id ?? body.apiToken.id);
  }
  const aOrg = (await a.get('/api/auth/session')).json().organization.id;
  aIds.add(aOrg);
});
afterAll(() => app.close());

const routes = async () => {
  const spec = (await app.anonymous().get('/api/openapi.json')).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  return Object.entries(spec.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
  );
};

describe('organization isolation', () => {
  it('lists never show another organization’s records', async () => {
    for (const { path } of (await routes()).filter((r) => r.method === 'GET' && !r.path.includes('{'))) {
      const res = await b.get(path);
      for (const id of aIds) expect(res.body, `${path} leaks ${id}`).not.toContain(id);
    }
  });

  it('no route reads, changes or deletes a record of another organization by id', async () => {
    const withId = (await routes()).filter((r) => r.path.includes('{'));
    expect(withId.length).toBeGreaterThan(3);
    for (const { method, path } of withId) {
      for (const id of aIds) {
        const url = path.replace(/\{[^}]+\}/g, id);
        const res = await b.request(method, url, method === 'GET' || method === 'DELETE' ? undefined : {});
        expect(
          res.statusCode,
          `${method} ${url} answered ${res.statusCode}: ${res.body}`,
        ).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${method} ${url}`).toBeLessThan(500);
        expect(res.body, `${method} ${url} leaks`).not.toContain('secret of A');
      }
    }
    const notes = (await a.get('/api/notes/notes')).json();
    expect(notes.map((n: { title: string }) => n.title)).toEqual(['secret of A']);
    expect((await a.get('/api/tokens')).json()[0].revokedAt).toBeNull();
    const staff = (await a.get('/api/users')).json().map((m: { email: string }) => m.email);
    expect(staff).toContain('staff-a@example.com');
  });

  it('the query layer scopes inserts, reads and updates even when a module forgets', async () => {
    const orgA = (await a.get('/api/auth/session')).json().organization.id;
    const orgB = (await b.get('/api/auth/session')).json().organization.id;
    const dbB = app.database
      .forOrg(orgB)
      .withTables<{ notes_note: { id: string; title: string; org_id: string } }>();
    expect(await dbB.selectFrom('notes_note').selectAll().execute()).toEqual([]);
    const changed = await dbB.updateTable('notes_note').set({ title: 'hijacked' }).executeTakeFirst();
    expect(changed.numUpdatedRows).toBe(0n);
    await expect(
      dbB.insertInto('notes_note').values({ id: crypto.randomUUID(), title: 'x', org_id: orgA }).execute(),
    ).rejects.toThrow(/another organization/);
  });
});
