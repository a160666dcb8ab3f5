import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_MASK } from '../../src/core/notifications/index.ts';
import { createAccount, createMeter, createTariff } from '../../src/modules/prepaid/meters.ts';
import { orgCtx } from '../factories/org.ts';
import { type SmtpProcess, startSmtpProcess } from '../standins/smtp-server.ts';
import { eventually } from '../support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

/*
 * Issue 26, item 2: a portal sign-in code opens a session as the customer, so nobody but the
 * customer may read it. Staff who can read the outbox (a viewer) see the message with the code
 * masked, everywhere the outbox shows it; the customer still gets it through the real relay.
 */
let app: TestApp;
let smtp: SmtpProcess;
let viewer: ApiClient;
let owner: ApiClient;

const PHONE = '+250788000111';
const ADDRESS = 'uwase@example.com';
const portal = (path: string, body: unknown) =>
  app.anonymous().post(`/api/prepaid/portal/default${path}`, body);

beforeAll(async () => {
  smtp = await startSmtpProcess();
  app = await startTestApp({
    env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'Opsdesk <desk@opsdesk.test>' },
  });
  await app.createStaff({ email: 'viewer@example.com', role: 'viewer' });
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  viewer = await app.signIn('viewer@example.com');
  owner = await app.signIn('owner@example.com');
  const ctx = await orgCtx(app);
  await createTariff(ctx, {
    category: 'residential',
    currency: 'RWF',
    tiers: [{ uptoKwh: null, priceMinorPerKwh: 100 }],
    feeMinor: 0,
    taxBasisPoints: 0,
    effectiveFrom: new Date('2020-01-01T00:00:00Z'),
  });
  const account = await createAccount(ctx, {
    kind: 'household',
    name: 'Uwase household',
    phone: PHONE,
    channel: { name: 'email', to: ADDRESS },
  });
  await createMeter(ctx, app.config.OPSDESK_SECRET_KEY, { accountId: account.id, number: 'P-1' });
  await app.startWorker();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await smtp?.stop();
});

/** Every text a person could read the code from: stored rows of the outbox, its log and the audit trail. */
async function storedTextsHolding(code: string): Promise<string[]> {
  const { rows } = await app.database.pool.query<{ place: string }>(
    `select 'notification ' || id as place from notification where row_to_json(notification)::text like $1
     union all select 'notification_event ' || id from notification_event e where row_to_json(e)::text like $1
     union all select 'audit_event ' || id from audit_event a where row_to_json(a)::text like $1
     union all select 'conversation_message ' || id from conversation_message m where row_to_json(m)::text like $1`,
    [`%${code}%`],
  );
  return rows.map((r) => r.place);
}

describe('one-time secrets in the outbox', () => {
  it('sends the portal code to the customer through SMTP, while a viewer reads the message with the code masked', async () => {
    expect((await portal('/sign-in', { phone: PHONE, meterNumber: 'P-1' })).statusCode).toBe(202);
    const [mail] = await smtp.waitForMessages(1);
    expect(mail!.to).toEqual([ADDRESS]);
    const code = /\b(\d{6})\b/.exec(mail!.text ?? '')?.[1];
    expect(code, `the e-mail carries the code: ${mail!.text}`).toBeDefined();

    const list = await viewer.get(`/api/notifications?to=${encodeURIComponent(ADDRESS)}`);
    expect(list.statusCode).toBe(200);
    const [item] = list.json().items;
    expect(item).toMatchObject({ template: 'prepaid.portal_code', to: ADDRESS });
    await eventually(
      async () => (await viewer.get(`/api/notifications/${item.id}`)).json().status === 'sent',
      { what: 'the code message to be recorded as sent' },
    );
    const detail = await viewer.get(`/api/notifications/${item.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().data.code).toBe(SECRET_MASK);
    expect(detail.json().body).toContain(`meter P-1: ${SECRET_MASK}.`);
    for (const [what, res] of [
      ['the list', list],
      ['the message', detail],
      ['the audit trail', await owner.get('/api/audit?limit=200')],
    ] as const) {
      expect(res.body, `${what} shows the code`).not.toContain(code);
    }
    expect(await storedTextsHolding(code!), 'rows that keep the code in plain text').toEqual([]);
    const { rows } = await app.database.pool.query(
      'select sealed_secrets, secrets_erased_at from notification where id = $1',
      [item.id],
    );
    expect(rows[0].sealed_secrets, 'the sealed code is erased once sent').toBeNull();
    expect(rows[0].secrets_erased_at).not.toBeNull();

    // The code is the customer's: it opens their session exactly once.
    const session = await portal('/verify', { phone: PHONE, meterNumber: 'P-1', code });
    expect(session.statusCode, session.body).toBe(200);
  });

  it('keeps the code sealed while the relay refuses, delivers it on the retry, and never writes it in the delivery log', async () => {
    await owner.patch('/api/org', {
      settings: { notifications: { maxAttempts: 3, retryBaseMs: 200, retryMaxMs: 1_000 } },
    });
    const before = (await smtp.messages()).length;
    await smtp.failNext(1, 451);
    expect((await portal('/sign-in', { phone: PHONE, meterNumber: 'P-1' })).statusCode).toBe(202);
    const mails = await smtp.waitForMessages(before + 1);
    const code = /\b(\d{6})\b/.exec(mails.at(-1)!.text ?? '')![1]!;
    const [item] = (await viewer.get(`/api/notifications?to=${encodeURIComponent(ADDRESS)}`)).json().items;
    const detail = await eventually(
      async () => {
        const res = (await viewer.get(`/api/notifications/${item.id}`)).json();
        return res.status === 'sent' ? res : undefined;
      },
      { what: 'the retried code message to be sent' },
    );
    expect(detail.attempts).toBe(2);
    expect(detail.events.map((e: { status: string }) => e.status)).toContain('retry');
    expect(JSON.stringify(detail)).not.toContain(code);
    expect(await storedTextsHolding(code)).toEqual([]);
    expect((await portal('/verify', { phone: PHONE, meterNumber: 'P-1', code })).statusCode).toBe(200);
  });
});
