import type { JobQueue } from '../../platform/jobs/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { recordDeliveryStatus } from '../conversations/index.ts';
import { settleReportedAttempt } from './delivery-report.ts';
import type { ChannelName } from './notifications.rules.ts';
import { type DeliveryReport, findReportedAttempt } from './report-lookup.ts';

type ChatStatus = Parameters<typeof recordDeliveryStatus>[1] & { channel: ChannelName };

/**
 * A chat channel's delivery report (WhatsApp's statuses). The conversation's history takes the status
 * of the outbound message it names (a reply's, or a notification's copy there); the notification's
 * settlement goes through the outbox's report (`findReportedAttempt`, `settleReportedAttempt`), by the
 * attempt that sent it, so no screen shows `sent` for a message the channel gave up on. A status
 * echoing our id (`reference`) completes a notification whose send answer was lost: it is recorded
 * sent under the channel's id. The outbox's lookup runs first, outside any transaction (it may wait
 * for a send still being answered); the history and the outbox then move in one transaction, so a
 * crash between them leaves neither moved and Meta's redelivery settles both (issue 75, item 5).
 */
export async function recordChatReport(ctx: Ctx, jobs: JobQueue, report: ChatStatus): Promise<void> {
  const outbox = outboxReportOf(ctx, report);
  const found = await findReportedAttempt({ db: ctx.db, jobs, ctxOf: () => ctx }, outbox);
  await inTransaction(ctx, async (tx) => {
    await recordDeliveryStatus(tx, report);
    if (found) await settleReportedAttempt(tx, jobs, outbox, found);
  });
}

/** The outbox's words for a chat status: `sent` is the channel taking it, `read` a delivery. */
function outboxReportOf(ctx: Ctx, report: ChatStatus): DeliveryReport {
  return {
    channel: report.channel,
    providerMessageId: report.channelMessageId,
    state: report.status === 'sent' ? 'accepted' : report.status === 'failed' ? 'failed' : 'delivered',
    reason: report.status === 'failed' ? channelReason(report.error) : null,
    ...(report.reference ? { reference: report.reference } : {}),
    scope: { orgId: ctx.orgId },
    detail: { channelMessageId: report.channelMessageId },
  };
}

/** The channel's own words for a failure (Meta: `errors[0].title`, its code), else nothing. */
function channelReason(error: unknown): string | null {
  const first = (error as { errors?: Array<{ code?: number; title?: string; message?: string }> })
    ?.errors?.[0];
  if (!first) return null;
  const words = first.message ?? first.title ?? 'failed';
  return first.code === undefined ? words : `${words} (${first.code})`;
}
