import { z } from 'zod';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import { createI18n } from '../../core/i18n/index.ts';
import {
  defineTemplate,
  enqueueNotification,
  type NotificationTemplate,
} from '../../core/notifications/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import { raffleNotifyCatalog } from './raffle.notify.catalog.ts';
import { smsFallbackFor } from './raffle.sms.ts';
import type { RaffleTables } from './raffle.tables.ts';

/** The buyer's messages in the buyer's language (English when the raffle does not speak it). */
const raffleNotify = createI18n({ catalogs: { 'raffle-notify': raffleNotifyCatalog } });

const KEYS = [
  'order_paid',
  'hold_expired',
  'hold_reminder',
  'proof_denied',
  'order_cancelled',
  'order_refunded',
  'announcement',
  'winner',
] as const;

export type RaffleTemplate = `raffle.${(typeof KEYS)[number]}`;

/**
 * The approved WhatsApp template each message needs outside the buyer's 24-hour window: its
 * suggested name at Meta and the data fields of its {{1}}, {{2}}… (texts in docs/whatsapp-templates.md).
 */
const CHAT_TEMPLATES: Record<RaffleTemplate, { name: string; parameters: string[] }> = {
  'raffle.order_paid': { name: 'raffle_order_paid', parameters: ['raffle', 'numbers'] },
  'raffle.hold_expired': { name: 'raffle_hold_expired', parameters: ['numbers', 'raffle'] },
  'raffle.hold_reminder': { name: 'raffle_hold_reminder', parameters: ['numbers', 'raffle', 'until'] },
  'raffle.proof_denied': { name: 'raffle_proof_denied', parameters: ['numbers', 'reason'] },
  'raffle.order_cancelled': { name: 'raffle_order_cancelled', parameters: ['numbers', 'raffle'] },
  'raffle.order_refunded': {
    name: 'raffle_order_refunded',
    parameters: ['amount', 'numbers', 'raffle', 'reason'],
  },
  'raffle.announcement': { name: 'raffle_announcement', parameters: ['raffle', 'message'] },
  'raffle.winner': { name: 'raffle_winner', parameters: ['number', 'prize', 'raffle'] },
};

/** What staff type for the buyer (a refund's or a rejected proof's reason, an announcement): fitted, without links. */
const STAFF_TEXT: Partial<Record<RaffleTemplate, string[]>> = {
  'raffle.proof_denied': ['reason'],
  'raffle.order_refunded': ['reason'],
  'raffle.announcement': ['message'],
};

const TEMPLATES = Object.fromEntries(
  KEYS.map((name) => [
    `raffle.${name}`,
    defineTemplate<Record<string, string>>({
      key: `raffle.${name}`,
      data: z.record(z.string(), z.string()),
      ...(STAFF_TEXT[`raffle.${name}`] ? { staffText: STAFF_TEXT[`raffle.${name}`] } : {}),
      // WhatsApp only: a chat message has no subject.
      body: (locale, d) => raffleNotify.t(locale, `raffle-notify:${name}`, d),
      chatTemplate: CHAT_TEMPLATES[`raffle.${name}`],
      // Texted when WhatsApp cannot deliver it (an order's outcome, a won prize; issue 65).
      fallback: smsFallbackFor(`raffle.${name}`),
    }),
  ]),
) as Record<RaffleTemplate, NotificationTemplate<Record<string, string>>>;

/** The messages the raffle module sends, declared in its definition. */
export const raffleTemplates = Object.values(TEMPLATES) as NotificationTemplate<never>[];

/**
 * Queues a WhatsApp message to a buyer in the caller's transaction (it goes out only if the change
 * commits); `key` makes a retried job or hook send it once. A message about an order (`orderId`)
 * is linked to it, so the order shows where it stands. Buyers without WhatsApp are skipped (null).
 */
export async function notifyBuyer(
  ctx: Ctx,
  jobs: JobQueue,
  args: {
    buyerId: string;
    template: RaffleTemplate;
    data: Record<string, string>;
    key: string;
    orderId?: string;
  },
): Promise<string | null> {
  return inTransaction(ctx, async (tx) => {
    const db = tx.db.withTables<RaffleTables>();
    const buyer = await db
      .selectFrom('raffle_buyer')
      .select(['wa_id', 'contact_id', 'language'])
      .where('id', '=', args.buyerId)
      .executeTakeFirst();
    if (!buyer?.wa_id) return null;
    const { notification } = await enqueueNotification(tx, jobs, {
      channel: 'whatsapp',
      to: buyer.wa_id,
      contactId: buyer.contact_id,
      template: TEMPLATES[args.template],
      data: args.data,
      locale: buyer.language,
      idempotencyKey: args.key,
    });
    if (args.orderId)
      await db
        .insertInto('raffle_order_notification')
        .values({
          order_id: args.orderId,
          notification_id: notification.id,
          key: args.key,
          created_at: tx.clock.now(),
        })
        .onConflict((oc) => oc.columns(['org_id', 'notification_id']).doNothing())
        .execute();
    return notification.id;
  });
}

export const numberList = (numbers: number[]) => [...numbers].sort((a, b) => a - b).join(', ');

/**
 * Tells an order's buyer what became of it (`template` reads the raffle's title and the numbers),
 * once per order and template.
 */
export async function notifyOrderBuyer(
  ctx: Ctx,
  jobs: JobQueue,
  order: { id: string; raffle_id: string; buyer_id: string; numbers: number[] },
  template: 'raffle.order_paid' | 'raffle.hold_expired' | 'raffle.order_cancelled',
): Promise<string | null> {
  const raffle = await ctx.db
    .withTables<RaffleTables>()
    .selectFrom('raffle_raffle')
    .select('title')
    .where('id', '=', order.raffle_id)
    .executeTakeFirstOrThrow();
  return notifyBuyer(ctx, jobs, {
    buyerId: order.buyer_id,
    template,
    data: { raffle: raffle.title, numbers: numberList(order.numbers) },
    key: `${template}:${order.id}`,
    orderId: order.id,
  });
}
