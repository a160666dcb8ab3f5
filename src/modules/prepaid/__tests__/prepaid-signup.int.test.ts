import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCtx } from '../../../../test/factories/org.ts';
import { portalCodesSentTo } from '../../../../test/support/outbox-secrets.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { Ctx } from '../../../core/context/index.ts';
import { createAccount } from '../accounts.ts';
import { createMeter } from '../meters.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';

/*
 * Customer sign-up and meter requests: the code proves the address it reached, never a meter; an
 * unknown meter or another account's waits for staff, who approve (the meter moves, audited, the
 * customer told) or refuse.
 */
let app: TestApp;
let staff: ApiClient;
let ctx: Ctx;
let vendorAccount: string;
const base = '/api/prepaid/portal/default';
const post = (path: string, body: unknown, session?: string) =>
  app.anonymous().post(`${base}${path}`, body, session ? { 'x-portal-session': session } : {});
const get = (path: string, session: string) =>
  app.http.inject({ method: 'GET', url: `${base}${path}`, headers: { 'x-portal-session': session } });
const db = () => ctx.db.withTables<PrepaidTables>();
const requests = '/api/prepaid/console/meter-requests';

async function lastCode(to: string): Promise<string> {
  return (await portalCodesSentTo(app, to)).at(-1)!;
}
async function signUp(name: string, phone: string, meterNumber: string, email: string) {
  const asked = await post('/sign-up', { name, phone, meterNumber, codeBy: 'email', email });
  expect(asked.statusCode, asked.body).toBe(202);
  const res = await post('/sign-up/verify', { phone, code: await lastCode(email) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { session: string; accountName: string; request: { id: string; reason: string } };
}

beforeAll(async () => {
  // Codes go by e-mail, which needs a relay that can send: the sandbox's caught-mail server.
  app = await startTestApp({ env: { OPSDESK_SANDBOX: 'true' } });
  await app.createStaff({ email: 'signup-owner@example.com', role: 'owner' });
  staff = await app.signIn('signup-owner@example.com');
  ctx = await orgCtx(app);
  vendorAccount = (await createAccount(ctx, { kind: 'institution', name: 'Vendor stock' })).id;
}, 120_000);
afterAll(() => app?.close());

describe('prepaid customer sign-up', () => {
  it('signs a stranger up by the code sent to their e-mail; an unknown meter waits until staff register and approve it', async () => {
    const wrong = await post('/sign-up', {
      name: 'Keza',
      phone: '+250788300001',
      meterNumber: 'S-1',
      codeBy: 'email',
    });
    expect(wrong.statusCode, 'e-mail chosen but not given').toBe(400);
    await post('/sign-up', {
      name: 'Keza',
      phone: '+250788300001',
      meterNumber: 's-1',
      codeBy: 'email',
      email: 'keza@example.com',
    });
    const code = await lastCode('keza@example.com');
    const bad = await post('/sign-up/verify', {
      phone: '+250788300001',
      code: code === '000000' ? '111111' : '000000',
    });
    expect(bad.statusCode).toBe(422);
    const ok = await post('/sign-up/verify', { phone: '+250 788 300 001', code });
    expect(ok.statusCode, ok.body).toBe(201);
    const { session, request } = ok.json();
    expect(request).toMatchObject({
      meterNumber: 'S-1',
      reason: 'unknown_meter',
      origin: 'sign_up',
      status: 'waiting',
    });
    const again = await post('/sign-up/verify', { phone: '+250788300001', code });
    expect(again.statusCode, 'a code makes one account').toBe(422);
    expect((await get('/me', session)).json()).toMatchObject({
      account: { name: 'Keza', kind: 'household', phone: '+250788300001' },
      meters: [],
    });
    const account = await db()
      .selectFrom('prepaid_account')
      .selectAll()
      .where('phone', '=', '+250788300001')
      .execute();
    expect(account).toHaveLength(1);
    expect(account[0]).toMatchObject({ channel: 'email', channel_to: 'keza@example.com' });

    const listed = (await staff.get(`${requests}?status=waiting`)).json();
    expect(listed.items.map((r: { meterNumber: string }) => r.meterNumber)).toContain('S-1');
    const early = await staff.post(`${requests}/actions/approve`, { ids: [request.id], input: {} });
    expect(early.json().failed[0]).toMatchObject({ code: 'prepaid.meter_not_registered' });

    const meter = await createMeter(ctx, app.config.OPSDESK_SECRET_KEY, {
      accountId: vendorAccount,
      number: 'S-1',
    });
    const approved = await staff.post(`${requests}/actions/approve`, {
      ids: [request.id],
      input: { note: 'Welcome' },
    });
    expect(approved.json()).toEqual({ done: [request.id], failed: [] });
    const moved = await db()
      .selectFrom('prepaid_meter')
      .selectAll()
      .where('id', '=', meter.id)
      .executeTakeFirstOrThrow();
    expect(moved.account_id).toBe(account[0]!.id);
    expect((await get('/me', session)).json().meters.map((m: { number: string }) => m.number)).toEqual([
      'S-1',
    ]);
    const { rows: audit } = await app.database.pool.query(
      `select action, before, after from audit_event where action in ('prepaid.meter.account_changed', 'prepaid.meter_request.approved') order by id`,
    );
    expect(audit.map((r) => r.action)).toEqual([
      'prepaid.meter.account_changed',
      'prepaid.meter_request.approved',
    ]);
    expect(audit[0].before).toEqual({ accountId: vendorAccount });
    const { rows: told } = await app.database.pool.query(
      `select body from notification where template = 'prepaid.meter_request' and recipient = 'keza@example.com'`,
    );
    expect(told.map((r) => r.body)).toEqual([
      'Meter S-1 is now on your account: you can buy units for it. Welcome',
    ]);
    const twice = await staff.post(`${requests}/actions/approve`, { ids: [request.id], input: {} });
    expect(twice.json().done, 'decided once').toEqual([]);
  });

  it('never hands over another account’s meter: the request waits, the meter stays hidden, and a refusal keeps it where it was', async () => {
    const owner = await createAccount(ctx, { kind: 'household', name: 'Owner', phone: '+250788300099' });
    const meter = await createMeter(ctx, app.config.OPSDESK_SECRET_KEY, {
      accountId: owner.id,
      number: 'S-2',
    });
    const { session, request } = await signUp('Intruder', '+250788300099', 'S-2', 'intruder@example.com');
    expect(request.reason).toBe('other_account');
    expect((await get('/me', session)).json().meters).toEqual([]);
    expect((await get(`/meters/${meter.id}/quote?amountMinor=1000`, session)).statusCode).toBe(404);
    const refused = await staff.post(`${requests}/actions/reject`, {
      ids: [request.id],
      input: { note: 'The meter is registered to someone else; visit our office with your contract.' },
    });
    expect(refused.json().done).toEqual([request.id]);
    const after = await db()
      .selectFrom('prepaid_meter')
      .selectAll()
      .where('id', '=', meter.id)
      .executeTakeFirstOrThrow();
    expect(after.account_id).toBe(owner.id);
    const mine = (await get('/meter-requests', session)).json();
    expect(mine.items[0]).toMatchObject({
      status: 'rejected',
      decisionNote: expect.stringContaining('office'),
    });
  });

  it('lets a signed-in customer ask for another meter once; asking again returns the open request', async () => {
    const { session } = await signUp('Mugisha', '+250788300003', 'S-3', 'mugisha@example.com');
    const first = await post('/meter-requests', { meterNumber: 'S-4' }, session);
    const second = await post('/meter-requests', { meterNumber: 's-4' }, session);
    expect(first.statusCode, first.body).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    expect(first.json()).toMatchObject({ origin: 'add_meter', reason: 'unknown_meter' });
    const mine = (await get('/meter-requests', session)).json().items;
    expect(mine.map((r: { meterNumber: string }) => r.meterNumber).sort()).toEqual(['S-3', 'S-4']);
    expect((await post('/meter-requests', { meterNumber: 'S-4' })).statusCode, 'no session').toBe(401);
    const { rows } = await app.database.pool.query(
      `select count(*)::int as n from audit_event where action = 'prepaid.meter_request.created' and after->>'meterNumber' = 'S-4'`,
    );
    expect(rows[0].n).toBe(1);
  });
});
