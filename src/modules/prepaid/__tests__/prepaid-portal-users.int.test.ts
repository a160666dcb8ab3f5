import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCtx } from '../../../../test/factories/org.ts';
import { createPrepaidTariff, signInToPortal } from '../../../../test/factories/prepaid.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { shiftableClock } from '../../../../test/support/test-clock.ts';
import { type MomoSandbox, startMomoSandbox } from '../../../channels/momo/index.ts';
import type { Ctx } from '../../../core/context/index.ts';
import { createAccount } from '../accounts.ts';
import { createMeter } from '../meters.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';
import { momoEnv } from './prepaid-harness.ts';

/*
 * Portal users and roles: the account's phone is its first owner; an owner adds people with roles;
 * each signs in with their own phone and a meter of the account, the code going to them; every
 * portal route enforces the role; one owner always stays.
 */
const clock = shiftableClock();
let app: TestApp;
let momo: MomoSandbox;
let ctx: Ctx;
let staff: ApiClient;
let accountId: string;
let meterId: string;

const OWNER_PHONE = '+250788100111';
const BUYER_PHONE = '+250788100222';
const VIEWER_PHONE = '+250788100333';
const base = '/api/prepaid/portal/default';
const db = () => ctx.db.withTables<PrepaidTables>();

const call = (
  method: string,
  path: string,
  session: string,
  body?: unknown,
  headers: Record<string, string> = {},
) =>
  app.http.inject({
    method: method as 'GET',
    url: `${base}${path}`,
    headers: { 'x-portal-session': session, ...headers },
    ...(body === undefined ? {} : { payload: body as object }),
  });

let owner: string;
let buyerId: string;
let viewerId: string;

beforeAll(async () => {
  momo = await startMomoSandbox({ dropCallbacks: true });
  app = await startTestApp({
    clock,
    env: momoEnv(momo),
  });
  ctx = await orgCtx(app);
  await app.createStaff({ email: 'vendor@example.com', role: 'owner' });
  staff = await app.signIn('vendor@example.com');
  await createPrepaidTariff(app);
  const account = await createAccount(ctx, {
    kind: 'institution',
    name: 'Groupe Scolaire Kigali',
    phone: OWNER_PHONE,
    channel: { name: 'email', to: 'bursar@example.com' },
  });
  accountId = account.id;
  meterId = (await createMeter(ctx, app.config.OPSDESK_SECRET_KEY, { accountId, number: 'U-1' })).id;
  owner = (
    await signInToPortal(app, { phone: OWNER_PHONE, meterNumber: 'U-1', codeTo: 'bursar@example.com' })
  ).session;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await momo?.close();
});

describe('prepaid portal users', () => {
  it('makes the account’s phone its first owner, and the owner’s session says so', async () => {
    const me = await call('GET', '/me', owner);
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().user).toMatchObject({ name: 'Groupe Scolaire Kigali', role: 'owner' });
    const users = await db()
      .selectFrom('prepaid_portal_user')
      .selectAll()
      .where('account_id', '=', accountId)
      .execute();
    expect(users).toMatchObject([
      { phone: OWNER_PHONE, role: 'owner', channel: 'email', channel_to: 'bursar@example.com' },
    ]);
  });

  it('lets an owner add a buyer and a viewer (once per Idempotency-Key), who sign in with their own phones', async () => {
    const add = (body: object, key: string) =>
      call('POST', '/users', owner, body, { 'idempotency-key': key });
    const jean = { name: 'Jean Bursar', phone: '+250 788 100 222', email: 'jean@example.com', role: 'buyer' };
    const buyer = await add(jean, 'k-buyer');
    expect(buyer.statusCode, buyer.body).toBe(201);
    const replay = await add(jean, 'k-buyer');
    expect(replay.json().id, 'the same key adds no second user').toBe(buyer.json().id);
    expect(buyer.json().phone).toBe(BUYER_PHONE);
    const viewer = await add(
      { name: 'Alice Auditor', phone: VIEWER_PHONE, email: 'alice@example.com', role: 'viewer' },
      'k-viewer',
    );
    expect(viewer.statusCode, viewer.body).toBe(201);
    buyerId = buyer.json().id;
    viewerId = viewer.json().id;
    const dup = await add({ name: 'Again', phone: BUYER_PHONE, role: 'viewer' }, 'k-dup');
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('prepaid.portal_user_phone_taken');

    const list = await call('GET', '/users', owner);
    expect(list.json().items.map((u: { name: string; role: string }) => [u.name, u.role])).toEqual([
      ['Groupe Scolaire Kigali', 'owner'],
      ['Jean Bursar', 'buyer'],
      ['Alice Auditor', 'viewer'],
    ]);
    const b = await signInToPortal(app, {
      phone: BUYER_PHONE,
      meterNumber: 'U-1',
      codeTo: 'jean@example.com',
    });
    expect(b.role).toBe('buyer');
    const me = await call('GET', '/me', b.session);
    expect(me.json().user).toMatchObject({ id: buyerId, name: 'Jean Bursar', role: 'buyer' });
    const session = await db()
      .selectFrom('prepaid_portal_session')
      .selectAll()
      .where('user_id', '=', buyerId)
      .executeTakeFirstOrThrow();
    expect(session.account_id).toBe(accountId);
    const audit = await app.database.pool.query(
      `select action, after from audit_event where subject_id = $1 and action like 'prepaid.portal_user.%' order by at`,
      [accountId],
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'prepaid.portal_user.added',
      'prepaid.portal_user.added',
      'prepaid.portal_user.added',
    ]);
  });

  it('enforces each role on every portal route, refusing with a 403 problem', async () => {
    const buyer = (
      await signInToPortal(app, { phone: BUYER_PHONE, meterNumber: 'U-1', codeTo: 'jean@example.com' })
    ).session;
    const viewer = (
      await signInToPortal(app, { phone: VIEWER_PHONE, meterNumber: 'U-1', codeTo: 'alice@example.com' })
    ).session;
    const purchase = { meterId, method: 'momo', amount: { amountMinor: 500, currency: 'RWF' } };
    const routes: [string, string, unknown?][] = [
      ['GET', '/me'],
      ['GET', `/meters/${meterId}/usage`],
      ['GET', '/alerts'],
      ['GET', '/alert-settings'],
      ['GET', '/meter-requests'],
      ['GET', `/meters/${meterId}/quote?amountMinor=500`],
      ['POST', '/purchases', purchase],
      ['GET', '/purchases'],
      ['PUT', '/alert-settings', { lowDays: 4 }],
      ['POST', '/meter-requests', { meterNumber: 'U-77' }],
      ['GET', '/users'],
      ['POST', '/users', { name: 'X', phone: '+250788100999', role: 'viewer' }],
    ];
    const allowed: Record<string, number> = { owner: 12, buyer: 8, viewer: 5 };
    for (const [role, session] of [
      ['owner', owner],
      ['buyer', buyer],
      ['viewer', viewer],
    ] as const) {
      const outcome: string[] = [];
      for (const [method, path, body] of routes) {
        const res = await call(
          method,
          path,
          session,
          body,
          method === 'POST' ? { 'idempotency-key': `${role}${path}` } : {},
        );
        if (res.statusCode === 403) {
          expect(res.headers['content-type']).toContain('application/problem+json');
          expect(res.json()).toMatchObject({ status: 403, code: 'prepaid.portal_role_forbidden' });
          expect(res.json().detail ?? res.json().title).toBeTruthy();
          outcome.push(`${method} ${path.split('?')[0]} refused`);
        } else {
          expect(res.statusCode, `${role} ${method} ${path}: ${res.body}`).toBeLessThan(300);
          outcome.push(`${method} ${path.split('?')[0]} ok`);
        }
      }
      expect(
        outcome.filter((o) => o.endsWith('ok')),
        `${role}: ${outcome.join(', ')}`,
      ).toHaveLength(allowed[role]!);
    }
    // the statement (a PDF) is there for a viewer too
    const pdf = await call('GET', '/statement', viewer);
    expect(pdf.statusCode).toBe(200);
    // and nothing a refused call would write was written: one purchase each, by owner and buyer
    const purchases = await db()
      .selectFrom('prepaid_purchase')
      .select('id')
      .where('meter_id', '=', meterId)
      .execute();
    expect(purchases).toHaveLength(2);
    const settings = await db()
      .selectFrom('prepaid_account')
      .select('alert_low_days')
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow();
    expect(settings.alert_low_days).toBe(4);
  });

  it('keeps one owner: the last owner is neither demoted nor removed, until another owner exists', async () => {
    const me = (await call('GET', '/me', owner)).json().user.id as string;
    const demote = await call('PATCH', `/users/${me}`, owner, { role: 'viewer' });
    expect(demote.statusCode).toBe(409);
    expect(demote.headers['content-type']).toContain('application/problem+json');
    expect(demote.json().code).toBe('prepaid.last_owner');
    const remove = await call('DELETE', `/users/${me}`, owner);
    expect(remove.statusCode).toBe(409);
    // staff are held to the same rule
    const staffRemove = await staff.delete(`/api/prepaid/accounts/${accountId}/portal-users/${me}`);
    expect(staffRemove.statusCode).toBe(409);

    const promote = await call('PATCH', `/users/${buyerId}`, owner, { role: 'owner' });
    expect(promote.statusCode, promote.body).toBe(200);
    expect((await call('PATCH', `/users/${me}`, owner, { role: 'buyer' })).statusCode).toBe(200);
    // the role is read per request: the old owner's open session can no longer manage users
    expect((await call('GET', '/users', owner)).statusCode).toBe(403);
    const stored = await db()
      .selectFrom('prepaid_portal_user')
      .select(['id', 'role'])
      .where('account_id', '=', accountId)
      .where('removed_at', 'is', null)
      .orderBy('created_at')
      .execute();
    expect(stored.map((u) => u.role)).toEqual(['buyer', 'owner', 'viewer', 'viewer']);
  });

  it('ends a removed user’s sessions at once; staff list and change users on the account’s page', async () => {
    const viewer = (
      await signInToPortal(app, { phone: VIEWER_PHONE, meterNumber: 'U-1', codeTo: 'alice@example.com' })
    ).session;
    expect((await call('GET', '/me', viewer)).statusCode).toBe(200);
    const list = await staff.get(`/api/prepaid/accounts/${accountId}/portal-users`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toHaveLength(4);
    const removed = await staff.delete(`/api/prepaid/accounts/${accountId}/portal-users/${viewerId}`);
    expect(removed.statusCode, removed.body).toBe(204);
    expect((await call('GET', '/me', viewer)).statusCode).toBe(401);
    const again = await app.anonymous().post(`${base}/sign-in`, { phone: VIEWER_PHONE, meterNumber: 'U-1' });
    expect(again.statusCode).toBe(202);
    const codes = await app.database.pool.query(
      `select count(*)::int as n from prepaid_portal_code where user_id = $1 and used_at is null`,
      [viewerId],
    );
    expect(codes.rows[0].n, 'no code for a removed user').toBe(0);
    const added = await staff.post(
      `/api/prepaid/accounts/${accountId}/portal-users`,
      { name: 'New bursar', email: 'new@example.com', role: 'viewer' },
      { 'idempotency-key': 'staff-1' },
    );
    expect(added.statusCode, added.body).toBe(201);
    const nobody = await staff.post(
      `/api/prepaid/accounts/${accountId}/portal-users`,
      { name: 'No address', role: 'viewer' },
      { 'idempotency-key': 'staff-2' },
    );
    expect(nobody.statusCode).toBe(400);
    expect(nobody.json().errors).toMatchObject([{ field: 'body.phone' }]);
    const audit = await app.database.pool.query(
      `select action from audit_event where subject_id = $1 and action like 'prepaid.portal_user.%' order by at`,
      [accountId],
    );
    const count = (a: string) => audit.rows.filter((r) => r.action === a).length;
    expect([
      count('prepaid.portal_user.added'),
      count('prepaid.portal_user.changed'),
      count('prepaid.portal_user.removed'),
    ]).toEqual([5, 2, 1]);
  });
});
