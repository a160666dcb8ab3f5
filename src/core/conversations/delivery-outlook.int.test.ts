import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { Ctx } from '../context/index.ts';
import { defineTemplate, enqueueNotification, type NotificationTables } from '../notifications/index.ts';
import { findOrganizationBySlug } from '../orgs/index.ts';
import type { MessageChannel } from './channel.types.ts';
import { deliveryOutlooks } from './delivery-outlook.ts';

/*
 * What staff read on the record that caused a message, while the outbox works on it. A chat channel
 * with a 24-hour window and no approved templates: the person never wrote, so every message to them
 * will be refused, and should read so from the moment it is queued until the outbox records it.
 */
const notice = defineTemplate<{ raffle: string }>({
  key: 'notifications.test_notice',
  data: z.object({ raffle: z.string() }),
  subject: () => 'Notice',
  body: (_locale, d) => `Your numbers in ${d.raffle} are paid.`,
});
const chat: MessageChannel = {
  name: 'whatsapp',
  pace: { perRecipientMs: 0 },
  serviceWindowMs: 24 * 60 * 60_000,
  async send() {
    throw new Error('the outlook never sends');
  },
};

let app: TestApp;
let ctx: Ctx;
beforeAll(async () => {
  app = await startTestApp();
  ctx = app.deps.systemCtx((await findOrganizationBySlug(app.database.db, 'default'))!.id, 'test');
}, 60_000);
afterAll(() => app?.close());

let people = 0;
const outlookWhile = async (status: 'queued' | 'sending', attempts = 0) => {
  const { notification } = await enqueueNotification(ctx, app.jobs, {
    channel: 'whatsapp',
    to: `59598180${String(++people).padStart(4, '0')}`,
    template: notice,
    data: { raffle: 'Rifa' },
    locale: 'es',
  });
  await ctx.db
    .withTables<NotificationTables>()
    .updateTable('notification')
    .set({ status, attempts })
    .where('id', '=', notification.id)
    .execute();
  const [outlook] = await deliveryOutlooks(ctx, { chatChannels: [chat], templates: [] }, [notification.id]);
  return outlook;
};

describe('a message the channel will refuse', () => {
  it.each([
    ['queued', 0],
    ['sending', 1],
    ['queued', 1],
  ] as const)('reads not deliverable while %s after %i attempts', async (status, attempts) => {
    expect(await outlookWhile(status, attempts)).toMatchObject({
      state: 'not_deliverable',
      reason: 'whatsapp_window_closed',
    });
  });
});
