import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { menuTestModule } from '../../../../test/fixtures/menu-flow/menu.module.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import { storedChat } from '../../../../test/support/stored-chat.ts';
import { TEST_MODULES } from '../../../../test/support/template-sources.ts';
import { startWhatsAppApp, type WhatsAppApp } from '../../../../test/support/whatsapp-app.ts';
import {
  enqueueNotification,
  getNotification,
  messageOutcomes,
  type NotificationInput,
  testMessageTemplate,
} from '../../../core/notifications/index.ts';
import { findOrganizationBySlug } from '../../../core/orgs/index.ts';
import { fixedClock } from '../../../platform/clock/index.ts';

const APP_SECRET = 'wa-app-secret-for-report-tests';
let h: WhatsAppApp;

beforeAll(async () => {
  h = await startWhatsAppApp({
    appSecret: APP_SECRET,
    flow: 'menu-test',
    modules: [...TEST_MODULES, menuTestModule],
    clock: fixedClock(new Date()),
  });
});
afterAll(async () => h.close());

/** A notification sent to `user` inside the window (so it is in the chat's history), once `sent`. */
async function sentNotification(user: string) {
  await h.deliver(h.wa.textMessage({ from: user, text: 'hi' }));
  await h.waitForMessages(user, 1);
  const orgId = (await findOrganizationBySlug(h.app.database.db, 'default'))!.id;
  const ctx = h.app.deps.systemCtx(orgId, 'test');
  const input: NotificationInput = {
    channel: 'whatsapp',
    to: `+${user}`,
    template: testMessageTemplate as NotificationInput['template'],
    data: { name: 'Fede', orgName: 'Rifas' },
    locale: 'en',
  };
  const { id } = (await enqueueNotification(ctx, h.app.jobs, input)).notification;
  const sent = await eventually(
    async () => {
      const n = await getNotification(ctx, id);
      return n.status === 'sent' ? n : undefined;
    },
    { what: `notification ${id} to be sent` },
  );
  return { ctx, id, wamid: sent.providerMessageId! };
}

/** Where a notification stands in the chat's history (as staff read it), its attempts and its record. */
async function standing(
  ctx: Awaited<ReturnType<typeof sentNotification>>['ctx'],
  id: string,
  wamid: string,
  user: string,
) {
  const pool = h.app.database.pool;
  const history = (await storedChat(h.app, 'whatsapp', user)).filter((m) => m.channelMessageId === wamid);
  const attempts = await pool.query<{ status: string }>(
    'select status from notification_attempt where notification_id = $1 order by attempt',
    [id],
  );
  const record = await getNotification(ctx, id);
  return {
    history: history.map((m) => m.status),
    attempts: attempts.rows.map((r) => r.status),
    delivered: record.events.filter((e) => e.status === 'delivered').length,
    outcome: (await messageOutcomes(ctx, [id])).get(id)?.outcome,
  };
}

describe('a WhatsApp status report', () => {
  it("moves the chat's history and the attempt together: a failed write moves neither, and Meta's redelivery settles both", async () => {
    const user = '595981000075';
    const { ctx, id, wamid } = await sentNotification(user);
    const before = await standing(ctx, id, wamid, user);
    expect(before).toEqual({ history: ['sent'], attempts: ['accepted'], delivered: 0, outcome: 'waiting' });

    // The attempt's move fails (a constraint refuses it), after the message's ticks were written in
    // the same report's transaction.
    const pool = h.app.database.pool;
    await pool.query(
      `alter table notification_attempt add constraint test_refuses_delivered
         check (status <> 'delivered' or notification_id <> '${id}') not valid`,
    );
    const delivered = h.wa.statusUpdate({ id: wamid, status: 'delivered', recipientId: user });
    const refused = await h.deliver(delivered);
    expect(refused.status).toBe(500);
    expect(await standing(ctx, id, wamid, user)).toEqual(before);

    // Meta delivers the same report again, once the outbox can take it: both settle, once.
    await pool.query('alter table notification_attempt drop constraint test_refuses_delivered');
    expect((await h.deliver(delivered)).status).toBe(200);
    expect(await standing(ctx, id, wamid, user)).toEqual({
      history: ['delivered'],
      attempts: ['delivered'],
      delivered: 1,
      outcome: 'delivered',
    });
  });
});
