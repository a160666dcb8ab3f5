import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle } from '../../../../test/factories/raffle.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { sendDueNow } from '../../../../test/support/jobs.ts';
import { storedChat } from '../../../../test/support/stored-chat.ts';
import {
  enqueueNotification,
  getNotification,
  type NotificationInput,
  testMessageTemplate,
} from '../../../core/notifications/index.ts';
import { fixedClock } from '../../../platform/clock/index.ts';
import { APP_SECRET, type RaffleHarness, startRaffleApp } from './raffle-harness.ts';

// Issue 26: the raffle bot over a WhatsApp Cloud API that hangs, answers 5xx after taking a message,
// refuses one for now, or asks to slow down; what counts is what the buyer received.

/** The bounded time of a Graph call in this app (the table's default is 10 s). */
const TIMEOUT_MS = 1_500;
// Stands still unless a test moves it: report windows and back-offs pass only when the test says so.
const clock = fixedClock(new Date());
let h: RaffleHarness;

beforeAll(async () => {
  h = await startRaffleApp({ clock, env: { OPSDESK_OUTSIDE_CALL_TIMEOUTS: `whatsapp=${TIMEOUT_MS}` } });
  await createRaffle(h.app, { title: 'Rifa del Club', maxNumber: 30 });
  // Meta posts a signed `sent` status for each message it took, echoing biz_opaque_callback_data.
  h.wa.reportStatusesTo({ to: h.hook, appSecret: APP_SECRET });
});
afterAll(async () => h.close());

/** The bot's replies to `to` in the history (the outbox's rows to them, in the chat's words), oldest first. */
const replies = async (to: string) =>
  (await storedChat(h.app, 'whatsapp', to)).filter((m) => m.direction === 'out');
const countOf = (to: string, text: string) => h.texts(to).filter((t) => t === text).length;

describe('the raffle bot when WhatsApp fails on the wire', () => {
  it("settles a reply Meta took but answered 500 by Meta's report, and sends again only one Meta never took", async () => {
    const u = '595981300001';
    await h.say(u, 'hola');
    // Meta's report comes later than a sender's quick retry would.
    h.wa.reportStatusesTo({ to: h.hook, appSecret: APP_SECRET, delayMs: 6_000 });
    h.wa.failNextSendsAfterDelivery(1, 500);
    await h.deliver(h.wa.textMessage({ from: u, text: 'rifas' }));
    const [, list] = await h.waitForCount(u, 2);
    const took = h.wa.sentMessages(u)[1]!;
    await eventually(
      async () => {
        const reply = (await replies(u))[1];
        return reply?.status === 'sent' && reply.channelMessageId === took.id;
      },
      { what: "the reply recorded under the wamid of Meta's report" },
    );
    h.wa.reportStatusesTo({ to: h.hook, appSecret: APP_SECRET });
    expect(h.wa.sentMessages(u)).toHaveLength(2);
    // Long past the report window, the sweep finds nothing to send again.
    clock.advance(120_000);
    await h.app.deps.outbox.runOnce();
    expect(h.wa.sentMessages(u)).toHaveLength(2);

    // A 500 Meta answered without taking the message: no report comes, and after the window it goes, once.
    h.wa.failNextSends(1, 500);
    await h.deliver(h.wa.textMessage({ from: u, text: 'rifas' }));
    await eventually(async () => (await replies(u))[2]?.status === 'unconfirmed', {
      what: 'the unanswered reply recorded as unconfirmed',
    });
    expect(h.wa.sentMessages(u)).toHaveLength(2);
    clock.advance(61_000);
    await h.app.deps.outbox.runOnce();
    await h.waitForCount(u, 3);
    await eventually(async () => (await replies(u))[2]?.status === 'sent', { what: 'the resent reply' });
    await h.app.deps.outbox.runOnce();
    expect(h.wa.sentMessages(u)).toHaveLength(3);
    expect(countOf(u, list!)).toBe(2);
  });

  it('gives up a hung send within its timeout; Meta took it, so the buyer gets it once and the chat goes on', async () => {
    const u = '595981300002';
    await h.say(u, 'hola');
    h.wa.hangNextSends(1);
    const started = performance.now();
    await h.deliver(h.wa.textMessage({ from: u, text: 'rifas' }));
    await h.waitForCount(u, 2);
    // The next step is answered once the hung send is given up, not after the old 10 s or grammY's 500 s.
    const [details] = await h.say(u, '1');
    const elapsedMs = performance.now() - started;
    console.info(`WhatsApp: hung send given up, next step answered after ${elapsedMs.toFixed(0)} ms`);
    expect(details).toMatch(/libres/);
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + 5_000);
    clock.advance(120_000);
    await h.app.deps.outbox.runOnce();
    await eventually(async () => (await replies(u)).every((r) => r.status === 'sent'), {
      what: 'every reply recorded as sent',
    });
    expect(h.wa.sentMessages(u)).toHaveLength(3);
  });

  it("waits Meta's pair rate limit for that buyer only, on the app's clock, and never drops the reply", async () => {
    const u = '595981300003';
    const other = '595981300004';
    await h.say(u, 'hola');
    await h.say(other, 'hola');
    h.wa.failNextSends(1, 131056);
    await h.deliver(h.wa.textMessage({ from: u, text: 'rifas' }));
    await eventually(async () => (await replies(u))[1]?.status === 'queued', {
      what: 'the throttled reply waiting in the queue',
    });
    // Another buyer of the same number is not held.
    const [list] = await h.say(other, 'rifas');
    expect(list).toContain('Rifa del Club');
    expect(h.wa.sentMessages(u)).toHaveLength(1);
    // The reply waits in the outbox: a pass of its dispatcher before the back-off on the app's clock
    // sends nothing.
    await h.app.deps.outbox.runOnce();
    expect(h.wa.sentMessages(u)).toHaveLength(1);
    expect(await replies(u)).toMatchObject([{ status: 'sent' }, { status: 'queued' }]);
    clock.advance(6_000);
    await h.waitForCount(u, 2);
    expect(h.texts(u)[1]).toContain('Rifa del Club');
    await eventually(async () => (await replies(u)).every((r) => r.status === 'sent'), {
      what: 'both replies recorded as sent',
    });
    expect(h.wa.sentMessages(u)).toHaveLength(2);
  });

  it("settles a notification Meta took but answered 500 by Meta's report, never sending it twice", async () => {
    const u = '595981300005';
    await h.say(u, 'hola');
    h.wa.failNextSendsAfterDelivery(1, 500);
    const { id } = (
      await enqueueNotification(h.ctx, h.app.jobs, {
        channel: 'whatsapp',
        to: `+${u}`,
        template: testMessageTemplate as NotificationInput['template'],
        data: { name: 'Lucía', orgName: 'Rifas' },
        locale: 'es',
      })
    ).notification;
    const settled = await eventually(
      async () => {
        const n = await getNotification(h.ctx, id);
        return n.status === 'sent' && n;
      },
      { what: "the notification settled by Meta's report" },
    );
    const notice = h.wa.sentMessages(u).find((m) => m.body.biz_opaque_callback_data === id)!;
    expect(settled.providerMessageId).toBe(notice.id);
    // Long after any retry would have been due, the outbox finds nothing to send again.
    clock.advance(6 * 60 * 60_000);
    expect((await sendDueNow(h.app, h.ctx, id)).status).toBe('skipped');
    expect(h.wa.sentMessages(u).filter((m) => m.body.biz_opaque_callback_data === id)).toHaveLength(1);
    expect(h.texts(u).filter((t) => t.includes('Lucía'))).toHaveLength(1);
  });
});
