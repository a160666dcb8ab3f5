import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/platform/clock/index.ts';
import { signedInStaff } from '../factories/staff.ts';
import { menuTestModule } from '../fixtures/menu-flow/menu.module.ts';
import { TEST_MODULES } from '../support/template-sources.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';
import { startWhatsAppApp, type WhatsAppApp } from '../support/whatsapp-app.ts';

/**
 * Issue 55 item 5: an `Idempotency-Key` makes a retried create answer the first answer, and a key is
 * the caller's own. A retried API token, claim code or warden invite is the same secret (no second
 * live one), kept sealed, never in the clear; a colleague sending the same key gets their own; a
 * retried staff message is stored and sent once.
 */
let app: TestApp;
let owner: ApiClient;
let colleague: ApiClient;

beforeAll(async () => {
  app = await startTestApp();
  owner = await signedInStaff(app, { role: 'owner' });
  colleague = await signedInStaff(app, { role: 'owner' });
}, 120_000);
afterAll(() => app.close());

const count = async (sql: string, params: unknown[] = []) =>
  Number((await app.database.pool.query(sql, params)).rows[0].n);

/** Whether a secret is anywhere in the kept answers of the idempotency keys. */
const keptInTheClear = (secret: string) =>
  count(`select count(*) as n from idempotency_key where response_body::text like $1`, [`%${secret}%`]);

describe('a retried create that answers a secret once', () => {
  const creates = [
    {
      what: 'an API token',
      url: '/api/tokens',
      body: { name: 'retried token', scopes: ['platform.audit.read'] },
      other: { name: 'another token', scopes: ['platform.audit.read'] },
      secret: (body: { token: string }) => body.token,
      live: () =>
        count(`select count(*) as n from api_token where name = 'retried token' and revoked_at is null`),
    },
    {
      what: 'a coffee claim code',
      url: '/api/coffee/claim-codes',
      body: { note: 'retried code', validDays: 7 },
      other: { note: 'another code', validDays: 7 },
      secret: (body: { claimCode: string }) => body.claimCode,
      live: () => count(`select count(*) as n from coffee_registration where note = 'retried code'`),
    },
    {
      what: 'a warden invite',
      url: '/api/mess/warden-invites',
      body: { note: 'retried invite' },
      // The invite's token is derived from the caller's key: the key names one link, whatever the note.
      other: undefined,
      secret: (body: { startCommand: string }) => body.startCommand,
      live: () => count(`select count(*) as n from mess_warden_invite where note = 'retried invite'`),
    },
  ];

  for (const create of creates) {
    it(`answers ${create.what} once per key and caller, sealed while kept`, async () => {
      const key = { 'idempotency-key': `retry ${create.url}` };
      const first = await owner.post(create.url, create.body, key);
      expect(first.statusCode, first.body).toBe(201);
      const again = await owner.post(create.url, create.body, key);
      expect(again.statusCode, again.body).toBe(201);
      expect(again.json()).toEqual(first.json());
      expect(await create.live()).toBe(1);
      const secret = create.secret(first.json());
      expect(await keptInTheClear(secret.replace(/^\/start /, ''))).toBe(0);

      // A colleague with the same key makes their own: the first answer is never theirs to read.
      const theirs = await colleague.post(create.url, create.body, key);
      expect(theirs.statusCode, theirs.body).toBe(201);
      expect(create.secret(theirs.json())).not.toBe(secret);
      expect(theirs.body).not.toContain(secret);
      expect(await create.live()).toBe(2);

      // The same key for another request is refused, for the one who sent it first.
      if (create.other) {
        const reused = await owner.post(create.url, create.other, key);
        expect(reused.statusCode, reused.body).toBe(422);
      }
    });
  }

  it('refuses a key longer than 200 characters, naming the header', async () => {
    const res = await owner.post(
      '/api/tokens',
      { name: 'long key', scopes: ['platform.audit.read'] },
      { 'idempotency-key': 'k'.repeat(201) },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['headers.idempotency-key']);
  });
});

describe('a retried staff message', () => {
  const clock = fixedClock(new Date());
  let h: WhatsAppApp;
  beforeAll(async () => {
    h = await startWhatsAppApp({
      appSecret: 'wa-app-secret-for-tests',
      verifyToken: 'wa-verify-token',
      flow: 'menu-test',
      modules: [...TEST_MODULES, menuTestModule],
      clock,
    });
    await h.app.createStaff({ email: 'ops@example.com', role: 'ops' });
    await h.app.createStaff({ email: 'ops2@example.com', role: 'ops' });
  }, 120_000);
  afterAll(() => h.close());

  async function conversationWith(user: string) {
    await h.deliver(h.wa.textMessage({ from: user, text: 'hi' }));
    await h.waitForMessages(user, 1);
    const ops = await h.app.signIn('ops@example.com');
    const list = (await ops.get('/api/conversations?channel=whatsapp')).json() as Array<{
      id: string;
      externalId: string;
    }>;
    return { ops, id: list.find((c) => c.externalId === user)!.id };
  }

  it('is stored and sent once, and answers the same message; a colleague’s same key sends theirs', async () => {
    const user = '595981000077';
    const { ops, id } = await conversationWith(user);
    const key = { 'idempotency-key': 'staff-msg-1' };
    const [a, b] = await Promise.all([
      ops.post(`/api/conversations/${id}/messages`, { text: 'One moment please' }, key),
      ops.post(`/api/conversations/${id}/messages`, { text: 'One moment please' }, key),
    ]);
    expect([a.statusCode, b.statusCode], `${a.body} ${b.body}`).toEqual([201, 201]);
    expect(b.json().id).toBe(a.json().id);
    const later = await ops.post(`/api/conversations/${id}/messages`, { text: 'One moment please' }, key);
    expect(later.json()).toMatchObject({ id: a.json().id, status: 'sent' });
    await h.waitForMessages(user, 2);
    const { rows } = await h.app.database.pool.query(
      `select count(*)::int as n from notification n join conversation c on c.channel = n.channel and c.external_id = n.recipient
        where c.id = $1 and n.template = 'chat.staff' and n.sent_by = 'ops@example.com'`,
      [id],
    );
    expect(rows[0].n).toBe(1);
    expect(h.texts(user).filter((t) => t === 'One moment please')).toHaveLength(1);

    const other = await h.app.signIn('ops2@example.com');
    const theirs = await other.post(`/api/conversations/${id}/messages`, { text: 'One moment please' }, key);
    expect(theirs.statusCode, theirs.body).toBe(201);
    expect(theirs.json().id).not.toBe(a.json().id);
    await h.waitForMessages(user, 3);
  });
});
