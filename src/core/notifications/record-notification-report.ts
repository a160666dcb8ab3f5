import { z } from 'zod';
import { type Ctx, inTransaction } from '../context/index.ts';
import { recordNotificationEvent } from './notification-events.ts';
import type { ChannelName } from './notifications.rules.ts';
import type { NotificationTables } from './notifications.tables.ts';

/**
 * A channel reports that it accepted a notification it names by our id (WhatsApp's `sent` status
 * echoing `biz_opaque_callback_data`): one still `sending` or `unconfirmed` (its answer was lost) is
 * recorded `sent` under the channel's id, and is never sent again. Answers false for anything else.
 */
export async function recordNotificationReport(
  ctx: Ctx,
  report: { channel: ChannelName; reference: string; providerMessageId: string },
): Promise<boolean> {
  if (!z.uuid().safeParse(report.reference).success) return false;
  return inTransaction(ctx, async (tx) => {
    const settled = await tx.db
      .withTables<NotificationTables>()
      .updateTable('notification')
      .set({
        status: 'sent',
        sent_at: tx.clock.now(),
        provider_message_id: report.providerMessageId,
        last_error: null,
        claimed_at: null,
      })
      .where('id', '=', report.reference)
      .where('channel', '=', report.channel)
      .where('status', 'in', ['sending', 'unconfirmed'])
      .executeTakeFirst();
    if (settled.numUpdatedRows === 0n) return false;
    await recordNotificationEvent(tx, report.reference, 'sent', {
      reportedBy: report.channel,
      providerMessageId: report.providerMessageId,
    });
    return true;
  });
}
