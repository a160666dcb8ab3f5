import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slowSteps } from '../../../test/fixtures/menu-flow/menu.flow.ts';
import { menuTestModule } from '../../../test/fixtures/menu-flow/menu.module.ts';
import { eventually } from '../../../test/support/eventually.ts';
import { repliedChat } from '../../../test/support/stored-chat.ts';
import { TEST_MODULES } from '../../../test/support/template-sources.ts';
import { type ApiClient, startTestApp } from '../../../test/support/test-app.ts';
import { startWhatsAppApp, type WhatsAppApp } from '../../../test/support/whatsapp-app.ts';
import type { ConversationsTables, MessageView } from '../../core/conversations/index.ts';
import {
  enqueueNotification,
  getNotification,
  messageOutcomes,
  type NotificationInput,
  type NotificationStatus,
  testMessageTemplate,
} from '../../core/notifications/index.ts';
import { findOrganizationBySlug } from '../../core/orgs/index.ts';
import { fixedClock } from '../../platform/clock/index.ts';

const APP_SECRET = 'wa-app-secret-for-tests';
const VERIFY_TOKEN = 'wa-verify-token';
const clock = fixedClock(new Date());
let h: WhatsAppApp;
let ops: ApiClient;

beforeAll(async () => {
  h = await startWhatsAppApp({
    appSecret: APP_SECRET,
    verifyToken: VERIFY_TOKEN,
    flow: 'menu-test',
    modules: [...TEST_MODULES, menuTestModule],
    clock,
  });
  await h.app.createStaff({ email: 'ops@example.com', role: 'ops' });
  ops = await h.app.signIn('ops@example.com');
});
afterAll(async () => h.close());

/** Queues a notification to `to` in the default organization; answers a reader of its state. */
async function notify(to: string, name: string) {
  const orgId = (await findOrganizationBySlug(h.app.database.db, 'default'))!.id;
  const ctx = h.app.deps.systemCtx(orgId, 'test');
  const input: NotificationInput = {
    channel: 'whatsapp',
    to: `+${to}`,
    template: testMessageTemplate as NotificationInput['template'],
    data: { name, orgName: 'Rifas' },
    locale: 'en',
  };
  const { id } = (await enqueueNotification(ctx, h.app.jobs, input)).notification;
  // Waits on stored state with a generous deadline: the worker may be slow on a loaded machine.
  return (status: NotificationStatus) =>
    eventually(
      async () => {
        const n = await getNotification(ctx, id);
        return n.status === status ? n : undefined;
      },
      { what: `notification ${id} to become ${status}` },
    );
}
/** What went to `externalId` (replies, staff messages, notifications), as staff read it in the history, in order. */
async function outboundMessages(externalId: string): Promise<MessageView[]> {
  const list = (await ops.get('/api/conversations?channel=whatsapp&limit=200')).json() as Array<{
    id: string;
    externalId: string;
  }>;
  const id = list.find((c) => c.externalId === externalId)!.id;
  const messages = (await ops.get(`/api/conversations/${id}/messages`)).json() as MessageView[];
  return messages.filter((m) => m.direction === 'out');
}
const outboundHistory = async (externalId: string) =>
  (await outboundMessages(externalId)).map((m) => ({
    sent_by: m.sentBy,
    status: m.status,
    channel_message_id: m.channelMessageId,
  }));
const inboundCount = async (channelMessageId: string) =>
  (
    await h.app.database.db
      .withTables<ConversationsTables>()
      .selectFrom('conversation_message')
      .select('id')
      .where('channel_message_id', '=', channelMessageId)
      .execute()
  ).length;

/** A person who wrote "hi" and got the bot's answer, and staff signed in beside that conversation. */
async function staffInConversationWith(user: string) {
  await h.deliver(h.wa.textMessage({ from: user, text: 'hi' }));
  await h.waitForMessages(user, 1);
  const ops = await h.app.signIn('ops@example.com');
  const list = (await ops.get('/api/conversations?channel=whatsapp')).json() as Array<{
    id: string;
    externalId: string;
  }>;
  return { ops, id: list.find((c) => c.externalId === user)!.id };
}

describe('WhatsApp channel', () => {
  it('answers the subscription handshake only with the right token', async () => {
    expect(
      await h.wa.verifyWebhookSubscription({
        to: h.hook,
        verifyToken: VERIFY_TOKEN,
        challenge: '1158201444',
      }),
    ).toEqual({ status: 200, body: '1158201444' });
    expect((await h.wa.verifyWebhookSubscription({ to: h.hook, verifyToken: 'nope' })).status).toBe(403);
  });

  it('runs the test flow end to end: text, list tap, button tap', async () => {
    const user = '595981000001';
    await h.deliver(h.wa.textMessage({ from: user, text: 'hola', name: 'Ana' }));
    const [list] = await h.waitForMessages(user, 1);
    expect(list!.body).toMatchObject({ type: 'interactive', interactive: { type: 'list' } });

    await h.deliver(h.wa.listReply({ from: user, rowId: 'juice', title: 'Orange juice' }));
    const [, buttons] = await h.waitForMessages(user, 2);
    const ids = (
      buttons!.body as { interactive: { action: { buttons: Array<{ reply: { id: string } }> } } }
    ).interactive.action.buttons.map((b) => b.reply.id);
    expect(ids).toEqual(['confirm', 'cancel']);

    // The title is ignored: only the id routes (the original bot matched titles and never worked).
    await h.deliver(h.wa.buttonReply({ from: user, buttonId: 'confirm', title: 'Something else entirely' }));
    await h.waitForMessages(user, 3);
    // "hola" as the first words: the flow answers in Spanish.
    expect(h.texts(user)[2]).toBe('Pedido: Jugo de naranja. ¡Gracias!');
  });

  it('gives a typed keyword and a button tap the same answer', async () => {
    for (const [user, last] of [
      ['595981000002', h.wa.textMessage({ from: '595981000002', text: 'confirm' })],
      ['595981000003', h.wa.buttonReply({ from: '595981000003', buttonId: 'confirm', title: 'Confirm' })],
    ] as const) {
      await h.deliver(h.wa.textMessage({ from: user, text: 'hi' }));
      await h.waitForMessages(user, 1);
      await h.deliver(h.wa.textMessage({ from: user, text: 'tea' }));
      await h.waitForMessages(user, 2);
      await h.deliver(last);
      await h.waitForMessages(user, 3);
      expect(h.texts(user)[2]).toBe('Ordered: Tea. Thank you!');
    }
  });

  it('acts once on a message delivered twice', async () => {
    const user = '595981000004';
    const payload = h.wa.textMessage({ from: user, text: 'hi', id: 'wamid.duplicate-1' });
    expect((await h.deliver(payload)).status).toBe(200);
    expect((await h.deliver(payload)).status).toBe(200);
    // Stored state, not a pause: one inbound row, handled, and exactly one reply behind it (recorded
    // as sent, so the stand-in has it: counted before that, it raced the send on a busy machine).
    const chat = await repliedChat(h.app, 'whatsapp', user);
    expect(chat.map((m) => m.direction)).toEqual(['in', 'out']);
    expect(chat[0]!.status).toBe('processed');
    expect(await inboundCount('wamid.duplicate-1')).toBe(1);
    expect(h.wa.sentMessages(user)).toHaveLength(1);
  });

  it('steps once for a message redelivered while its step runs, with no job on the road', async () => {
    const user = '595981000014';
    const payload = h.wa.textMessage({ from: user, text: 'slow redelivered', id: 'wamid.duplicate-2' });
    const answers = await Promise.all([h.deliver(payload), h.deliver(payload), h.deliver(payload)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    // Meta's answer is recorded just after the stand-in has the reply: wait for that record.
    const chat = (await repliedChat(h.app, 'whatsapp', user)).map((m) => `${m.direction} ${m.status}`);
    expect(chat).toEqual(['in processed', 'out sent']);
    expect(slowSteps.filter((s) => s.label === 'redelivered')).toHaveLength(1);
    expect(h.wa.sentMessages(user)).toHaveLength(1);
    // Run in the process that stored it (issue 29): the queue never held a job for this chat.
    const { rows } = await h.app.database.pool.query(
      `select 1 from pgboss.job where name = 'conversations.process-messages' and singleton_key like $1`,
      [`%:whatsapp:${user}`],
    );
    expect(rows).toEqual([]);
  });

  it('refuses forged and unsigned deliveries and stores nothing', async () => {
    const forged = h.wa.textMessage({ from: '595981000005', text: 'hi', id: 'wamid.forged-1' });
    const wrong = await h.deliver(forged, 'wrong');
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toMatchObject({ code: 'whatsapp.signature_invalid' });
    expect((await h.deliver(forged, 'missing')).status).toBe(401);
    expect(await inboundCount('wamid.forged-1')).toBe(0);
  });

  it('answers the webhook before the flow has replied', async () => {
    const timings: number[] = [];
    for (let i = 0; i < 5; i++) {
      const user = `59598100006${i}`;
      const payload = h.wa.textMessage({ from: user, text: `slow fast-ack-${i}` });
      const started = performance.now();
      const res = await h.deliver(payload);
      timings.push(performance.now() - started);
      expect(res.status).toBe(200);
      // the step sleeps SLOW_STEP_MS before replying: nothing may have been sent when the 200 arrives
      expect(h.wa.sentMessages(user)).toHaveLength(0);
    }
    const median = [...timings].sort((a, b) => a - b)[2]!;
    console.info(`WhatsApp webhook round trips (ms): ${timings.map((t) => t.toFixed(1)).join(', ')}`);
    // The proof is the order (no reply sent when the 200 arrives), not the round trip: on a loaded
    // machine PGlite, shared with the worker in this thread, makes any time bound a coin toss.
    expect(median).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) await h.waitForMessages(`59598100006${i}`, 1);
  });

  it("handles one contact's simultaneous messages one at a time, in order", async () => {
    const user = '595981000007';
    const labels = ['a1', 'a2', 'a3'];
    await Promise.all(labels.map((l) => h.deliver(h.wa.textMessage({ from: user, text: `slow ${l}` }))));
    await h.waitForMessages(user, 3, 10_000);
    const rows = await h.app.database.db
      .withTables<ConversationsTables>()
      .selectFrom('conversation_message')
      .innerJoin('conversation', 'conversation.id', 'conversation_message.conversation_id')
      .select(['conversation_message.payload'])
      .where('conversation.external_id', '=', user)
      .where('conversation_message.direction', '=', 'in')
      .orderBy('conversation_message.seq')
      .execute();
    const arrival = rows.map((r) => String((r.payload as { text: string }).text).slice(5));
    const steps = slowSteps.filter((s) => labels.includes(s.label));
    expect(steps.map((s) => s.label)).toEqual(arrival);
    for (let i = 1; i < steps.length; i++) expect(steps[i]!.start).toBeGreaterThanOrEqual(steps[i - 1]!.end);
    // +595 is Paraguay, and "slow a1" names no language: the flow answers in Spanish, from the country code.
    expect(h.texts(user)).toEqual(arrival.map((l) => `Paso ${l} listo.`));
  });

  it('downloads media in two steps and checks its sha256', async () => {
    const user = '595981000008';
    const bytes = Buffer.from('\x89PNG payment proof');
    await h.deliver(h.wa.imageMessage({ from: user, bytes, mimeType: 'image/png' }));
    await h.waitForMessages(user, 1);
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(h.texts(user)[0]).toBe(`Got photo: ${bytes.length} bytes, sha256 ${sha}.`);

    const tampered = h.wa.imageMessage({ from: user, bytes }) as {
      entry: Array<{ changes: Array<{ value: { messages: Array<{ image: { sha256: string } }> } }> }>;
    };
    tampered.entry[0]!.changes[0]!.value.messages[0]!.image.sha256 = createHash('sha256')
      .update('other')
      .digest('base64');
    await h.deliver(tampered);
    await h.waitForMessages(user, 2);
    expect(h.texts(user)[1]).toBe('Sorry, something went wrong. Please try again.');
  });

  it('records delivery statuses without moving backwards', async () => {
    const user = '595981000009';
    await h.deliver(h.wa.textMessage({ from: user, text: 'hi' }));
    const [sent] = await h.waitForMessages(user, 1);
    const status = () =>
      eventually(
        async () => {
          const row = (await outboundHistory(user)).find((m) => m.channel_message_id === sent!.id);
          return row?.status === 'queued' ? undefined : row?.status;
        },
        { what: `a delivery status of ${sent!.id}` },
      );
    // Meta's answer is recorded just after the stand-in has the message; a report naming only Meta's
    // id (no reference) before that record would find nothing to move.
    expect(await status()).toBe('sent');
    await h.deliver(h.wa.statusUpdate({ id: sent!.id, status: 'read', recipientId: user }));
    expect(await status()).toBe('read');
    await h.deliver(h.wa.statusUpdate({ id: sent!.id, status: 'delivered', recipientId: user }));
    expect(await status()).toBe('read');
  });

  it('answers once after a crash: a reply never claimed goes first, one cut off mid-send is settled by Meta or sent again', async () => {
    const user = '595981000031';
    await h.deliver(h.wa.textMessage({ from: user, text: 'hi' }));
    const [first] = await h.waitForMessages(user, 1);
    const conversation = await h.app.database.db
      .withTables<ConversationsTables>()
      .selectFrom('conversation')
      .select(['id', 'org_id'])
      .where('external_id', '=', user)
      .executeTakeFirstOrThrow();
    // Each send carries our message id, which Meta echoes in its status webhooks. Meta's answer is
    // recorded just after the stand-in has the message: wait for that record.
    const reply = await eventually(
      async () => {
        const [row] = await outboundMessages(user);
        return row?.status === 'sent' ? row : undefined;
      },
      { what: 'the first reply recorded as sent' },
    );
    expect(first!.body).toMatchObject({ biz_opaque_callback_data: reply!.id });
    expect(reply!.channelMessageId).toBe(first!.id);

    // What a process killed mid-chat leaves behind in the outbox: a reply whose request began (its
    // attempt claimed right before it is written, by a sender never seen again) that reached Meta, one
    // that had not, and one it had not begun to send (issue 55).
    const killedSender = randomUUID();
    const cutOff = async (text: string, status: 'sending' | 'queued' = 'sending') => {
      const now = clock.now();
      const began = status === 'sending';
      const { rows } = await h.app.database.pool.query<{ id: string }>(
        `insert into notification (org_id, channel, recipient, template, data, locale, body, attachments,
           status, attempts, next_attempt_at, claimed_at, claimed_by, urgent, created_at, payload, sent_by)
         values ($1, 'whatsapp', $2, 'chat.reply', '{}', 'en', $3, '[]', $4, $5, $6, $7, $8, true, $9,
           $10::jsonb, 'bot')
         returning id`,
        [
          conversation.org_id,
          user,
          text,
          status,
          began ? 1 : 0,
          began ? new Date(now.getTime() + 180_000) : now,
          began ? now : null,
          began ? killedSender : null,
          now,
          JSON.stringify({ kind: 'text', text }),
        ],
      );
      const id = rows[0]!.id;
      if (began)
        await h.app.database.pool.query(
          `insert into notification_attempt (org_id, notification_id, attempt, channel, provider, account,
             status, claimed_at)
           values ($1, $2, 1, 'whatsapp', 'whatsapp', 'whatsapp', 'claimed', $3)`,
          [conversation.org_id, id, now],
        );
      return { id };
    };
    const reached = await cutOff('Reached Meta before the crash');
    const lost = await cutOff('Lost in the crash');
    const notBegun = await cutOff('Never begun', 'queued');
    /** A message's status and WhatsApp id, as staff read them in the history. */
    const statusOf = async (id: string) => {
      const message = (await outboundMessages(user)).find((m) => m.id === id)!;
      return { status: message.status, channel_message_id: message.channelMessageId };
    };

    // The outbox sends the one never begun, before the answer to the new message, and neither of the
    // others (their sender stopped after their request began): either may have reached the person.
    await h.deliver(h.wa.listReply({ from: user, rowId: 'coffee', title: 'Coffee' }));
    await h.waitForMessages(user, 3);
    expect(h.texts(user).slice(1)).toEqual(['Never begun', 'Confirm one Coffee?']);
    expect((await statusOf(notBegun.id)).status).toBe('sent');
    expect(await statusOf(reached.id)).toEqual({ status: 'unconfirmed', channel_message_id: null });
    expect(await statusOf(lost.id)).toEqual({ status: 'unconfirmed', channel_message_id: null });

    // Meta reports the one it got, by our id: it is recorded under Meta's id.
    await h.deliver(
      h.wa.statusUpdate({
        id: 'wamid.lost-answer',
        status: 'sent',
        recipientId: user,
        bizOpaqueCallbackData: reached.id,
      }),
    );
    expect(await statusOf(reached.id)).toEqual({ status: 'sent', channel_message_id: 'wamid.lost-answer' });

    // A minute without a report: the other never reached Meta, and goes now, after the answer to the
    // person's next message: late rather than never (issue 55; issue 40 item 13 had it superseded).
    await h.app.deps.outbox.runOnce();
    expect(h.texts(user)).toHaveLength(3);
    clock.advance(61_000);
    await h.app.deps.outbox.runOnce();
    await eventually(async () => (await statusOf(lost.id)).status === 'sent', {
      what: 'the lost reply resent',
    });
    await h.app.deps.outbox.runOnce();
    expect(h.texts(user).slice(1)).toEqual(['Never begun', 'Confirm one Coffee?', 'Lost in the crash']);
  });

  it('sends each of several staff messages typed at once exactly once', async () => {
    const user = '595981000032';
    const { ops, id } = await staffInConversationWith(user);
    const texts = [
      'One moment please',
      'Ana will call you',
      'Your order is on its way',
      'Thanks for waiting',
    ];
    // The first send stays in flight while the other requests look for queued messages to send.
    h.wa.slowNextSends(1, 300);
    const answers = await Promise.all(
      texts.map((text) => ops.post(`/api/conversations/${id}/messages`, { text })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201]);
    await eventually(async () => (await outboundHistory(user)).every((m) => m.status === 'sent'), {
      what: 'every staff message recorded as sent',
    });
    expect(h.texts(user).slice(1).sort()).toEqual([...texts].sort());
    const history = await outboundHistory(user);
    expect(history.map((m) => m.channel_message_id).sort()).toEqual(
      h.wa
        .sentMessages(user)
        .map((m) => m.id)
        .sort(),
    );
  });

  it('sends a notification inside the window through the conversation, into its history', async () => {
    const user = '595981000012';
    await h.deliver(h.wa.textMessage({ from: user, text: 'hi' }));
    await h.waitForMessages(user, 1);
    const sent = await (await notify(user, 'Ana'))('sent');
    const [, notice] = await h.waitForMessages(user, 2);
    expect(notice!.body).toMatchObject({ type: 'text', text: { body: expect.stringContaining('Ana') } });
    expect(sent.providerMessageId).toBe(notice!.id);
    expect((await outboundHistory(user)).at(-1)).toEqual({
      sent_by: 'notifications',
      status: 'sent',
      channel_message_id: notice!.id,
    });
  });

  it("reads failed everywhere when Meta gives up on a notification it had taken: outbox, its record, the chat's history", async () => {
    const user = '595981000013';
    await h.deliver(h.wa.textMessage({ from: user, text: 'hi' }));
    await h.waitForMessages(user, 1);
    const sent = await (await notify(user, 'Bea'))('sent');
    const failed = h.wa.statusUpdate({ id: sent.providerMessageId!, status: 'failed', recipientId: user });
    // Meta retries a webhook it thinks was lost: the same report twice changes the record once.
    await h.deliver(failed);
    await h.deliver(failed);
    expect((await outboundHistory(user)).at(-1)).toMatchObject({
      sent_by: 'notifications',
      status: 'failed',
    });
    const staff = await h.app.signIn('ops@example.com');
    const record = (await staff.get(`/api/notifications/${sent.id}`)).json();
    expect(record).toMatchObject({
      status: 'failed',
      lastError: expect.stringContaining('Message undeliverable'),
    });
    expect(record.events.filter((e: { status: string }) => e.status === 'not_delivered')).toHaveLength(1);
    const listed = (await staff.get(`/api/notifications?to=%2B${user}`)).json();
    expect(listed.items.map((n: { id: string; status: string }) => [n.id, n.status])).toContainEqual([
      sent.id,
      'failed',
    ]);
  });

  it('logs a notification delivered once, when Meta reports it read before (or after) delivered', async () => {
    const user = '595981000014';
    await h.deliver(h.wa.textMessage({ from: user, text: 'hi' }));
    await h.waitForMessages(user, 1);
    const sent = await (await notify(user, 'Caro'))('sent');
    await h.deliver(h.wa.statusUpdate({ id: sent.providerMessageId!, status: 'read', recipientId: user }));
    await h.deliver(
      h.wa.statusUpdate({ id: sent.providerMessageId!, status: 'delivered', recipientId: user }),
    );
    const orgId = (await findOrganizationBySlug(h.app.database.db, 'default'))!.id;
    const record = await getNotification(h.app.deps.systemCtx(orgId, 'test'), sent.id);
    expect(record.status).toBe('sent');
    expect(record.events.filter((e) => e.status === 'delivered')).toHaveLength(1);
  });

  it("settles a notification's reports through the outbox's one entry: a lost answer echoed, delivered, failed", async () => {
    const user = '595981000015';
    await h.deliver(h.wa.textMessage({ from: user, text: 'hi' }));
    await h.waitForMessages(user, 1);
    const orgId = (await findOrganizationBySlug(h.app.database.db, 'default'))!.id;
    const ctx = h.app.deps.systemCtx(orgId, 'test');
    const outcomeOf = async (id: string) => (await messageOutcomes(ctx, [id])).get(id)?.outcome;
    // Meta carries the text and its answer is lost: unconfirmed, until Meta's `sent` echoes our id.
    h.wa.failNextSendsAfterDelivery(1);
    const reached = await (await notify(user, 'Dina'))('unconfirmed');
    const [, carried] = await h.waitForMessages(user, 2);
    await h.deliver(
      h.wa.statusUpdate({
        id: carried!.id,
        status: 'sent',
        recipientId: user,
        bizOpaqueCallbackData: reached.id,
      }),
    );
    const echoed = await getNotification(ctx, reached.id);
    expect([echoed.status, echoed.providerMessageId]).toEqual(['sent', carried!.id]);
    expect(await outcomeOf(reached.id)).toBe('waiting');
    // Delivered: what a module reads of it says so, not only its log.
    await h.deliver(h.wa.statusUpdate({ id: carried!.id, status: 'delivered', recipientId: user }));
    expect(await outcomeOf(reached.id)).toBe('delivered');
    expect(
      (await getNotification(ctx, reached.id)).events.filter((e) => e.status === 'delivered'),
    ).toHaveLength(1);
    // Another one Meta gives up on (to a second person: the fixed clock holds one person's pace): lost,
    // with Meta's words, its one attempt failed.
    const other = '595981000016';
    await h.deliver(h.wa.textMessage({ from: other, text: 'hi' }));
    await h.waitForMessages(other, 1);
    const given = await (await notify(other, 'Eli'))('sent');
    await h.deliver(
      h.wa.statusUpdate({ id: given.providerMessageId!, status: 'failed', recipientId: other }),
    );
    expect(await outcomeOf(given.id)).toBe('lost');
    const { rows } = await h.app.database.pool.query(
      'select status, failure_reason from notification_attempt where notification_id = $1',
      [given.id],
    );
    expect(rows).toEqual([{ status: 'failed', failure_reason: 'Message undeliverable (131026)' }]);
  });

  it('sends only templates more than 24 hours after the last message', async () => {
    const user = '595981000010';
    const { ops, id } = await staffInConversationWith(user);
    expect((await ops.post(`/api/conversations/${id}/messages`, { text: 'Still there?' })).statusCode).toBe(
      201,
    );

    clock.advance(25 * 60 * 60 * 1000);
    const late = await h.app.signIn('ops@example.com');
    const refused = await late.post(`/api/conversations/${id}/messages`, { text: 'Your order is ready' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'conversations.delivery_refused',
      details: { reason: 'whatsapp_window_closed' },
    });
    const template = await late.post(`/api/conversations/${id}/messages`, {
      template: { name: 'order_ready', language: 'en', fallbackText: 'Your order is ready' },
    });
    expect(template.statusCode, template.body).toBe(201);
    expect(h.wa.sentMessages(user).at(-1)!.body).toMatchObject({
      type: 'template',
      template: { name: 'order_ready' },
    });
    expect(h.wa.sentMessages(user)).toHaveLength(3);

    // The outbox goes through the same channel path: the same window, the same refusal, no retries;
    // recorded as undeliverable with the reason (staff see why, and may replay it once configured).
    const refusedNotice = await (await notify(user, 'Late'))('undeliverable');
    expect(refusedNotice.attempts).toBe(1);
    expect(refusedNotice.lastError).toMatch(/^whatsapp_window_closed: /);
    expect(refusedNotice.events.at(-1)).toMatchObject({
      status: 'undeliverable',
      detail: { permanent: true, reason: 'whatsapp_window_closed' },
    });
    expect(h.wa.sentMessages(user)).toHaveLength(3);

    // With the organization's approved template for that message, the outbox sends the template instead.
    await h.app.database.pool.query(
      `update organization set settings = jsonb_set(settings, '{whatsapp}', $1::jsonb) where slug = 'default'`,
      [
        JSON.stringify({
          templates: {
            'notifications.test_message': {
              name: 'opsdesk_test_message',
              language: { en: 'en_US', es: 'es' },
              parameters: ['name', 'orgName'],
            },
          },
        }),
      ],
    );
    const viaTemplate = await (await notify(user, 'Late again'))('sent');
    expect(viaTemplate.attempts).toBe(1);
    expect(h.wa.sentMessages(user)).toHaveLength(4);
    expect(h.wa.sentMessages(user).at(-1)!.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: user,
      // The notification's id, which Meta echoes in its status: a send whose answer was lost is still matched.
      biz_opaque_callback_data: viaTemplate.id,
      type: 'template',
      template: {
        name: 'opsdesk_test_message',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Late again' },
              { type: 'text', text: 'Rifas' },
            ],
          },
        ],
      },
    });
    // Inside the window the text goes out instead: 'sends a notification inside the window…' above.
  }, 60_000);
});

describe('WhatsApp channel without an app secret', () => {
  it('refuses every delivery instead of accepting unsigned ones', async () => {
    const bare = await startTestApp({ env: { WHATSAPP_PHONE_NUMBER_ID: h.wa.phoneNumberId } });
    try {
      const payload = JSON.stringify(
        h.wa.textMessage({ from: '595981000011', text: 'hi', id: 'wamid.nosecret' }),
      );
      const res = await bare.http.inject({
        method: 'POST',
        url: '/webhooks/whatsapp',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
        payload,
      });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'whatsapp.webhook_disabled' });
      const rows = await bare.database.db
        .withTables<ConversationsTables>()
        .selectFrom('conversation_message')
        .select('id')
        .execute();
      expect(rows).toHaveLength(0);
      const handshake = await bare.http.inject({
        method: 'GET',
        url: '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=&hub.challenge=1',
      });
      expect(handshake.statusCode).toBe(403);
    } finally {
      await bare.close();
    }
  });
});
