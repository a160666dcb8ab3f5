import { recordAudit } from '../../core/audit/index.ts';
import type { Ctx } from '../../core/context/index.ts';
import type { NotificationOutcomeEvent } from '../../core/notifications/index.ts';
import type { RaffleTables } from './raffle.tables.ts';

/**
 * A buyer's message WhatsApp could not deliver, which core texted instead (the SMS fallback its
 * template declares, issue 65): the order lists the text beside the WhatsApp message it stands in
 * for, and its history says why (`raffle.order.texted`). Runs in the transaction that records the
 * message's end; core queues a text once per message, and tells of it only then.
 */
export async function recordOrderTexted(tx: Ctx, event: NotificationOutcomeEvent): Promise<void> {
  const text = event.fallback;
  if (!text) return;
  const db = tx.db.withTables<RaffleTables>();
  const link = await db
    .selectFrom('raffle_order_notification')
    .select('order_id')
    .where('notification_id', '=', event.notificationId)
    .executeTakeFirst();
  if (!link) return;
  await db
    .insertInto('raffle_order_notification')
    .values({
      order_id: link.order_id,
      notification_id: text.notificationId,
      key: `raffle.sms:${event.idempotencyKey ?? event.notificationId}`,
      created_at: tx.clock.now(),
    })
    .onConflict((oc) => oc.columns(['org_id', 'notification_id']).doNothing())
    .execute();
  await recordAudit(tx, {
    action: 'raffle.order.texted',
    subject: { type: 'raffle_order', id: link.order_id },
    meta: {
      template: event.template,
      whatsapp: event.notificationId,
      sms: text.notificationId,
      reason: event.reason,
    },
  });
}
