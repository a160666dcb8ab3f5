import type { JobQueue } from '../../platform/jobs/index.ts';
import { recordSendFailure } from '../channel-health/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { ENDED, emitNotificationOutcome } from './message-outcome.ts';
import { recordNotificationEvent } from './notification-events.ts';
import type { ChannelName } from './notifications.rules.ts';
import type { NotificationTables } from './notifications.tables.ts';

/**
 * What a network finally said of a message it had accepted (an SMS delivery report): delivered is
 * logged on the message; not delivered makes it `dead` with the network's reason (staff see it on the
 * record and may replay it, a module offers it by another channel), and counts against the
 * organization's account in channel health. Call it only when the channel's own record changed, so
 * a repeated report logs nothing twice. Answers whether the message changed.
 */
export async function recordDeliveryReport(
  ctx: Ctx,
  jobs: JobQueue,
  report: {
    notificationId: string;
    channel: ChannelName;
    delivered: boolean;
    reason?: string | null;
    detail?: Record<string, unknown>;
  },
): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    const detail = { reportedBy: report.channel, ...(report.detail ?? {}) };
    if (report.delivered) {
      await recordNotificationEvent(tx, report.notificationId, 'delivered', detail);
      const delivered = await tx.db
        .withTables<NotificationTables>()
        .selectFrom('notification')
        .select(ENDED)
        .where('id', '=', report.notificationId)
        .executeTakeFirst();
      if (delivered) await emitNotificationOutcome(tx, delivered, 'delivered', null);
      return true;
    }
    const reason = `not_delivered: ${report.reason ?? 'the network gave no reason'}`.slice(0, 1000);
    const updated = await tx.db
      .withTables<NotificationTables>()
      .updateTable('notification')
      .set({ status: 'dead', last_error: reason })
      .where('id', '=', report.notificationId)
      .where('channel', '=', report.channel)
      .where('status', 'in', ['sent', 'sending', 'unconfirmed'])
      .returning(ENDED)
      .executeTakeFirst();
    if (!updated) return false;
    await recordNotificationEvent(tx, report.notificationId, 'not_delivered', { ...detail, error: reason });
    await recordSendFailure(tx, jobs, report.channel, { code: 'not_delivered', message: reason });
    await emitNotificationOutcome(tx, updated, 'lost', reason);
    return true;
  });
}
