import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { Ctx } from '../../core/context/index.ts';
import {
  enqueueNotification,
  getNotification,
  type NotificationStatus,
  testMessageTemplate,
} from '../../core/notifications/index.ts';
import { findOrganizationBySlug } from '../../core/orgs/index.ts';
import {
  type AfricasTalkingSandbox,
  type SandboxSms,
  startAfricasTalkingSandbox,
} from './sandbox/africastalking-sandbox.ts';
import { smsCallbackKey } from './sms.accounts.ts';
import type { SmsTables } from './sms.tables.ts';

// The SMS channel against Africa's Talking's wire format (issue 52): the outbox sends through the
// stand-in, the delivery reports settle what it sent, STOP is honoured, and no text goes twice.

const SECRET_KEY = 'sms-test-secret-key-0123456789abcdef0123456789';
let at: AfricasTalkingSandbox;
let app: TestApp;
let defaultOrg: string;
let otherOrg: string;
let owner: ApiClient;
let otherOwner: ApiClient;
const key = smsCallbackKey(SECRET_KEY);

beforeAll(async () => {
  at = await startAfricasTalkingSandbox({ pricePerSegment: { currency: 'RWF', amount: 20 } });
  app = await startTestApp({
    env: {
      ...at.appEnv(),
      OPSDESK_SECRET_KEY: SECRET_KEY,
      AFRICASTALKING_SENDER_ID: 'OPSDESK',
      OPSDESK_OUTSIDE_CALL_TIMEOUTS: 'sms=3000',
    },
  });
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  defaultOrg = (await findOrganizationBySlug(app.database.db, 'default'))!.id;
  otherOrg = await app.createOrg('kigali-power', 'kp-owner@example.com');
  owner = await app.signIn('owner@example.com');
  otherOwner = await app.signIn('kp-owner@example.com');
  const fast = { maxAttempts: 2, retryBaseMs: 100, retryMaxMs: 200 };
  await owner.patch('/api/org', { settings: { notifications: fast } });
  await otherOwner.patch('/api/org', { settings: { notifications: fast, sms: { senderId: 'KPOWER' } } });
  await app.startWorker();
});
afterAll(async () => {
  await app?.close();
  await at?.close();
});

const ctxOf = (orgId: string): Ctx => app.deps.systemCtx(orgId, 'test');
const text = (to: string, name: string, orgId = defaultOrg, locale = 'en') =>
  enqueueNotification(ctxOf(orgId), app.jobs, {
    channel: 'sms',
    to,
    template: testMessageTemplate,
    data: { name, orgName: 'Kigali Power' },
    locale,
  }).then((r) => r.notification.id);
const statusOf = async (id: string, orgId = defaultOrg) => (await getNotification(ctxOf(orgId), id)).status;
const settles = async (id: string, status: NotificationStatus, orgId = defaultOrg) =>
  eventually(async () => (await statusOf(id, orgId)) === status, { what: `${id} ${status}` }).catch(
    async (err) => {
      const n = await getNotification(ctxOf(orgId), id);
      throw new Error(`${(err as Error).message}: ${n.status} ${n.lastError} ${JSON.stringify(n.events)}`);
    },
  );
const smsRow = (id: string, orgId = defaultOrg) =>
  ctxOf(orgId)
    .db.withTables<SmsTables>()
    .selectFrom('sms_message')
    .selectAll()
    .where('notification_id', '=', id)
    .executeTakeFirst();
const report = (form: Record<string, string>, callbackKey = key) =>
  app.http.inject({
    method: 'POST',
    url: `/webhooks/sms/africastalking/${callbackKey}/delivery`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });
const reportOf = (sms: SandboxSms, status = 'Success', failureReason?: string) => ({
  id: sms.messageId,
  status,
  phoneNumber: sms.to,
  networkCode: '63510',
  retryCount: '0',
  ...(failureReason ? { failureReason } : {}),
});
const inbound = (from: string, words: string) =>
  app.http.inject({
    method: 'POST',
    url: `/webhooks/sms/africastalking/${key}/inbound`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      from,
      to: '15051',
      text: words,
      id: 'in-1',
      date: '2027-04-02',
    }).toString(),
  });
const eventsOf = async (id: string, orgId = defaultOrg) =>
  (await getNotification(ctxOf(orgId), id)).events.map((e) => e.status);
const sentTo = (phone: string) =>
  at.requests.filter((r) => r.path === '/version1/messaging' && (r.body as { to?: string }).to === phone);

describe('an SMS through the outbox', () => {
  it("goes out in Africa's Talking's wire format, with its parts and cost recorded", async () => {
    const id = await text('+250 788 100 001', 'Aline');
    await settles(id, 'sent');
    const [request] = sentTo('+250788100001');
    expect(request!.headers.apikey).toBe(at.apiKey);
    expect(request!.body).toMatchObject({ username: 'sandbox', to: '+250788100001', from: 'OPSDESK' });
    const row = await smsRow(id);
    expect(row).toMatchObject({
      status: 'accepted',
      encoding: 'GSM-7',
      segments: 1,
      cost_text: 'RWF 20.0000',
      cost_currency: 'RWF',
      sender_id: 'OPSDESK',
    });
    expect(Number(row!.cost_minor)).toBe(20);
    // Staff read its parts and cost on the message, and find it by the phone.
    const shown = { segments: 1, encoding: 'GSM-7', network: 'accepted', failureReason: null };
    const cost = { text: 'RWF 20.0000', amountMinor: 20, currency: 'RWF' };
    expect((await owner.get(`/api/notifications/${id}`)).json().sms).toEqual({ ...shown, cost });
    const listed = (await owner.get('/api/notifications?channel=sms&to=%2B250788100001')).json().items;
    expect(listed.map((n: { id: string; sms: unknown }) => [n.id, n.sms])).toEqual([
      [id, { ...shown, cost }],
    ]);
    expect((await getNotification(ctxOf(defaultOrg), id)).providerMessageId).toBe(
      at.inbox('+250788100001')[0]!.messageId,
    );
  });

  it("sends Hindi as UCS-2 and counts its parts; each organization's sender id is its own", async () => {
    const id = await text('+919812300002', 'प्रियंका शर्मा', otherOrg, 'hi');
    await settles(id, 'sent', otherOrg);
    const row = await smsRow(id, otherOrg);
    expect(row).toMatchObject({ encoding: 'UCS-2', sender_id: 'KPOWER' });
    const sms = at.inbox('+919812300002')[0]!;
    expect(row!.segments).toBe(sms.segments);
    expect(sms.from).toBe('KPOWER');
    // The other organization reads none of it.
    expect(await smsRow(id, defaultOrg)).toBeUndefined();
  });
});

describe('delivery reports', () => {
  it('settle a message once under 50 racing copies of one report', async () => {
    const id = await text('+250788100003', 'Jean');
    await settles(id, 'sent');
    const sms = at.inbox('+250788100003')[0]!;
    const answers = await Promise.all(Array.from({ length: 50 }, () => report(reportOf(sms))));
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    expect(answers.filter((a) => a.json().outcome === 'settled')).toHaveLength(1);
    expect((await eventsOf(id)).filter((s) => s === 'delivered')).toHaveLength(1);
    expect(await smsRow(id)).toMatchObject({ status: 'delivered', provider_status: 'Success' });
    // A late Failed for a delivered text changes nothing.
    expect((await report(reportOf(sms, 'Failed', 'DeliveryFailure'))).json().outcome).toBe('unchanged');
    expect(await statusOf(id)).toBe('sent');
  });

  it('make a text the network could not deliver dead, with its reason, and count it in channel health', async () => {
    const id = await text('+250788100004', 'Claudine');
    await settles(id, 'sent');
    const sms = at.inbox('+250788100004')[0]!;
    await report(reportOf(sms, 'Failed', 'AbsentSubscriber'));
    const n = await getNotification(ctxOf(defaultOrg), id);
    expect(n.status).toBe('dead');
    expect(n.lastError).toBe('not_delivered: AbsentSubscriber');
    const health = (await owner.get('/api/health/channels')).json() as {
      items: { channel: string; account?: { status: string } }[];
    };
    expect(JSON.stringify(health.items.find((c) => c.channel === 'sms'))).toContain('failing');
  });

  it('are refused without the callback key, and count nothing for a phone we did not text', async () => {
    const id = await text('+250788100005', 'Eric');
    await settles(id, 'sent');
    const sms = at.inbox('+250788100005')[0]!;
    expect((await report(reportOf(sms), 'x'.repeat(32))).statusCode).toBe(403);
    expect((await report({ ...reportOf(sms), phoneNumber: '+250788999999' })).json().outcome).toBe('unknown');
    expect(await smsRow(id)).toMatchObject({ status: 'accepted' });
  });
});

describe('STOP', () => {
  it('keeps every later text from a phone that answered STOP, until it answers START', async () => {
    const phone = '+250788100006';
    await settles(await text(phone, 'Diane'), 'sent');
    expect((await inbound(phone, 'stop')).statusCode).toBe(200);
    const refused = await text(phone, 'Diane');
    await settles(refused, 'undeliverable');
    expect((await getNotification(ctxOf(defaultOrg), refused)).lastError).toMatch(/^opted_out/);
    expect(sentTo(phone)).toHaveLength(1);
    await inbound(phone, 'START');
    await settles(await text(phone, 'Diane'), 'sent');
    expect(sentTo(phone)).toHaveLength(2);
  });
});

describe('sent once', () => {
  it('records a send with no answer as unconfirmed, and a replay never texts the phone again', async () => {
    const phone = '+250788100007';
    at.answerNext('hold');
    const id = await text(phone, 'Patrick');
    await settles(id, 'unconfirmed');
    expect(await smsRow(id)).toMatchObject({ status: 'claimed', provider_message_id: null });
    // Staff replay it: our claim says an attempt may have reached the phone, so it is not sent again.
    expect((await owner.post(`/api/notifications/${id}/replay`, {})).statusCode).toBe(202);
    await eventually(async () => (await eventsOf(id)).filter((s) => s === 'unconfirmed').length === 2, {
      what: 'the replayed attempt to find the claim',
    });
    expect(await statusOf(id)).toBe('unconfirmed');
    expect(sentTo(phone)).toHaveLength(1);
  });

  it('sends again a text the provider refused (nothing left), and records a permanent refusal as dead', async () => {
    at.answerNext(405); // InsufficientBalance: the account's, tried again
    const id = await text('+250788100008', 'Alice');
    await settles(id, 'sent');
    expect(sentTo('+250788100008')).toHaveLength(2);
    at.answerNext(406); // UserInBlacklist: never
    const blocked = await text('+250788100009', 'Yves');
    await settles(blocked, 'dead');
    expect(sentTo('+250788100009')).toHaveLength(1);
  });
});

describe("each organization's account", () => {
  it('keeps its own API key sealed and write-only, and says which account and callback URLs it uses', async () => {
    const before = (await otherOwner.get('/api/sms/setup')).json();
    expect(before).toMatchObject({ configured: true, ownAccount: false, senderId: 'KPOWER' });
    expect(before.deliveryReportsUrl).toMatch(new RegExp(`/webhooks/sms/africastalking/${key}/delivery$`));
    expect(before.incomingMessagesUrl).toMatch(new RegExp(`/webhooks/sms/africastalking/${key}/inbound$`));
    const patched = await otherOwner.patch('/api/org', {
      settings: {
        sms: { username: 'kigalipower', apiKey: 'atsk_kigali_power_own_key_9876', senderId: 'KPOWER' },
      },
    });
    expect(patched.statusCode).toBe(200);
    const org = (await otherOwner.get('/api/org')).json();
    expect(org.settings.sms.apiKey).toEqual({ set: true, last4: '9876' });
    expect(JSON.stringify(org)).not.toContain('atsk_kigali_power_own_key_9876');
    expect((await otherOwner.get('/api/sms/setup')).json()).toMatchObject({
      ownAccount: true,
      configured: true,
    });
    // Its own account is not the stand-in's: the provider refuses it (401), the failure is its own.
    const id = await text('+250788100010', 'Grace', otherOrg);
    await eventually(async () => ['failed', 'dead'].includes(await statusOf(id, otherOrg)), {
      what: 'refused',
    });
    const [request] = sentTo('+250788100010');
    expect(request!.body).toMatchObject({ username: 'kigalipower' });
    expect(request!.headers.apikey).toBe('atsk_kigali_power_own_key_9876');
    await otherOwner.patch('/api/org', { settings: { sms: { username: null, apiKey: null } } });
  });
});
