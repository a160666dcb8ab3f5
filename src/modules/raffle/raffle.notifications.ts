import { z } from 'zod';
import { type Ctx, inTransaction } from '../../core/context/index.ts';
import type { Locale } from '../../core/i18n/index.ts';
import {
  defineTemplate,
  enqueueNotification,
  type NotificationTemplate,
} from '../../core/notifications/index.ts';
import type { JobQueue } from '../../platform/jobs/index.ts';
import type { RaffleTables } from './raffle.tables.ts';

type Texts = Record<'en' | 'es', (d: Record<string, string>) => string>;

const TEXTS = {
  'raffle.order_paid': {
    en: (d) => `Payment confirmed for "${d.raffle}". Your tickets: ${d.numbers}. Good luck!`,
    es: (d) => `Pago confirmado para "${d.raffle}". Tus boletos: ${d.numbers}. ¡Suerte!`,
  },
  'raffle.hold_expired': {
    en: (d) =>
      `Your hold on tickets ${d.numbers} for "${d.raffle}" expired and they were released. Write "menu" to start again.`,
    es: (d) =>
      `Tu reserva de los boletos ${d.numbers} de "${d.raffle}" venció y fueron liberados. Escribe "menu" para empezar de nuevo.`,
  },
  'raffle.hold_reminder': {
    en: (d) =>
      `Reminder: your tickets ${d.numbers} for "${d.raffle}" are held until ${d.until}. Send your payment proof before then.`,
    es: (d) =>
      `Recordatorio: tus boletos ${d.numbers} de "${d.raffle}" están reservados hasta las ${d.until}. Envía tu comprobante antes.`,
  },
  'raffle.proof_denied': {
    en: (d) =>
      `Your payment proof for tickets ${d.numbers} was not accepted: ${d.reason}. You may send another one.`,
    es: (d) =>
      `Tu comprobante para los boletos ${d.numbers} no fue aceptado: ${d.reason}. Puedes enviar otro.`,
  },
  'raffle.order_cancelled': {
    en: (d) => `Your order for tickets ${d.numbers} of "${d.raffle}" was cancelled and the tickets released.`,
    es: (d) =>
      `Tu pedido de los boletos ${d.numbers} de "${d.raffle}" fue cancelado y los boletos liberados.`,
  },
  'raffle.announcement': {
    en: (d) => `News about "${d.raffle}": ${d.message}`,
    es: (d) => `Novedades de "${d.raffle}": ${d.message}`,
  },
  'raffle.winner': {
    en: (d) => `Congratulations! Your ticket ${d.number} won "${d.prize}" in "${d.raffle}".`,
    es: (d) => `¡Felicidades! Tu boleto ${d.number} ganó "${d.prize}" en "${d.raffle}".`,
  },
} satisfies Record<string, Texts>;

export type RaffleTemplate = keyof typeof TEXTS;

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
  'raffle.announcement': { name: 'raffle_announcement', parameters: ['raffle', 'message'] },
  'raffle.winner': { name: 'raffle_winner', parameters: ['number', 'prize', 'raffle'] },
};

const text = (locale: Locale, t: Texts, d: Record<string, string>) => (locale === 'es' ? t.es(d) : t.en(d));

const TEMPLATES = Object.fromEntries(
  (Object.entries(TEXTS) as Array<[RaffleTemplate, Texts]>).map(([key, texts]) => [
    key,
    defineTemplate<Record<string, string>>({
      key,
      data: z.record(z.string(), z.string()),
      // WhatsApp only: a chat message has no subject.
      body: (locale, d) => text(locale, texts, d),
      chatTemplate: CHAT_TEMPLATES[key],
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
