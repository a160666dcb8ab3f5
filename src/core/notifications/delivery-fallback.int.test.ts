import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { defineModule } from '../modules/index.ts';
import { getOrganization, updateOrganization } from '../orgs/index.ts';
import { enqueueNotification } from './enqueue-notification.ts';
import { ENDED, emitNotificationOutcome, type NotificationOutcomeEvent } from './message-outcome.ts';
import type { ChannelName } from './notifications.rules.ts';
import type { NotificationTables } from './notifications.tables.ts';
import { defineTemplate, listed } from './templates.ts';

/*
 * Delivery policy as data (issue 75): a template declares its fallback, core queues it when the
 * message is lost, in the transaction that records the loss, and the module hears of it on the outcome.
 * The SMS channel is the real one: configured for an organization by its own account in its settings.
 */
const pickupText = defineTemplate<{ parcel: string }>({
  key: 'courier.pickup_sms',
  data: z.object({ parcel: z.string() }),
  body: (_locale, d) => `Parcel ${d.parcel} is ready for pickup.`,
});
const pickup = defineTemplate<{ parcel: string; desk: string }>({
  key: 'courier.pickup',
  data: z.object({ parcel: z.string(), desk: z.string() }),
  body: (_locale, d) => `Your parcel ${d.parcel} waits at desk ${d.desk}.`,
  fallback: {
    channel: 'sms',
    template: listed(pickupText),
    data: (d) => ({ parcel: d.parcel.toUpperCase() }),
    // The organization's own setting, as a module keeps one (`raffle.smsFallback`).
    when: async (ctx) => (await getOrganization(ctx)).settings.courier !== 'quiet',
  },
});

/** What the module heard of its messages' ends, in order. */
const heard: NotificationOutcomeEvent[] = [];
const courier = defineModule({
  name: 'courier',
  templates: [listed(pickup), listed(pickupText)],
  hooks: { notificationOutcome: { [pickup.key]: async (_tx, _rt, event) => void heard.push(event) } },
});

let app: TestApp;
let texting: Ctx;
let silent: Ctx;
beforeAll(async () => {
  app = await startTestApp({ modules: [courier] });
  texting = app.deps.systemCtx(await app.createOrg('texting', 'owner@texting.example'), 'test');
  silent = app.deps.systemCtx(await app.createOrg('silent', 'owner@silent.example'), 'test');
  // Its own Africa's Talking account: the SMS channel can send for this organization (none is sent here).
  await updateOrganization(texting, { settings: { sms: { username: 'courier', apiKey: 'at-key' } } });
}, 60_000);
afterAll(() => app?.close());

let people = 0;
/** A pickup notice queued on `channel` to a new person; answers its id and the address it went to. */
async function queuePickup(ctx: Ctx, channel: ChannelName = 'whatsapp') {
  const number = `25078800${String(++people).padStart(4, '0')}`;
  const to = channel === 'telegram' ? String(700_000 + people) : number;
  const { notification } = await enqueueNotification(ctx, app.jobs, {
    channel,
    to,
    template: pickup,
    data: { parcel: 'ab-12', desk: '4' },
    locale: 'es',
    idempotencyKey: `courier.pickup:${people}`,
  });
  return { id: notification.id, number };
}

/** Records the end of a message as the outbox does: the statement that ends it, and its outcome, in `tx`. */
async function end(tx: Ctx, id: string, outcome: 'lost' | 'delivered'): Promise<void> {
  const ended = await tx.db
    .withTables<NotificationTables>()
    .updateTable('notification')
    .set({ status: outcome === 'lost' ? 'failed' : 'sent', last_error: outcome === 'lost' ? 'gone' : null })
    .where('id', '=', id)
    .returning(ENDED)
    .executeTakeFirstOrThrow();
  await emitNotificationOutcome(tx, ended, outcome, outcome === 'lost' ? 'not_delivered: gone' : null);
}
const endIn = (ctx: Ctx, id: string, outcome: 'lost' | 'delivered') =>
  inTransaction(ctx, (tx) => end(tx, id, outcome));

const textsTo = (ctx: Ctx, phone: string) =>
  ctx.db
    .withTables<NotificationTables>()
    .selectFrom('notification')
    .select(['id', 'template', 'body', 'locale', 'status', 'idempotency_key'])
    .where('channel', '=', 'sms')
    .where('recipient', '=', phone)
    .execute();
const statusOf = async (ctx: Ctx, id: string) =>
  (
    await ctx.db
      .withTables<NotificationTables>()
      .selectFrom('notification')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).status;
const heardOf = (id: string) => heard.filter((e) => e.notificationId === id);

class RolledBack extends Error {
  constructor(readonly textsInside: number) {
    super('rolled back');
  }
}

describe('a lost message whose template declares a fallback', () => {
  it('is texted once, in the transaction that records the loss, and the module is told', async () => {
    const { id, number } = await queuePickup(texting);
    // The loss and its text commit together: seen inside its transaction, gone with its rollback.
    const rolledBack = await inTransaction(texting, async (tx) => {
      await end(tx, id, 'lost');
      throw new RolledBack((await textsTo(tx, `+${number}`)).length);
    }).catch((err: unknown) => err);
    expect(rolledBack).toMatchObject({ textsInside: 1 });
    expect(await textsTo(texting, `+${number}`)).toEqual([]);
    expect(await statusOf(texting, id)).toBe('queued');

    await endIn(texting, id, 'lost');
    const texts = await textsTo(texting, `+${number}`);
    expect(texts).toMatchObject([
      {
        template: 'courier.pickup_sms',
        body: 'Parcel AB-12 is ready for pickup.',
        locale: 'es',
        status: 'queued',
        idempotency_key: `notifications.fallback:${id}`,
      },
    ]);
    expect(heardOf(id).at(-1)).toMatchObject({
      outcome: 'lost',
      fallback: { notificationId: texts[0]!.id, channel: 'sms' },
    });

    // Ended again (staff sent it again, and it was lost again): no second text, nothing new to tell.
    await endIn(texting, id, 'lost');
    expect(await textsTo(texting, `+${number}`)).toHaveLength(1);
    expect(heardOf(id).at(-1)).toMatchObject({ outcome: 'lost' });
    expect(heardOf(id).at(-1)).not.toHaveProperty('fallback');
  });

  it('is not texted where the organization has not configured SMS', async () => {
    const { id, number } = await queuePickup(silent);
    await endIn(silent, id, 'lost');
    expect(await textsTo(silent, `+${number}`)).toEqual([]);
    expect(heardOf(id)).toHaveLength(1);
    expect(heardOf(id)[0]).not.toHaveProperty('fallback');
  });

  it('is not texted while the organization does not want it (`when`)', async () => {
    await updateOrganization(texting, { settings: { courier: 'quiet' } });
    try {
      const { id, number } = await queuePickup(texting);
      await endIn(texting, id, 'lost');
      expect(await textsTo(texting, `+${number}`)).toEqual([]);
      expect(heardOf(id)[0]).not.toHaveProperty('fallback');
    } finally {
      await updateOrganization(texting, { settings: { courier: 'texts' } });
    }
  });

  it('is not texted when it was delivered', async () => {
    const { id, number } = await queuePickup(texting);
    await endIn(texting, id, 'delivered');
    expect(await textsTo(texting, `+${number}`)).toEqual([]);
    expect(heardOf(id)).toMatchObject([{ outcome: 'delivered' }]);
    expect(heardOf(id)[0]).not.toHaveProperty('fallback');
  });

  it('is not texted when its address names no phone (a Telegram chat)', async () => {
    const { id } = await queuePickup(texting, 'telegram');
    await endIn(texting, id, 'lost');
    const all = await texting.db
      .withTables<NotificationTables>()
      .selectFrom('notification')
      .select('id')
      .where('idempotency_key', '=', `notifications.fallback:${id}`)
      .execute();
    expect(all).toEqual([]);
    expect(heardOf(id)[0]).not.toHaveProperty('fallback');
  });
});
