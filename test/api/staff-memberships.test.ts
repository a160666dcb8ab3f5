import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiClient, startTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.ts';

/**
 * One person, several organizations: each organization decides only about its own membership.
 * Adding an e-mail invites the person, and the answer never tells whether the e-mail already had
 * an account.
 */
let app: TestApp;
let owner1: ApiClient;
let owner2: ApiClient;
let org2Id: string;

beforeAll(async () => {
  app = await startTestApp();
  await app.createStaff({ email: 'owner1@example.com', role: 'owner' });
  await app.createStaff({ email: 'ops1@example.com', role: 'ops' });
  await app.createStaff({ email: 'known@example.com', role: 'viewer' });
  org2Id = await app.createOrg('org-two', 'owner2@example.com');
  owner1 = await app.signIn('owner1@example.com');
  owner2 = await app.signIn('owner2@example.com');
});
afterAll(() => app.close());

const invite = (by: ApiClient, email: string, password = 'chosen by the inviter') =>
  by.post('/api/users', { email, name: 'Invited Person', password, role: 'admin' });

const staffOf = async (client: ApiClient) =>
  (await client.get('/api/users')).json() as Array<
    Record<'id' | 'email' | 'name' | 'state' | 'createdAt', string>
  >;

describe('another organization adding my owner', () => {
  it('only invites them, and disabling them there leaves my organization untouched', async () => {
    const added = await invite(owner2, 'owner1@example.com');
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ state: 'invited', name: 'Invited Person', disabled: false });
    const id = added.json().id;

    const disabled = await owner2.patch(`/api/users/${id}`, { disabled: true });
    expect(disabled.json().state).toBe('disabled');

    // Still the owner of org 1: the open session works, a new sign-in works, with their own password.
    expect((await owner1.get('/api/users')).statusCode).toBe(200);
    const again = await app.signIn('owner1@example.com');
    expect((await again.get('/api/auth/session')).json().organization.slug).toBe('default');
    expect((await staffOf(owner1)).find((m) => m.email === 'owner1@example.com')?.state).toBe('active');
    const withInviterPassword = await app
      .anonymous()
      .post('/api/auth/login', { email: 'owner1@example.com', password: 'chosen by the inviter' });
    expect(withInviterPassword.statusCode).toBe(401);
  });

  it('cannot change the person’s name, e-mail or password', async () => {
    const id = (await staffOf(owner1)).find((m) => m.email === 'owner1@example.com')!.id;
    const res = await owner2.patch(`/api/users/${id}`, { name: 'Hijacked', email: 'evil@example.com' });
    expect(res.statusCode).toBe(400);
    const me = (await owner1.get('/api/auth/session')).json().user;
    expect(me).toMatchObject({ name: 'owner1', email: 'owner1@example.com' });
  });
});

describe('adding an e-mail', () => {
  it('answers the same for an e-mail with an account and a new one', async () => {
    const existing = await invite(owner2, 'known@example.com');
    const fresh = await invite(owner2, 'fresh@example.com');
    const comparable = (res: typeof existing) => {
      const { id, createdAt, email, ...rest } = res.json();
      return { status: res.statusCode, rest, keys: Object.keys(res.json()).sort(), email };
    };
    expect(comparable(existing)).toEqual({ ...comparable(fresh), email: 'known@example.com' });
    expect(comparable(existing).rest).toMatchObject({ state: 'invited', name: 'Invited Person' });
    // The staff list and the audit trail of org 2 tell them apart no better.
    const listed = (await staffOf(owner2)).filter(
      (m) => m.email.endsWith('@example.com') && m.state === 'invited',
    );
    const strip = ({ id: _i, email: _e, ...rest }: Record<string, unknown>) => rest;
    const known = listed.find((m) => m.email === 'known@example.com')!;
    const unknown = listed.find((m) => m.email === 'fresh@example.com')!;
    expect(strip(known)).toEqual({ ...strip(unknown), createdAt: known.createdAt });
    const audit = async (id: string) => {
      const item = (await owner2.get(`/api/audit?subjectId=${id}`)).json().items[0];
      return { action: item.action, after: { ...item.after, email: null } };
    };
    expect(await audit(existing.json().id)).toEqual(await audit(fresh.json().id));
    // Nor does any of it carry the account's id, which names the person in org 1 (issue 26 item 5).
    const knownId = (await staffOf(owner1)).find((m) => m.email === 'known@example.com')!.id;
    const seenByOrg2 = [
      existing.body,
      (await owner2.get('/api/users')).body,
      (await owner2.get('/api/platform/members')).body,
      (await owner2.get('/api/audit')).body,
    ];
    for (const body of seenByOrg2) expect(body).not.toContain(knownId);
  });

  it('gives the invited person nothing until they accept, then the role they were given', async () => {
    const invited = await invite(owner2, 'ops1@example.com');
    const ops = await app.signIn('ops1@example.com');
    const session = (await ops.get('/api/auth/session')).json();
    expect(session.organization.slug).toBe('default');
    expect(session.organizations.map((o: { slug: string }) => o.slug)).toEqual(['default']);
    expect((await ops.post('/api/auth/switch-org', { orgId: org2Id })).statusCode).toBe(404);

    const invitations = (await ops.get('/api/invitations')).json();
    expect(invitations).toEqual([
      expect.objectContaining({ orgId: org2Id, orgSlug: 'org-two', role: 'admin' }),
    ]);
    expect((await ops.post(`/api/invitations/${org2Id}/accept`)).statusCode).toBe(204);
    expect((await ops.get('/api/invitations')).json()).toEqual([]);

    const switched = await ops.post('/api/auth/switch-org', { orgId: org2Id });
    expect(switched.json()).toMatchObject({ role: 'admin', organization: { slug: 'org-two' } });
    // Accepted: org 2 now sees the person as they call themselves, still by the invitation's id.
    const accepted = (await staffOf(owner2)).find((m) => m.email === 'ops1@example.com');
    expect(accepted).toMatchObject({ id: invited.json().id, state: 'active', name: 'ops1' });
  });

  it('lets a new person sign in with the first password and accept by doing so', async () => {
    await invite(owner2, 'newcomer@example.com', 'first password here');
    const newcomer = await app.signIn('newcomer@example.com', 'first password here');
    const session = (await newcomer.get('/api/auth/session')).json();
    expect(session).toMatchObject({ role: 'admin', organization: { slug: 'org-two' } });
  });

  it('accepts an invitation when the person signs in to that organization by name', async () => {
    await app.createStaff({ email: 'named@example.com', role: 'viewer' });
    await invite(owner2, 'named@example.com');
    const named = await app.signIn('named@example.com', TEST_PASSWORD, 'org-two');
    expect((await named.get('/api/auth/session')).json().organization.slug).toBe('org-two');
  });
});

describe('the id an invitation answers (issue 40, item 5)', () => {
  it('stays the member’s id after the person signs in: listed, changed, disabled and audited by it', async () => {
    const invited = await invite(owner2, 'steady@example.com', 'first password here');
    const id = invited.json().id as string;
    const steady = await app.signIn('steady@example.com', 'first password here');
    expect((await steady.get('/api/auth/session')).json().organization.slug).toBe('org-two');

    expect((await staffOf(owner2)).find((m) => m.email === 'steady@example.com')).toMatchObject({
      id,
      state: 'active',
    });
    const changed = await owner2.patch(`/api/users/${id}`, { role: 'ops' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ id, role: 'ops', state: 'active' });
    const members = (await owner2.get('/api/platform/members?perPage=100')).json().items as Array<{
      id: string;
      email: string;
    }>;
    expect(members.find((m) => m.email === 'steady@example.com')?.id).toBe(id);
    const disabled = await owner2.post('/api/platform/members/actions/disable', { ids: [id] });
    expect(disabled.json()).toEqual({ done: [id], failed: [] });
    expect((await owner2.patch(`/api/users/${id}`, { disabled: false })).json()).toMatchObject({
      id,
      state: 'active',
    });
    const trail = (await owner2.get(`/api/audit?subjectId=${id}`)).json().items as Array<{ action: string }>;
    expect(trail.map((e) => e.action).sort()).toEqual([
      'platform.member.accepted',
      'platform.member.disabled',
      'platform.member.enabled',
      'platform.member.invited',
      'platform.member.updated',
    ]);
  });

  it('stays the member’s id when a person with an account accepts in the console', async () => {
    await app.createStaff({ email: 'accepts@example.com', role: 'viewer' });
    const id = (await invite(owner2, 'accepts@example.com')).json().id as string;
    const person = await app.signIn('accepts@example.com');
    expect((await person.post(`/api/invitations/${org2Id}/accept`)).statusCode).toBe(204);
    expect((await staffOf(owner2)).find((m) => m.email === 'accepts@example.com')).toMatchObject({
      id,
      state: 'active',
    });
    expect((await owner2.patch(`/api/users/${id}`, { role: 'viewer' })).json()).toMatchObject({ id });
  });

  it('still refuses the member disabling themselves by that id', async () => {
    const id = (await invite(owner2, 'self@example.com', 'first password here')).json().id as string;
    const self = await app.signIn('self@example.com', 'first password here');
    expect((await owner2.patch(`/api/users/${id}`, { role: 'owner' })).statusCode).toBe(200);
    const res = await self.post('/api/platform/members/actions/disable', { ids: [id] });
    expect(res.json().failed).toEqual([
      expect.objectContaining({ id, code: 'resources.cannot_disable_self' }),
    ]);
  });
});

describe('disabling a member', () => {
  it('stops their sessions and tokens in that organization at once, and only there', async () => {
    await app.createStaff({ email: 'both@example.com', role: 'admin' });
    await app.createStaff({ email: 'both@example.com', role: 'ops', org: 'org-two' });
    const inOrg1 = await app.signIn('both@example.com', TEST_PASSWORD, 'default');
    const inOrg2 = await app.signIn('both@example.com', TEST_PASSWORD, 'org-two');
    const { token } = (
      await inOrg1.post('/api/tokens', { name: 'sync', scopes: ['platform.audit.read'] })
    ).json();
    const id = (await inOrg1.get('/api/auth/session')).json().user.id;

    expect((await owner1.patch(`/api/users/${id}`, { disabled: true })).json().state).toBe('disabled');
    expect((await inOrg1.get('/api/auth/session')).statusCode).toBe(401);
    expect((await app.withToken(token).get('/api/audit')).statusCode).toBe(401);
    expect((await inOrg2.get('/api/auth/session')).statusCode).toBe(200);

    const refused = await app
      .anonymous()
      .post('/api/auth/login', { email: 'both@example.com', password: TEST_PASSWORD, org: 'default' });
    expect(refused.json().code).toBe('auth.account_disabled');
    const elsewhere = await app.signIn('both@example.com');
    expect((await elsewhere.get('/api/auth/session')).json().organization.slug).toBe('org-two');
  });
});
