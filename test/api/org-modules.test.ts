import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

/**
 * Issue 28: an organization runs the modules it chose (`modules` in /api/org). A route, a console
 * resource, a permission and a menu entry of a module it does not run are not there for it.
 */
let app: TestApp;
let owner: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'owner@modules.example', role: 'owner' });
  owner = await app.signIn('owner@modules.example');
});
afterAll(() => app?.close());

const enabled = () => app.modules.map((m) => m.name);

describe('modules an organization runs', () => {
  it('runs every enabled module until it chooses', async () => {
    expect((await owner.get('/api/org')).json().modules).toBeNull();
    const session = (await owner.get('/api/auth/session')).json();
    expect(session.organization.modules).toEqual(enabled());
    expect((await owner.get('/api/raffle/raffles')).statusCode).toBe(200);
  });

  it("answers 404 on a module's routes once the organization stops running it, and 200 after adding it back", async () => {
    const chosen = await owner.patch('/api/org', { modules: ['mess'] });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json().modules).toEqual(['mess']);

    const route = await owner.get('/api/raffle/raffles');
    expect(route.statusCode).toBe(404);
    expect(route.headers['content-type']).toMatch(/application\/problem\+json/);
    // as for a path that exists nowhere
    expect(route.json()).toMatchObject({
      code: 'route_not_found',
      detail: 'No route GET /api/raffle/raffles',
    });
    // a console resource's generated routes too, and it leaves the list of resources
    expect((await owner.get('/api/raffle/console/orders')).statusCode).toBe(404);
    const resources = ((await owner.get('/api/resources')).json() as Array<{ name: string }>).map(
      (r) => r.name,
    );
    expect(resources.some((n) => n.startsWith('raffle.'))).toBe(false);
    expect(resources).toContain('mess.students');
    // what the console builds its menu, cards and palette from
    const session = (await owner.get('/api/auth/session')).json();
    expect(session.organization.modules).toEqual(['mess']);
    // and each of the person's organizations says what it runs: a link to a raffle page from
    // another organization of theirs is told where it belongs
    expect(session.organizations).toEqual([expect.objectContaining({ slug: 'default', modules: ['mess'] })]);
    expect((session.permissions as string[]).some((p) => p.startsWith('raffle.'))).toBe(false);
    expect(session.permissions).toContain('platform.settings.update');
    // the shared records stay
    expect((await owner.get('/api/contacts')).statusCode).toBe(200);

    const added = await owner.patch('/api/org', { modules: ['mess', 'raffle'] });
    expect(added.statusCode).toBe(200);
    expect((await owner.get('/api/raffle/raffles')).statusCode).toBe(200);
    expect((await owner.get('/api/raffle/console/orders')).statusCode).toBe(200);
  });

  it('offers the simulator only the flows of the modules it runs', async () => {
    const all = (await owner.get('/api/conversations/flows')).json() as string[];
    expect(all).toEqual(expect.arrayContaining(['mess', 'raffle']));
    await owner.patch('/api/org', { modules: ['mess'] });
    expect((await owner.get('/api/conversations/flows')).json()).toEqual(['mess']);
    const refused = await owner.post('/api/conversations/simulator/messages', {
      flow: 'raffle',
      contactKey: 'modules-probe',
      input: { kind: 'text', text: 'hola' },
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe('conversations.flow_not_found');
    await owner.patch('/api/org', { modules: null });
    const answered = await owner.post('/api/conversations/simulator/messages', {
      flow: 'raffle',
      contactKey: 'modules-probe',
      input: { kind: 'text', text: 'hola' },
    });
    expect(answered.statusCode, answered.body).toBe(200);
  });

  it('gates API tokens as it gates sessions', async () => {
    await owner.patch('/api/org', { modules: null });
    const token = (
      await owner.post('/api/tokens', { name: 'modules probe', scopes: ['raffle.raffle.read'] })
    ).json().token as string;
    await owner.patch('/api/org', { modules: ['prepaid'] });
    expect((await app.withToken(token).get('/api/raffle/raffles')).statusCode).toBe(404);
    await owner.patch('/api/org', { modules: null });
    expect((await app.withToken(token).get('/api/raffle/raffles')).statusCode).toBe(200);
    expect((await owner.get('/api/org')).json().modules).toBeNull();
  });

  it('refuses a module the deployment does not enable, naming body.modules and what it expects, changing nothing', async () => {
    await owner.patch('/api/org', { modules: ['mess'] });
    for (const modules of [['mess', 'bakery'], ['mess', 'mess'], 'mess']) {
      const res = await owner.patch('/api/org', { modules, name: 'Half written?' });
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      const problem = res.json();
      const field = (problem.errors as Array<{ field: string; message: string }>).find((e) =>
        e.field.startsWith('body.modules'),
      );
      expect(field, JSON.stringify(problem)).toBeDefined();
      expect(field!.field).toBe('body.modules');
      expect(field!.message).toMatch(/expected/);
    }
    const unknown = (await owner.patch('/api/org', { modules: ['bakery'] })).json();
    expect(JSON.stringify(unknown.errors)).toContain(enabled().join(', '));
    const org = (await owner.get('/api/org')).json();
    expect(org.modules).toEqual(['mess']);
    expect(org.name).not.toBe('Half written?');
    await owner.patch('/api/org', { modules: null });
  });

  it('audits the choice with before and after', async () => {
    await owner.patch('/api/org', { modules: ['coffee', 'exhibition'] });
    const audit = (await owner.get('/api/audit?action=platform.organization.updated')).json();
    const entries = (audit.items ?? audit) as Array<{
      before: { modules: unknown } | null;
      after: { modules: unknown } | null;
    }>;
    expect(
      entries.some(
        (e) =>
          e.before?.modules === null &&
          JSON.stringify(e.after?.modules) === JSON.stringify(['coffee', 'exhibition']),
      ),
    ).toBe(true);
    await owner.patch('/api/org', { modules: null });
  });
});
