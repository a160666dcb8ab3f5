import type { JobQueue } from '../../platform/jobs/index.ts';
import type { Ctx } from '../context/index.ts';
import { recordDeliveryStatus } from '../conversations/index.ts';
import { recordDeliveryReport } from './delivery-report.ts';
import type { ChannelName } from './notifications.rules.ts';
import { recordNotificationReport } from './record-notification-report.ts';

/**
 * A chat channel's delivery report (WhatsApp's statuses), the one entry for it: the outbound message
 * it names takes the status, and when an outbox notification sent that message, the notification
 * learns the same final turn, so no screen shows `sent` for a message the channel gave up on. A
 * status no message knows may be a notification's whose send answer was lost (it echoes our id as
 * `reference`): that one is recorded sent under the channel's id.
 */
export async function recordChatReport(
  ctx: Ctx,
  jobs: JobQueue,
  report: Parameters<typeof recordDeliveryStatus>[1] & { channel: ChannelName },
): Promise<void> {
  const recorded = await recordDeliveryStatus(ctx, report);
  if (recorded.reached && recorded.notificationId) {
    await recordDeliveryReport(ctx, jobs, {
      notificationId: recorded.notificationId,
      channel: report.channel,
      delivered: recorded.reached === 'delivered',
      reason: recorded.reached === 'failed' ? channelReason(report.error) : null,
      detail: { channelMessageId: report.channelMessageId },
    });
    return;
  }
  if (!recorded.known && report.reference && report.status !== 'failed')
    await recordNotificationReport(ctx, {
      channel: report.channel,
      reference: report.reference,
      providerMessageId: report.channelMessageId,
    });
}

/** The channel's own words for a failure (Meta: `errors[0].title`, its code), else nothing. */
function channelReason(error: unknown): string | null {
  const first = (error as { errors?: Array<{ code?: number; title?: string; message?: string }> })
    ?.errors?.[0];
  if (!first) return null;
  const words = first.message ?? first.title ?? 'failed';
  return first.code === undefined ? words : `${words} (${first.code})`;
}
