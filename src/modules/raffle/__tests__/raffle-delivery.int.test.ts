import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRaffle } from '../../../../test/factories/raffle.ts';
import { eventually } from '../../../../test/support/eventually.ts';
import type { ApiClient } from '../../../../test/support/test-app.ts';
import { shiftableClock } from '../../../../test/support/test-clock.ts';
import { type RaffleHarness, startRaffleApp } from './raffle-harness.ts';

const DAY = 24 * 60 * 60_000;
const BUYER = '595981800001';
const clock = shiftableClock();
let h: RaffleHarness;
/** Staff signed in after the clock moved (the sessions of the day before have run out). */
let ops: ApiClient;
let owner: ApiClient;

beforeAll(async () => {
  h = await startRaffleApp({ clock });
  // Messages to one buyer go at once: the pace is not under test, and a paced retry would be
  // scheduled on this clock, a day ahead of the database's.
  expect(
    (await h.owner.patch('/api/org', { settings: { notifications: { paceMs: { whatsapp: 0 } } } }))
      .statusCode,
  ).toBe(200);
}, 60_000);
afterAll(async () => h?.close());

/** Staff take a phone order for the buyer and confirm it paid in cash; answers the confirm. */
async function sellByPhone(raffleId: string, number: number) {
  const reserved = await ops.post(`/api/raffle/raffles/${raffleId}/reservations`, {
    waId: BUYER,
    numbers: [number],
  });
  expect(reserved.statusCode, reserved.body).toBe(201);
  const confirmed = await ops.post(`/api/raffle/orders/${reserved.json().id}/confirm`);
  expect(confirmed.statusCode, confirmed.body).toBe(200);
  return confirmed.json();
}
const notificationStatus = async (id: string, status: string) =>
  eventually(async () => (await ops.get(`/api/notifications/${id}`)).json().status === status, {
    what: `notification ${id} to be ${status}`,
  });
const templates = async () =>
  (await ops.get('/api/raffle/whatsapp-templates')).json() as Array<{
    template: string;
    missing: string[];
  }>;

describe('a confirmation the buyer cannot receive', () => {
  it('is reported on the staff answer and on the order, and goes as the approved template once configured', async () => {
    await h.say(BUYER, 'hola'); // the buyer's last message; the bot answers
    const raffle = await createRaffle(h.app, { title: 'Rifa Navidad' });
    clock.advance(DAY + 60 * 60_000); // a day and an hour later, the buyer calls to buy a number
    ops = await h.app.signIn('ops@example.com');
    owner = await h.app.signIn('owner@example.com');
    const sentBefore = h.wa.sentMessages(BUYER).length;

    const first = await sellByPhone(raffle.id, 7);
    expect(first.status).toBe('paid');
    const notDelivered = {
      template: 'raffle.order_paid',
      channel: 'whatsapp',
      state: 'not_deliverable',
      reason: 'whatsapp_window_closed',
      configure: {
        template: 'raffle.order_paid',
        suggestedName: 'raffle_order_paid',
        parameters: ['raffle', 'numbers'],
        setting: 'whatsapp.templates["raffle.order_paid"]',
        docs: 'docs/whatsapp-templates.md',
      },
    };
    expect(first.delivery).toMatchObject([notDelivered]);
    // The outbox comes to the same answer when its turn comes, and the order keeps showing it.
    await notificationStatus(first.delivery[0].notificationId, 'undeliverable');
    expect((await ops.get(`/api/raffle/orders/${first.id}`)).json().delivery).toMatchObject([notDelivered]);
    expect(h.wa.sentMessages(BUYER)).toHaveLength(sentBefore);
    expect((await templates()).find((t) => t.template === 'raffle.order_paid')?.missing).toEqual([
      'es',
      'en',
    ]);

    const configured = await owner.patch('/api/org', {
      settings: {
        whatsapp: {
          templates: {
            'raffle.order_paid': {
              name: 'raffle_order_paid',
              language: { es: 'es', en: 'en_US' },
              parameters: ['raffle', 'numbers'],
            },
          },
        },
      },
    });
    expect(configured.statusCode, configured.body).toBe(200);
    expect((await templates()).find((t) => t.template === 'raffle.order_paid')?.missing).toEqual([]);

    const second = await sellByPhone(raffle.id, 12);
    // The worker may have claimed it between the sale's commit and its answer: queued or already sending.
    expect(second.delivery).toMatchObject([
      {
        template: 'raffle.order_paid',
        state: expect.stringMatching(/^(queued|sending)$/),
        reason: null,
        configure: null,
      },
    ]);
    await notificationStatus(second.delivery[0].notificationId, 'sent');
    expect(h.wa.sentMessages(BUYER)).toHaveLength(sentBefore + 1);
    expect(h.wa.sentMessages(BUYER).at(-1)!.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: BUYER,
      // Our notification's id, which Meta echoes in its status reports (an ambiguous send is settled by them).
      biz_opaque_callback_data: expect.any(String),
      type: 'template',
      template: {
        name: 'raffle_order_paid',
        language: { code: 'es' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Rifa Navidad' },
              { type: 'text', text: '12' },
            ],
          },
        ],
      },
    });
    expect((await ops.get(`/api/raffle/orders/${second.id}`)).json().delivery).toMatchObject([
      { template: 'raffle.order_paid', state: 'sent', reason: null },
    ]);
  }, 90_000);
});
