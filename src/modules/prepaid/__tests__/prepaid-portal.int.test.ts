import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, orgCtx } from '../../../../test/factories/org.ts';
import { createPrepaidTariff, signInToPortal } from '../../../../test/factories/prepaid.ts';
import { portalCodesSentTo } from '../../../../test/support/outbox-secrets.ts';
import { startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { shiftableClock } from '../../../../test/support/test-clock.ts';
import { type MomoSandbox, startMomoSandbox } from '../../../channels/momo/index.ts';
import type { Ctx } from '../../../core/context/index.ts';
import { createAccount } from '../accounts.ts';
import { createMeter } from '../meters.ts';
import type { PrepaidTables } from '../prepaid.tables.ts';
import { momoEnv } from './prepaid-harness.ts';

/*
 * The portal's API as a customer's phone calls it: one-time codes to the account's own channel,
 * guesses counted, sessions that reach one account only and end when signed out.
 */
const clock = shiftableClock();
let app: TestApp;
let momo: MomoSandbox;
let ctx: Ctx;
let otherSlug: string;
const meters: Record<string, string> = {};

const PHONE = '+250788000111';
const base = (org = 'default') => `/api/prepaid/portal/${org}`;
const post = (path: string, body: unknown, headers: Record<string, string> = {}, org?: string) =>
  app.anonymous().post(`${base(org)}${path}`, body, headers);
const get = (path: string, session: string, org?: string) =>
  app.http.inject({ method: 'GET', url: `${base(org)}${path}`, headers: { 'x-portal-session': session } });

const codesSentTo = (address: string) => portalCodesSentTo(app, address);

beforeAll(async () => {
  momo = await startMomoSandbox({ dropCallbacks: true });
  app = await startTestApp({
    clock,
    env: momoEnv(momo),
  });
  ctx = await orgCtx(app);
  otherSlug = (await createOrg(app)).slug;
  await createPrepaidTariff(app);
  const secret = app.config.OPSDESK_SECRET_KEY;
  const uwase = await createAccount(ctx, {
    kind: 'household',
    name: 'Uwase household',
    phone: PHONE,
    channel: { name: 'email', to: 'uwase@example.com' },
  });
  const neighbour = await createAccount(ctx, {
    kind: 'household',
    name: 'Neighbour',
    phone: '+250788000999',
    channel: { name: 'email', to: 'neighbour@example.com' },
  });
  for (const [number, account] of [
    ['P-1', uwase.id],
    ['P-2', uwase.id],
    ['P-9', neighbour.id],
  ] as const)
    meters[number] = (await createMeter(ctx, secret, { accountId: account, number })).id;
}, 120_000);

afterAll(async () => {
  await app?.close();
  await momo?.close();
});

describe('prepaid portal', () => {
  it('sends a code to the account’s own channel only when phone and meter belong together, answering the same either way', async () => {
    const before = (await codesSentTo('uwase@example.com')).length;
    const right = await post('/sign-in', { phone: '+250 788 000 111', meterNumber: 'P-1' });
    const wrongMeter = await post('/sign-in', { phone: PHONE, meterNumber: 'P-9' });
    const unknownPhone = await post('/sign-in', { phone: '+250788000555', meterNumber: 'P-1' });
    for (const res of [right, wrongMeter, unknownPhone]) {
      expect(res.statusCode).toBe(202);
      // Nothing is set up to send here: the answer says so, the same for everyone.
      expect(res.json()).toEqual({ sent: true, undeliverable: ['email', 'telegram', 'whatsapp', 'sms'] });
    }
    expect(await codesSentTo('uwase@example.com')).toHaveLength(before + 1);
    expect(await codesSentTo('neighbour@example.com')).toHaveLength(0);
    const stored = await ctx.db
      .withTables<PrepaidTables>()
      .selectFrom('prepaid_portal_code')
      .selectAll()
      .execute();
    const code = (await codesSentTo('uwase@example.com')).at(-1)!;
    for (const row of stored) expect(row.code_hash).not.toContain(code);
  });

  it('counts every guess: five wrong codes kill the code, and a right code opens one session once', async () => {
    expect((await post('/sign-in', { phone: PHONE, meterNumber: 'P-2' })).statusCode).toBe(202);
    const code = (await codesSentTo('uwase@example.com')).at(-1)!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await post('/verify', { phone: PHONE, meterNumber: 'P-2', code: wrong });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('prepaid.portal_code_invalid');
    }
    const late = await post('/verify', { phone: PHONE, meterNumber: 'P-2', code });
    expect(late.statusCode, 'the right code after five wrong guesses').toBe(422);

    const session = (
      await signInToPortal(app, { phone: PHONE, meterNumber: 'P-2', codeTo: 'uwase@example.com' })
    ).session;
    expect(session).toMatch(/^pps_/);
    const code2 = (await codesSentTo('uwase@example.com')).at(-1)!;
    const again = await post('/verify', { phone: PHONE, meterNumber: 'P-2', code: code2 });
    expect(again.statusCode, 'a spent code').toBe(422);
    const { rows } = await app.database.pool.query('select token_hash from prepaid_portal_session');
    expect(rows.map((r) => r.token_hash)).not.toContain(session);
  });

  it('lets a session reach its own account only, in its own organization, until it signs out', async () => {
    const session = (
      await signInToPortal(app, { phone: PHONE, meterNumber: 'P-1', codeTo: 'uwase@example.com' })
    ).session;
    const me = await get('/me', session);
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json().meters.map((m: { number: string }) => m.number)).toEqual(['P-1', 'P-2']);
    expect(me.json().meters[0]).toMatchObject({ currency: 'RWF', status: 'active', lastToken: null });

    const quote = await get(`/meters/${meters['P-1']}/quote?amountMinor=1000`, session);
    expect(quote.json()).toMatchObject({ unitsTenths: 100, totalMinor: 1000 });
    expect((await get(`/meters/${meters['P-9']}/quote?amountMinor=1000`, session)).statusCode).toBe(404);
    expect((await get('/me', session, otherSlug)).statusCode).toBe(401);
    expect((await get('/me', 'pps_forged')).statusCode).toBe(401);
    expect((await app.anonymous().get(`${base()}/me`)).statusCode).toBe(401);

    const out = await app.http.inject({
      method: 'POST',
      url: `${base()}/sign-out`,
      headers: { 'x-portal-session': session },
    });
    expect(out.statusCode).toBe(204);
    expect((await get('/me', session)).statusCode).toBe(401);
  });

  it('buys once for one Idempotency-Key, by the session’s account, marked as a portal sale', async () => {
    const session = (
      await signInToPortal(app, { phone: PHONE, meterNumber: 'P-1', codeTo: 'uwase@example.com' })
    ).session;
    const body = { meterId: meters['P-1'], method: 'momo', amount: { amountMinor: 500, currency: 'RWF' } };
    const headers = { 'x-portal-session': session, 'idempotency-key': 'portal-buy-1' };
    const [first, second] = await Promise.all([
      post('/purchases', body, headers),
      post('/purchases', body, headers),
    ]);
    expect(first.statusCode, first.body).toBe(201);
    expect(second.json().id).toBe(first.json().id);
    const rows = await ctx.db
      .withTables<PrepaidTables>()
      .selectFrom('prepaid_purchase')
      .selectAll()
      .where('meter_id', '=', meters['P-1']!)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: 'portal', payer_msisdn: PHONE, status: 'pending' });
    const foreign = await post(
      '/purchases',
      { ...body, meterId: meters['P-9'] },
      { 'x-portal-session': session },
    );
    expect(foreign.statusCode).toBe(404);
    const history = await get('/purchases', session);
    expect(history.json().items.map((p: { id: string }) => p.id)).toEqual([first.json().id]);
  });

  it('gives a mobile client a short access session and a rotating refresh token; a spent refresh token again revokes the family', async () => {
    expect((await post('/sign-in', { phone: PHONE, meterNumber: 'P-1' })).statusCode).toBe(202);
    const code = (await codesSentTo('uwase@example.com')).at(-1)!;
    const signedIn = await post('/verify', { phone: PHONE, meterNumber: 'P-1', code, client: 'mobile' });
    expect(signedIn.statusCode, signedIn.body).toBe(200);
    const first = signedIn.json();
    expect(first.refreshToken).toMatch(/^ppr_/);
    expect(Date.parse(first.expiresAt) - clock.now().getTime()).toBeLessThanOrEqual(15 * 60_000);
    expect((await get('/me', first.session)).statusCode).toBe(200);

    clock.advance(16 * 60_000);
    expect((await get('/me', first.session)).statusCode, 'the access session has expired').toBe(401);
    const rotated = await post('/refresh', { refreshToken: first.refreshToken });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const second = rotated.json();
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await get('/me', second.session)).statusCode).toBe(200);

    const replay = await post('/refresh', { refreshToken: first.refreshToken });
    expect(replay.statusCode, 'a spent refresh token').toBe(401);
    expect((await get('/me', second.session)).statusCode, 'the family is revoked').toBe(401);
    expect((await post('/refresh', { refreshToken: second.refreshToken })).statusCode).toBe(401);
    const { rows } = await app.database.pool.query(
      `select count(*)::int as n from audit_event where action = 'prepaid.portal.refresh_reused'`,
    );
    expect(rows[0].n).toBe(1);
    const stored = await ctx.db
      .withTables<PrepaidTables>()
      .selectFrom('prepaid_portal_refresh')
      .selectAll()
      .execute();
    for (const r of stored) expect(r.token_hash).not.toBe(first.refreshToken);
    expect(stored.every((r) => r.revoked_at !== null)).toBe(true);
  });

  it('ends a mobile sign-in’s refresh tokens when it signs out', async () => {
    expect((await post('/sign-in', { phone: PHONE, meterNumber: 'P-2' })).statusCode).toBe(202);
    const code = (await codesSentTo('uwase@example.com')).at(-1)!;
    const m = (await post('/verify', { phone: PHONE, meterNumber: 'P-2', code, client: 'mobile' })).json();
    const out = await app.http.inject({
      method: 'POST',
      url: `${base()}/sign-out`,
      headers: { 'x-portal-session': m.session },
    });
    expect(out.statusCode).toBe(204);
    expect((await post('/refresh', { refreshToken: m.refreshToken })).statusCode).toBe(401);
  });
});
