import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../../test/support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { Ctx } from '../../core/context/index.ts';
import {
  enqueueNotification,
  getNotification,
  messageOutcomes,
  type NotificationStatus,
  type NotificationTables,
  testMessageTemplate,
} from '../../core/notifications/index.ts';
import { findOrganizationBySlug } from '../../core/orgs/index.ts';
import {
  type AfricasTalkingSandbox,
  type SandboxSms,
  startAfricasTalkingSandbox,
} from './sandbox/africastalking-sandbox.ts';
import { smsCommands } from './sms.commands.ts';
import { deploymentSmsCallbackUrls } from './sms-callbacks.ts';

// The SMS channel against Africa's Talking's wire format (issue 52): the outbox sends through the
// stand-in, the delivery reports settle what it sent, STOP is honoured, and no text goes twice.
// Each account has callback URLs of its own, and a callback acts only within its account (issue 61).

const SECRET_KEY = 'sms-test-secret-key-0123456789abcdef0123456789';
let at: AfricasTalkingSandbox;
let app: TestApp;
let defaultOrg: string;
let otherOrg: string;
let owner: ApiClient;
let otherOwner: ApiClient;
/** The deployment's account's callback paths, which only its operator knows (`opsdesk sms callback-urls`). */
const deployment = () =>
  deploymentSmsCallbackUrls({
    publicUrl: '',
    secretKey: SECRET_KEY,
    provider: 'africastalking',
    username: at.username,
  });

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
/** A text's last attempt, as the outbox keeps it (`notification_attempt`). */
const smsRow = (id: string, orgId = defaultOrg) =>
  ctxOf(orgId)
    .db.withTables<NotificationTables>()
    .selectFrom('notification_attempt')
    .selectAll()
    .where('notification_id', '=', id)
    .orderBy('attempt', 'desc')
    .executeTakeFirst();
const postForm = (url: string, form: Record<string, string>) =>
  app.http.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });
const report = (form: Record<string, string>, url = deployment().deliveryReportsUrl) => postForm(url, form);
const reportOf = (sms: SandboxSms, status = 'Success', failureReason?: string) => ({
  id: sms.messageId,
  status,
  phoneNumber: sms.to,
  networkCode: '63510',
  retryCount: '0',
  ...(failureReason ? { failureReason } : {}),
});
/** An incoming text from `from` to the sender `to`, on the deployment's account unless `url` says. */
const inbound = (from: string, words: string, to: string, url = deployment().incomingMessagesUrl) =>
  postForm(url, { from, to, text: words, id: 'in-1', date: '2027-04-02' });
/** Africa's Talking's opt-out notice of a bulk sender id, on the deployment's account unless `url` says. */
const optOutNotice = (phone: string, senderId: string, url = deployment().incomingMessagesUrl) =>
  postForm(url, { senderId, phoneNumber: phone });
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
    expect(n.status).toBe('failed');
    expect(n.lastError).toBe('not_delivered: AbsentSubscriber');
    const health = (await owner.get('/api/health/channels')).json() as {
      items: { channel: string; account?: { status: string } }[];
    };
    expect(JSON.stringify(health.items.find((c) => c.channel === 'sms'))).toContain('failing');
  });

  it('move the one record of a text: reported failed, every screen reads it lost, and a late Success changes nothing', async () => {
    const id = await text('+250788100090', 'Grace');
    await settles(id, 'sent');
    const sms = at.inbox('+250788100090')[0]!;
    expect((await report(reportOf(sms, 'Failed', 'AbsentSubscriber'))).json().outcome).toBe('settled');
    // One row of the outbox holds the text's attempt: its parts, cost and the network's word.
    const attempts = await ctxOf(defaultOrg)
      .db.withTables<NotificationTables>()
      .selectFrom('notification_attempt')
      .select(['attempt', 'status', 'provider_message_id', 'failure_reason', 'cost_text'])
      .where('notification_id', '=', id)
      .execute();
    expect(attempts).toEqual([
      {
        attempt: 1,
        status: 'failed',
        provider_message_id: sms.messageId,
        failure_reason: 'AbsentSubscriber',
        cost_text: 'RWF 20.0000',
      },
    ]);
    const { rows } = await app.database.pool.query(`select to_regclass('sms_message') as t`);
    expect(rows).toEqual([{ t: null }]);
    // The record, the list, and the outcome a module reads all say the same.
    const shown = (await owner.get(`/api/notifications/${id}`)).json();
    expect(shown).toMatchObject({
      status: 'failed',
      sms: { network: 'failed', failureReason: 'AbsentSubscriber' },
    });
    const listed = (await owner.get('/api/notifications?channel=sms&to=%2B250788100090')).json().items;
    expect(
      listed.map((n: { status: string; sms: { network: string } }) => [n.status, n.sms.network]),
    ).toEqual([['failed', 'failed']]);
    expect((await messageOutcomes(ctxOf(defaultOrg), [id])).get(id)?.outcome).toBe('lost');
    // A late, contradicting Success: the attempt moved once, the record stays as it is.
    expect((await report(reportOf(sms, 'Success'))).json().outcome).toBe('unchanged');
    expect(await smsRow(id)).toMatchObject({ status: 'failed' });
    expect(await statusOf(id)).toBe('failed');
  });

  it('settle a text recorded before accounts were (copied from sms_message): from the URL it was sent under', async () => {
    const id = await text('+250788100091', 'Ines');
    await settles(id, 'sent');
    const sms = at.inbox('+250788100091')[0]!;
    // As 20270603_6401 copied a text from before 20270501_6102: no account recorded.
    await app.database.pool.query(
      'update notification_attempt set account = null, account_org_id = null where notification_id = $1',
      [id],
    );
    expect((await report(reportOf(sms))).json().outcome).toBe('settled');
    expect(await smsRow(id)).toMatchObject({ status: 'delivered', account: null });
    expect(await eventsOf(id)).toContain('delivered');
  });

  it('are refused without the callback key, and count nothing for a phone we did not text', async () => {
    const id = await text('+250788100005', 'Eric');
    await settles(id, 'sent');
    const sms = at.inbox('+250788100005')[0]!;
    const wrongKey = deployment().deliveryReportsUrl.replace(
      /[\w-]{32}\/delivery$/,
      `${'x'.repeat(32)}/delivery`,
    );
    expect((await report(reportOf(sms), wrongKey)).statusCode).toBe(403);
    expect((await report({ ...reportOf(sms), phoneNumber: '+250788999999' })).json().outcome).toBe('unknown');
    expect(await smsRow(id)).toMatchObject({ status: 'accepted' });
  });
});

describe('STOP', () => {
  it('keeps every later text from the sender a phone answered STOP to, until it answers START', async () => {
    const phone = '+250788100006';
    await settles(await text(phone, 'Diane'), 'sent');
    expect((await optOutNotice(phone, 'OPSDESK')).statusCode).toBe(200);
    const refused = await text(phone, 'Diane');
    await settles(refused, 'undeliverable');
    expect((await getNotification(ctxOf(defaultOrg), refused)).lastError).toMatch(/^opted_out/);
    expect(sentTo(phone)).toHaveLength(1);
    // START to another sender of the account leaves OPSDESK stopped; START to OPSDESK lifts it.
    await inbound(phone, 'START', '15051');
    await settles(await text(phone, 'Diane'), 'undeliverable');
    await inbound(phone, 'START', 'OPSDESK');
    await settles(await text(phone, 'Diane'), 'sent');
    expect(sentTo(phone)).toHaveLength(2);
  });

  it("a STOP to one organization's sender on the deployment's account does not hold another's", async () => {
    const phone = '+250788100011';
    await settles(await text(phone, 'Olivier'), 'sent');
    await settles(await text(phone, 'Olivier', otherOrg), 'sent', otherOrg);
    expect((await optOutNotice(phone, 'KPOWER')).statusCode).toBe(200);
    await settles(await text(phone, 'Olivier', otherOrg), 'undeliverable', otherOrg);
    await settles(await text(phone, 'Olivier'), 'sent');
    expect(sentTo(phone).map((r) => (r.body as { from?: string }).from)).toEqual([
      'OPSDESK',
      'KPOWER',
      'OPSDESK',
    ]);
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

  it("settles a text whose answer never came by the provider's report of it (issue 65: it read unknown)", async () => {
    // The phone has the text; Africa's Talking's answer to our send never comes.
    at.answerNext('carry-and-hold');
    const first = await text('+250788100080', 'Claudine');
    const carried = await eventually(async () => at.inbox('+250788100080')[0], { what: 'the text carried' });
    // Its report names the text by an id our send never learned: it is that send's.
    expect((await report(reportOf(carried))).json().outcome).toBe('settled');
    expect(await smsRow(first)).toMatchObject({
      status: 'delivered',
      provider_message_id: carried.messageId,
    });
    // The send gives up waiting, and finds the text already reported: not unconfirmed.
    await eventually(async () => (await eventsOf(first)).includes('delivered'), { what: 'delivered logged' });
    expect(await statusOf(first)).toBe('sent');
    expect(await eventsOf(first)).not.toContain('unconfirmed');

    // A report that comes after the send was recorded unconfirmed (the provider retrying its callback).
    at.answerNext('carry-and-hold');
    const second = await text('+250788100081', 'Eric');
    await settles(second, 'unconfirmed');
    const late = at.inbox('+250788100081')[0]!;
    expect((await report(reportOf(late))).json().outcome).toBe('settled');
    expect(await statusOf(second)).toBe('sent');
    expect((await messageOutcomes(ctxOf(defaultOrg), [second])).get(second)?.outcome).toBe('delivered');
    expect(sentTo('+250788100080')).toHaveLength(1);
    expect(sentTo('+250788100081')).toHaveLength(1);
  });

  it('sends again a text the provider refused (nothing left), and records a permanent refusal as dead', async () => {
    at.answerNext(405); // InsufficientBalance: the account's, tried again
    const id = await text('+250788100008', 'Alice');
    await settles(id, 'sent');
    expect(sentTo('+250788100008')).toHaveLength(2);
    at.answerNext(406); // UserInBlacklist: never
    const blocked = await text('+250788100009', 'Yves');
    await settles(blocked, 'failed');
    expect(sentTo('+250788100009')).toHaveLength(1);
  });
});

/**
 * The setup's callback URLs as paths: they are absolute (the address the owner's request came to, as
 * no OPSDESK_PUBLIC_URL is set here) and the tests post them to the app by path.
 */
function pathsOf<T extends { deliveryReportsUrl: string | null; incomingMessagesUrl: string | null }>(
  setup: T,
) {
  const path = (url: string | null) => {
    if (url === null) return null;
    expect(url).toMatch(/^http:\/\/localhost(:\d+)?\/webhooks\/sms\//);
    return new URL(url).pathname;
  };
  return {
    ...setup,
    deliveryReportsUrl: path(setup.deliveryReportsUrl),
    incomingMessagesUrl: path(setup.incomingMessagesUrl),
  };
}

describe("each organization's account", () => {
  it('keeps its own API key sealed and write-only, and says which account and callback URLs it uses', async () => {
    // On the deployment's account: its operator set the callback URLs; the organization is shown none.
    expect((await otherOwner.get('/api/sms/setup')).json()).toEqual({
      configured: true,
      ownAccount: false,
      provider: 'africastalking',
      senderId: 'KPOWER',
      callbacks: 'deployment',
      deliveryReportsUrl: null,
      incomingMessagesUrl: null,
    });
    const patched = await otherOwner.patch('/api/org', {
      settings: {
        sms: { username: 'kigalipower', apiKey: 'atsk_kigali_power_own_key_9876', senderId: 'KPOWER' },
      },
    });
    expect(patched.statusCode).toBe(200);
    const org = (await otherOwner.get('/api/org')).json();
    expect(org.settings.sms.apiKey).toEqual({ set: true, last4: '9876' });
    expect(JSON.stringify(org)).not.toContain('atsk_kigali_power_own_key_9876');
    const own = pathsOf((await otherOwner.get('/api/sms/setup')).json());
    expect(own).toMatchObject({ ownAccount: true, configured: true, callbacks: 'own' });
    expect(own.deliveryReportsUrl).toMatch(
      /^\/webhooks\/sms\/africastalking\/kigali-power\/[\w-]{32}\/delivery$/,
    );
    expect(own.incomingMessagesUrl).toBe(own.deliveryReportsUrl.replace(/delivery$/, 'inbound'));
    expect(own.deliveryReportsUrl).not.toContain(deployment().deliveryReportsUrl.split('/')[4]);
    // Its own account is not the stand-in's: the provider refuses it (401), the failure is its own.
    const id = await text('+250788100010', 'Grace', otherOrg);
    // refused: tried again later (queued, an attempt spent) or given up
    await eventually(
      async () => {
        const n = await getNotification(ctxOf(otherOrg), id);
        return n.status === 'failed' || (n.status === 'queued' && n.attempts > 0);
      },
      { what: 'refused' },
    );
    const [request] = sentTo('+250788100010');
    expect(request!.body).toMatchObject({ username: 'kigalipower' });
    expect(request!.headers.apikey).toBe('atsk_kigali_power_own_key_9876');
    await otherOwner.patch('/api/org', { settings: { sms: { username: null, apiKey: null } } });
  });
});

describe("an organization's own account's callbacks (issue 61)", () => {
  // East and West each send through an account of their own on the stand-in. East's owner pasted both
  // of its URLs in its account's dashboard; West's owner only the incoming-messages one, so West's
  // texts wait for their report while someone forges one.
  const urls: Record<'east' | 'west', { deliveryReportsUrl: string; incomingMessagesUrl: string }> = {
    east: { deliveryReportsUrl: '', incomingMessagesUrl: '' },
    west: { deliveryReportsUrl: '', incomingMessagesUrl: '' },
  };
  let appUrl: string;
  let east: string;
  let west: string;
  let eastOwner: ApiClient;
  let eastAdmin: ApiClient;
  let westOwner: ApiClient;

  /** An organization sending through an account of its own on the stand-in, with sender id `sender`. */
  const ownAccount = async (owner: ApiClient, username: string, sender: string, delivery: boolean) => {
    const which = sender === 'EAST' ? 'east' : 'west';
    const { apiKey } = at.addAccount({
      username,
      deliveryReportUrl: () => (delivery ? `${appUrl}${urls[which].deliveryReportsUrl}` : undefined),
      inboundUrl: () => `${appUrl}${urls[which].incomingMessagesUrl}`,
    });
    const fast = { maxAttempts: 2, retryBaseMs: 100, retryMaxMs: 200 };
    const patched = await owner.patch('/api/org', {
      settings: { notifications: fast, sms: { username, apiKey, senderId: sender } },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    const setup = pathsOf((await owner.get('/api/sms/setup')).json());
    urls[which] = {
      deliveryReportsUrl: setup.deliveryReportsUrl,
      incomingMessagesUrl: setup.incomingMessagesUrl,
    };
  };
  const held = async (id: string, orgId: string) => {
    await settles(id, 'undeliverable', orgId);
    expect((await getNotification(ctxOf(orgId), id)).lastError).toMatch(/^opted_out/);
  };

  beforeAll(async () => {
    appUrl = await app.http.listen({ host: '127.0.0.1', port: 0 });
    east = await app.createOrg('east-power', 'east-owner@example.com');
    west = await app.createOrg('west-power', 'west-owner@example.com');
    await app.createStaff({ email: 'east-admin@example.com', role: 'admin', org: 'east-power' });
    eastOwner = await app.signIn('east-owner@example.com');
    eastAdmin = await app.signIn('east-admin@example.com');
    westOwner = await app.signIn('west-owner@example.com');
    await ownAccount(eastOwner, 'eastpower', 'EAST', true);
    await ownAccount(westOwner, 'westpower', 'WEST', false);
  });

  it("answers each own account URLs of its own; another's key, or the deployment's, is refused on them", async () => {
    const path = /^\/webhooks\/sms\/africastalking\/(east|west)-power\/([\w-]{32})\/delivery$/;
    const [, , eastKey] = path.exec(urls.east.deliveryReportsUrl)!;
    const [, , westKey] = path.exec(urls.west.deliveryReportsUrl)!;
    expect(eastKey).not.toBe(westKey);
    const stop = { from: '+250788200001', to: 'WEST', text: 'STOP' };
    const deploymentKey = deployment().incomingMessagesUrl.split('/')[4]!;
    for (const [url, status] of [
      [`/webhooks/sms/africastalking/west-power/${eastKey}/inbound`, 403],
      [`/webhooks/sms/africastalking/west-power/${deploymentKey}/inbound`, 403],
      [`/webhooks/sms/africastalking/${eastKey}/inbound`, 403],
      [`/webhooks/sms/africastalking/${eastKey}/delivery`, 403],
      // An organization on the deployment's account has no URL of its own, whatever the key.
      [`/webhooks/sms/africastalking/default/${deploymentKey}/inbound`, 403],
      [`/webhooks/sms/africastalking/nobody/${eastKey}/inbound`, 403],
      [urls.west.incomingMessagesUrl, 200],
    ] as const)
      expect((await postForm(url, stop)).statusCode, url).toBe(status);
    // Only West's own URL took it: West holds that phone, nobody else does.
    await held(await text('+250788200001', 'Ange', west), west);
    await settles(await text('+250788200001', 'Ange', east), 'sent', east);
  });

  it("holds East's next text to a phone that answered East's sender STOP, and not West's", async () => {
    const phone = '+250788200002';
    await settles(await text(phone, 'Fabrice', east), 'sent', east);
    await settles(await text(phone, 'Fabrice', west), 'sent', west);
    expect(await at.optOut(phone, 'EAST', 'eastpower')).toBe(200);
    // East's admin forges STOP on East's URL naming West's sender: West's account is not East's to touch.
    expect(
      (await postForm(urls.east.incomingMessagesUrl, { from: phone, to: 'WEST', text: 'STOP' })).statusCode,
    ).toBe(200);
    await held(await text(phone, 'Fabrice', east), east);
    const westText = await text(phone, 'Fabrice', west);
    await settles(westText, 'sent', west);
    expect(at.inbox(phone).map((sms) => [sms.account, sms.from])).toEqual([
      ['eastpower', 'EAST'],
      ['westpower', 'WEST'],
      ['westpower', 'WEST'],
    ]);
  });

  it("does not re-subscribe on East's URL a phone that stopped West", async () => {
    const phone = '+250788200003';
    await settles(await text(phone, 'Gisele', west), 'sent', west);
    expect(await at.reply(phone, 'STOP', { to: 'WEST', account: 'westpower' })).toBe(200);
    await held(await text(phone, 'Gisele', west), west);
    expect(await at.reply(phone, 'START', { to: 'WEST', account: 'eastpower' })).toBe(200);
    expect(await at.reply(phone, 'START', { to: 'EAST', account: 'eastpower' })).toBe(200);
    await held(await text(phone, 'Gisele', west), west);
    // START where the phone stopped does lift it.
    expect(await at.reply(phone, 'START', { to: 'WEST', account: 'westpower' })).toBe(200);
    await settles(await text(phone, 'Gisele', west), 'sent', west);
  });

  it("settles East's texts by the reports its account posts to its URL, and nothing of West's from East's", async () => {
    const eastId = await text('+250788200004', 'Honore', east);
    await eventually(async () => (await smsRow(eastId, east))?.status === 'delivered', {
      what: 'East report',
    });
    const westId = await text('+250788200005', 'Honore', west);
    await settles(westId, 'sent', west);
    const westSms = at.inbox('+250788200005')[0]!;
    const forged = reportOf(westSms, 'Failed', 'UserInBlacklist');
    expect((await report(forged, urls.east.deliveryReportsUrl)).json().outcome).toBe('unknown');
    expect((await report(forged, deployment().deliveryReportsUrl)).json().outcome).toBe('unknown');
    expect(await smsRow(westId, west)).toMatchObject({
      status: 'accepted',
      account: 'westpower',
      account_org_id: west,
    });
    expect(await statusOf(westId, west)).toBe('sent');
    // The genuine report, on West's own URL, settles it.
    expect((await report(reportOf(westSms), urls.west.deliveryReportsUrl)).json().outcome).toBe('settled');
    expect(await smsRow(westId, west)).toMatchObject({ status: 'delivered' });
  });

  it('lets the owner, not an admin, rotate the key: the URLs pasted before are refused from then on', async () => {
    const refused = await eastAdmin.post('/api/sms/setup/rotate');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({
      code: 'forbidden',
      details: { permission: 'platform.callback_key.rotate' },
    });
    const before = urls.east;
    const rotated = await eastOwner.post('/api/sms/setup/rotate');
    expect(rotated.statusCode, rotated.body).toBe(200);
    const after = pathsOf(rotated.json());
    expect(after).toMatchObject({ callbacks: 'own', ownAccount: true });
    expect(after.deliveryReportsUrl).not.toBe(before.deliveryReportsUrl);
    expect(pathsOf((await eastAdmin.get('/api/sms/setup')).json()).deliveryReportsUrl).toBe(
      after.deliveryReportsUrl,
    );
    const stop = { from: '+250788200006', to: 'EAST', text: 'STOP' };
    expect((await postForm(before.incomingMessagesUrl, stop)).statusCode).toBe(403);
    expect(
      (await postForm(before.deliveryReportsUrl, { id: 'x', status: 'Failed', phoneNumber: stop.from }))
        .statusCode,
    ).toBe(403);
    expect((await postForm(after.incomingMessagesUrl, stop)).statusCode).toBe(200);
    // West's URLs are untouched by East's rotation.
    expect((await postForm(urls.west.incomingMessagesUrl, { ...stop, to: 'WEST' })).statusCode).toBe(200);
    const { rows } = await app.database.pool.query(
      `select before, after from audit_event where org_id = $1 and action = 'platform.callback_key.rotated'`,
      [east],
    );
    expect(rows).toEqual([
      { before: { purpose: 'sms', generation: 0 }, after: { purpose: 'sms', generation: 1 } },
    ]);
    // An organization on the deployment's account has no key of its own to rotate.
    expect((await owner.post('/api/sms/setup/rotate')).statusCode).toBe(409);
  });

  it("prints the deployment's account's URLs for its operator (opsdesk sms callback-urls)", async () => {
    const lines: string[] = [];
    const command = smsCommands[0]!.commands![0]!;
    await command.run!({
      options: {},
      print: (line) => lines.push(line),
      runtime: async () => app.runtimeOf('sms') as never,
    });
    expect(lines).toContain(`Delivery reports:  ${deployment().deliveryReportsUrl}`);
    expect(lines).toContain(`Incoming messages: ${deployment().incomingMessagesUrl}`);
  });
});
