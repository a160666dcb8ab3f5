import { recordAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import {
  enqueueNotification,
  getNotification,
  type NotificationOutcomeEvent,
} from '../../core/notifications/index.ts';
import type { RaffleRuntime } from './raffle.runtime.ts';
import { raffleSettingsOf } from './raffle.settings.ts';
import { SMS_BACKED, type SmsBackedTemplate, smsDataOf, smsTemplateFor } from './raffle.sms.ts';
import type { RaffleTables } from './raffle.tables.ts';

const isSmsBacked = (template: string): template is SmsBackedTemplate =>
  (SMS_BACKED as string[]).includes(template);

/**
 * A buyer WhatsApp could not reach (Meta refused the template, the 24-hour window closed with no
 * template, the number left WhatsApp) is texted the same news on that number, in their language
 * (issue 65): an order's outcome or a won prize. Runs when the outbox tells the WhatsApp message's
 * end (`hooks.notificationOutcome`), in the transaction that records it; keyed by that message, so a
 * retried hook or a lost message staff send again texts once. Off with `raffle.smsFallback`, and
 * when the organization has no SMS account (the text could go nowhere).
 */
export async function textWhatWhatsAppLost(
  tx: Ctx,
  rt: RaffleRuntime,
  event: NotificationOutcomeEvent,
): Promise<void> {
  if (event.outcome !== 'lost' || event.channel !== 'whatsapp' || !isSmsBacked(event.template)) return;
  if (!(await raffleSettingsOf(tx)).smsFallback || !(await smsConfigured(tx, rt))) return;
  const db = tx.db.withTables<RaffleTables>();
  const buyer = await db
    .selectFrom('raffle_order_notification as l')
    .innerJoin('raffle_order as o', 'o.id', 'l.order_id')
    .innerJoin('raffle_buyer as b', 'b.id', 'o.buyer_id')
    .select(['l.order_id', 'b.wa_id', 'b.contact_id', 'b.language'])
    .where('l.notification_id', '=', event.notificationId)
    .executeTakeFirst();
  // A WhatsApp number is a phone in international form without its `+`.
  if (!buyer?.wa_id) return;
  const lost = await getNotification(tx, event.notificationId);
  const key = `raffle.sms:${event.idempotencyKey ?? event.notificationId}`;
  const { notification, created } = await enqueueNotification(tx, rt.jobs, {
    channel: 'sms',
    to: `+${buyer.wa_id}`,
    contactId: buyer.contact_id,
    template: smsTemplateFor(event.template),
    data: smsDataOf(event.template, lost.data),
    locale: buyer.language,
    idempotencyKey: key,
  });
  if (!created) return;
  // The order lists the text beside the WhatsApp message it stands in for.
  await db
    .insertInto('raffle_order_notification')
    .values({ order_id: buyer.order_id, notification_id: notification.id, key, created_at: tx.clock.now() })
    .onConflict((oc) => oc.columns(['org_id', 'notification_id']).doNothing())
    .execute();
  await recordAudit(tx, {
    action: 'raffle.order.texted',
    subject: { type: 'raffle_order', id: buyer.order_id },
    meta: {
      template: event.template,
      whatsapp: event.notificationId,
      sms: notification.id,
      reason: event.reason,
    },
  });
}

/** Whether the organization can send an SMS at all (its own account or the deployment's). */
async function smsConfigured(tx: Ctx, rt: RaffleRuntime): Promise<boolean> {
  const sms = rt.deps.declared.notificationChannels().find((c) => c.name === 'sms');
  return !!sms && (!sms.configured || (await sms.configured(tx)));
}
