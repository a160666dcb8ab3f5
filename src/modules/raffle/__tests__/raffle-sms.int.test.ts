import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle, createRaffleOrder } from '../../../../test/factories/raffle.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { type ApiClient, startTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { whatsAppChat, whatsAppEnv } from '../../../../test/support/whatsapp-app.ts';
import { type AfricasTalkingSandbox, startAfricasTalkingSandbox } from '../../../channels/sms/index.ts';
import {
  startWhatsAppStandin,
  type WhatsAppStandin,
} from '../../../channels/whatsapp/sandbox/whatsapp-graph.ts';
import { inTransaction } from '../../../core/context/index.ts';
import { findOrganizationBySlug, updateOrganization } from '../../../core/orgs/index.ts';
import { buyerForWhatsApp } from '../buyers.ts';

/*
 * Issue 65: a raffle buyer WhatsApp cannot reach gets the news by SMS on that number, in their
 * language, once. The Graph API stand-in refuses the order's template as Meta does (132001, the
 * template is not approved) or reports a message undeliverable (131026, the number left WhatsApp);
 * the text goes through the outbox to the Africa's Talking stand-in.
 */
const APP_SECRET = 'raffle-sms-app-secret';
let wa: WhatsAppStandin;
let at: AfricasTalkingSandbox;
let app: TestApp;
let chat: ReturnType<typeof whatsAppChat>;
let ops: ApiClient;
let owner: ApiClient;
let orgId: string;

beforeAll(async () => {
  at = await startAfricasTalkingSandbox();
  // Meta has approved none of the raffle's templates: each template send is refused (132001).
  wa = await startWhatsAppStandin({ templates: [] });
  app = await startTestApp({
    env: { ...whatsAppEnv(wa, { appSecret: APP_SECRET, flow: 'raffle' }), ...at.appEnv() },
  });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const hook = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}/webhooks/whatsapp`;
  chat = whatsAppChat(wa, hook, APP_SECRET);
  await app.startWorker();
  await app.createStaff({ email: 'ops@example.com', role: 'ops' });
  await app.createStaff({ email: 'owner@example.com', role: 'owner' });
  ops = await app.signIn('ops@example.com');
  owner = await app.signIn('owner@example.com');
  orgId = (await findOrganizationBySlug(app.database.db, 'default'))!.id;
  // A Paraguayan seller: Spanish first. It named the order's template at Meta, which has not approved it.
  await updateOrganization(app.deps.systemCtx(orgId, 'test'), { languages: ['es', 'en'] });
  const configured = await owner.patch('/api/org', {
    settings: {
      notifications: { paceMs: { whatsapp: 0 } },
      whatsapp: {
        templates: {
          'raffle.order_paid': {
            name: 'raffle_order_paid',
            language: { es: 'es', en: 'en_US', fr: 'fr' },
            parameters: ['raffle', 'numbers'],
          },
        },
      },
    },
  });
  expect(configured.statusCode, configured.body).toBe(200);
}, 90_000);
afterAll(async () => {
  await app?.close();
  await wa?.close();
  await at?.close();
});

/** A buyer who called in: staff hold `numbers` for them and confirm the payment. Answers the order. */
async function sellByPhone(raffleId: string, waId: string, language: string, numbers: number[]) {
  await buyerForWhatsApp(app.deps.systemCtx(orgId, 'test'), { waId, displayName: 'Caller', language });
  const reserved = await ops.post(`/api/raffle/raffles/${raffleId}/reservations`, { waId, numbers });
  expect(reserved.statusCode, reserved.body).toBe(201);
  const confirmed = await ops.post(`/api/raffle/orders/${reserved.json().id}/confirm`);
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return confirmed.json() as { id: string; delivery: Array<{ notificationId: string }> };
}

type Message = {
  id: string;
  channel: string;
  to: string;
  template: string;
  status: string;
  providerMessageId: string | null;
};
const messagesTo = async (to: string, channel: string): Promise<Message[]> =>
  (await ops.get(`/api/notifications?channel=${channel}&to=${encodeURIComponent(to)}`)).json().items;
const messageIn = (id: string, status: string) =>
  eventually(
    async () => {
      const m = (await ops.get(`/api/notifications/${id}`)).json();
      return m.status === status && m;
    },
    { what: `message ${id} ${status}` },
  );
const textsTo = (phone: string, count: number) =>
  eventually(() => at.inbox(phone).length >= count && at.inbox(phone), { what: `${count} SMS to ${phone}` });

describe('an order outcome WhatsApp cannot deliver (issue 65)', () => {
  it('reaches the buyer by SMS with their ticket numbers, in their language, once', async () => {
    const raffle = await createRaffle(app, { title: 'Rifa Navidad' });
    const buyer = '595981700001';
    const order = await sellByPhone(raffle.id, buyer, 'en', [12, 7]);
    const whatsapp = order.delivery[0]!.notificationId;
    // Meta refuses the template: the message is dead, nothing reached the chat.
    const dead = await messageIn(whatsapp, 'failed');
    expect(dead.lastError).toContain('132001');
    expect(wa.sentMessages(buyer)).toEqual([]);

    const [text] = await textsTo(`+${buyer}`, 1);
    expect(text!.text).toBe('Payment confirmed for "Rifa Navidad". Your tickets: 7, 12. Good luck!');
    expect(text!.encoding).toBe('GSM-7');
    expect(text!.segments).toBe(1);
    // The order shows the text beside the WhatsApp message it stands in for; its history says why.
    await eventually(
      async () =>
        ((await ops.get(`/api/raffle/orders/${order.id}`)).json().delivery as Array<{ state: string }>).some(
          (d) => d.state === 'sent',
        ),
      { what: 'the text sent, on the order' },
    );
    expect((await ops.get(`/api/raffle/orders/${order.id}`)).json().delivery).toMatchObject([
      { channel: 'whatsapp', template: 'raffle.order_paid', state: 'failed' },
      { channel: 'sms', template: 'raffle.order_paid_sms', state: 'sent' },
    ]);
    const history = await owner.get(`/api/audit?subjectType=raffle_order&subjectId=${order.id}`);
    expect(history.statusCode, history.body).toBe(200);
    expect(history.body).toContain('raffle.order.texted');

    // Staff send the WhatsApp message again and Meta refuses it again; its end is raised twice more.
    const replayed = await owner.post(`/api/notifications/${whatsapp}/replay`);
    expect(replayed.statusCode, replayed.body).toBe(202);
    await eventually(
      async () =>
        (await ops.get(`/api/notifications/${whatsapp}`))
          .json()
          .events.filter((e: { status: string }) => e.status === 'failed').length === 2,
      { what: 'the replayed message failed again' },
    );
    const event = {
      notificationId: whatsapp,
      template: 'raffle.order_paid',
      channel: 'whatsapp' as const,
      idempotencyKey: dead.idempotencyKey,
      outcome: 'lost' as const,
      reason: dead.lastError,
    };
    for (let i = 0; i < 2; i++)
      await inTransaction(app.deps.systemCtx(orgId, 'test'), (tx) =>
        app.deps.events.emit('notification.outcome', tx, event),
      );
    expect((await messagesTo(`+${buyer}`, 'sms')).map((m) => m.template)).toEqual(['raffle.order_paid_sms']);
    expect(at.inbox(`+${buyer}`)).toHaveLength(1);
    // The order's history tells of the one text once.
    const trail = (await owner.get(`/api/audit?subjectType=raffle_order&subjectId=${order.id}`)).json()
      .items as Array<{ action: string }>;
    expect(trail.filter((e) => e.action === 'raffle.order.texted')).toHaveLength(1);
  }, 90_000);

  it('sends nothing by SMS when the seller turned it off', async () => {
    expect((await ops.get('/api/raffle/settings')).json()).toMatchObject({ smsFallback: true });
    const off = await ops.patch('/api/raffle/settings', { smsFallback: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ smsFallback: false });
    try {
      const raffle = await createRaffle(app, { title: 'Rifa Sin SMS' });
      const buyer = '595981700002';
      const order = await sellByPhone(raffle.id, buyer, 'es', [3]);
      // The message's end and its hook are one transaction: once it is dead, the hook has run.
      await messageIn(order.delivery[0]!.notificationId, 'failed');
      expect(await messagesTo(`+${buyer}`, 'sms')).toEqual([]);
      expect(at.inbox(`+${buyer}`)).toEqual([]);
    } finally {
      expect((await ops.patch('/api/raffle/settings', { smsFallback: true })).statusCode).toBe(200);
    }
  }, 90_000);

  it('refuses a setting that is not a yes or no, naming the field', async () => {
    const res = await ops.patch('/api/raffle/settings', { smsFallback: 'yes' });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(JSON.stringify(res.json().errors)).toContain('smsFallback');
  });

  it('sends no SMS to a buyer WhatsApp reached', async () => {
    const raffle = await createRaffle(app, { title: 'Rifa Chat' });
    const buyer = '595981700003';
    await chat.say(buyer, 'hola'); // inside the 24-hour window: the confirmation goes as a chat message
    const order = await sellByPhone(raffle.id, buyer, 'es', [21]);
    await messageIn(order.delivery[0]!.notificationId, 'sent');
    expect(chat.texts(buyer).at(-1)).toContain('21');
    expect(await messagesTo(`+${buyer}`, 'sms')).toEqual([]);
    expect(at.inbox(`+${buyer}`)).toEqual([]);
  }, 90_000);
});

describe('a draw result WhatsApp cannot deliver (issue 65)', () => {
  it("texts the winner the prize when Meta reports the message undeliverable, in the winner's language", async () => {
    const winner = '595981700004';
    await chat.say(winner, 'hola');
    await buyerForWhatsApp(app.deps.systemCtx(orgId, 'test'), { waId: winner, language: 'fr' });
    const { id } = await createRaffle(app, { title: 'Rifa del Club', prizes: ['Moto Honda 150'] });
    await createRaffleOrder(app, { raffleId: id, waId: winner, pick: { numbers: [42] }, payment: 'paid' });
    expect((await ops.post(`/api/raffle/raffles/${id}/close`)).statusCode).toBe(200);
    // The order's confirmation reached the chat; nothing went by SMS.
    await eventually(async () => (await messagesTo(winner, 'whatsapp')).some((m) => m.status === 'sent'), {
      what: "the order's confirmation sent",
    });
    expect((await owner.post(`/api/raffle/raffles/${id}/draw`)).statusCode).toBe(200);
    // The winner's message is taken by Meta (a chat message: the buyer wrote today)…
    const message = await eventually(
      async () =>
        (await messagesTo(winner, 'whatsapp')).find(
          (m) => m.template === 'raffle.winner' && m.status === 'sent',
        ),
      { what: "the winner's message sent" },
    );
    expect(wa.sentMessages(winner).map((m) => m.id)).toContain(message.providerMessageId);
    expect(at.inbox(`+${winner}`)).toEqual([]);
    // …and then reported failed: the number left WhatsApp (131026).
    const report = await chat.deliver(
      wa.statusUpdate({
        id: message.providerMessageId!,
        status: 'failed',
        recipientId: winner,
        bizOpaqueCallbackData: message.id,
      }),
    );
    expect(report.status).toBe(200);

    const [text] = await textsTo(`+${winner}`, 1);
    expect(text!.text).toBe(
      'Félicitations! Votre billet 42 a gagné "Moto Honda 150" dans la tombola "Rifa del Club".',
    );
    expect(text!.encoding).toBe('GSM-7');
    expect((await ops.get(`/api/notifications/${message.id}`)).json().status).toBe('failed');
    expect((await messagesTo(`+${winner}`, 'sms')).map((m) => m.template)).toEqual(['raffle.winner_sms']);
  }, 90_000);
});
