import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AfricasTalkingSandbox, startAfricasTalkingSandbox } from '../../src/channels/sms/index.ts';
import type { Ctx } from '../../src/core/context/index.ts';
import {
  type ChannelName,
  enqueueNotification,
  getNotification,
  messagesToPerson,
  type NotificationView,
  testMessageTemplate,
} from '../../src/core/notifications/index.ts';
import { findOrganizationBySlug } from '../../src/core/orgs/index.ts';
import { type SmtpProcess, startSmtpProcess } from '../standins/smtp-server.ts';
import { eventually } from '../support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../support/test-app.ts';

/*
 * Issue 65: a person's record shows the messages sent to them, on every channel. A contact with an
 * e-mail and a phone lists the e-mail and the SMS (through the real outbox, to a real SMTP server and the
 * Africa's Talking stand-in), each with its state, the text with its parts, encoding and cost; messages
 * to other people are not on it, and another organization's staff get 404 for it.
 */
let smtp: SmtpProcess;
let at: AfricasTalkingSandbox;
let app: TestApp;
let owner: ApiClient;
let otherOwner: ApiClient;
let defaultOrg: string;
let otherOrg: string;

beforeAll(async () => {
  smtp = await startSmtpProcess();
  at = await startAfricasTalkingSandbox({ pricePerSegment: { currency: 'RWF', amount: 20 } });
  app = await startTestApp({
    env: {
      ...at.appEnv(),
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      SMTP_FROM: 'Opsdesk <desk@opsdesk.test>',
    },
  });
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  defaultOrg = (await findOrganizationBySlug(app.database.db, 'default'))!.id;
  otherOrg = await app.createOrg('other-org', 'other-owner@example.com');
  owner = await app.signIn('owner@example.com');
  otherOwner = await app.signIn('other-owner@example.com');
  await app.startWorker();
}, 60_000);
afterAll(async () => {
  await app?.close();
  await at?.close();
  await smtp?.stop();
});

const ctxOf = (orgId: string): Ctx => app.deps.systemCtx(orgId, 'test');
const send = async (channel: ChannelName, to: string, orgId = defaultOrg) =>
  (
    await enqueueNotification(ctxOf(orgId), app.jobs, {
      channel,
      to,
      template: testMessageTemplate,
      data: { name: 'Aline', orgName: 'Kigali Power' },
      locale: 'en',
    })
  ).notification.id;
const sent = (id: string, orgId = defaultOrg) =>
  eventually(async () => (await getNotification(ctxOf(orgId), id)).status === 'sent', { what: `${id} sent` });

describe("a contact's messages (issue 65)", () => {
  let contactId: string;
  let emailId: string;
  let smsId: string;

  beforeAll(async () => {
    const created = await owner.post('/api/contacts', {
      displayName: 'Aline Uwase',
      identities: [
        { channel: 'email', externalId: 'Aline@Example.com' },
        { channel: 'phone', externalId: '+250788000111' },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    contactId = created.json().id;
    emailId = await send('email', 'aline@example.com');
    smsId = await send('sms', '+250788000111');
    // Not hers: another person's text, and a text to her number sent by another organization.
    await sent(await send('sms', '+250788000999'));
    await sent(await send('sms', '+250788000111', otherOrg), otherOrg);
    await sent(emailId);
    await sent(smsId);
  }, 60_000);

  it('lists the e-mail and the SMS sent to her, newest first, the text with its parts, encoding and cost', async () => {
    const res = await owner.get(`/api/contacts/${contactId}/messages`);
    expect(res.statusCode, res.body).toBe(200);
    const { items, total } = res.json() as { items: NotificationView[]; total: number };
    expect(total).toBe(2);
    expect(items.map((m) => m.id)).toEqual([smsId, emailId]);
    const [sms, email] = items;
    expect(email).toMatchObject({ channel: 'email', to: 'aline@example.com', status: 'sent', sms: null });
    expect(sms).toMatchObject({
      channel: 'sms',
      to: '+250788000111',
      toName: 'Aline Uwase',
      status: 'sent',
      sms: { encoding: 'GSM-7', segments: 1, network: 'accepted' },
    });
    expect(sms!.sms!.cost).toMatchObject({ currency: 'RWF', amountMinor: expect.any(Number) });
    expect(sms!.sms!.cost!.text).toContain('RWF');
  });

  it('pages through them', async () => {
    const first = (await owner.get(`/api/contacts/${contactId}/messages?perPage=1`)).json();
    const second = (await owner.get(`/api/contacts/${contactId}/messages?page=2&perPage=1`)).json();
    expect(first).toMatchObject({ total: 2, page: 1, perPage: 1 });
    expect(second).toMatchObject({ total: 2, page: 2, perPage: 1 });
    expect([...first.items, ...second.items].map((m: NotificationView) => m.id)).toEqual([smsId, emailId]);
    const refused = await owner.get(`/api/contacts/${contactId}/messages?perPage=0`);
    expect(refused.statusCode).toBe(400);
    expect(JSON.stringify(refused.json())).toContain('perPage');
    // One paging convention for every list (issue 67): the old names are refused, naming the ones it takes.
    const old = await owner.get(`/api/contacts/${contactId}/messages?limit=1&offset=1`);
    expect(old.statusCode).toBe(400);
    expect(old.json().details).toEqual({ param: 'limit', allowed: ['page', 'perPage'] });
  });

  it("lists a module record's own addresses with its linked contact's (a student's phone beside the contact's e-mail)", async () => {
    const own = await send('sms', '+250788000777');
    await sent(own);
    const page = await messagesToPerson(
      ctxOf(defaultOrg),
      { contactId, phones: ['+250 788 000 777'] },
      { page: 1, perPage: 10 },
    );
    expect(page.items.map((m) => m.id)).toEqual([own, smsId, emailId]);
    // A record whose contact is gone still lists what went to its own addresses.
    const orphan = await messagesToPerson(
      ctxOf(defaultOrg),
      { contactId: '0b5e7a3c-1d2f-4e6a-9b8c-7d6e5f4a3b2c', phones: ['+250788000777'] },
      { page: 1, perPage: 10 },
    );
    expect(orphan.items.map((m) => m.id)).toEqual([own]);
  });

  it("answers another organization's staff 404, as for a contact that exists nowhere", async () => {
    const theirs = await otherOwner.get(`/api/contacts/${contactId}/messages`);
    const nowhere = await otherOwner.get('/api/contacts/0b5e7a3c-1d2f-4e6a-9b8c-7d6e5f4a3b2c/messages');
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json().code).toBe(nowhere.json().code);
    expect(theirs.body).not.toContain('+250788000111');
  });
});
