import type { JobQueue } from '../../platform/jobs/index.ts';
import type { Ctx } from '../context/index.ts';
import { settleReportedAttempt } from './delivery-report.ts';
import type { ChannelName } from './notifications.rules.ts';
import { type DeliveryReport, findReportedAttempt } from './report-lookup.ts';

/** A chat channel's word on a message it sent (WhatsApp's statuses). */
export interface ChatStatus {
  channel: ChannelName;
  channelMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  at?: Date;
  error?: unknown;
  /** Our id the send carried, echoed by the channel (`biz_opaque_callback_data`). */
  reference?: string;
}

/**
 * A chat channel's delivery report (WhatsApp's statuses), for any message the outbox sent through it: a
 * bot's reply, a staff message, a notification. One writer, one lookup, one transaction: the attempt and
 * its message are found by the channel's id or the id the send carried (`findReportedAttempt`, outside
 * any transaction, as it may wait for a send still being answered), then settled together
 * (`settleReportedAttempt`). The conversation's history is the outbox's row, so it can never disagree.
 */
export async function recordChatReport(ctx: Ctx, jobs: JobQueue, report: ChatStatus): Promise<void> {
  const outbox = outboxReportOf(ctx, report);
  const found = await findReportedAttempt({ db: ctx.db, jobs, ctxOf: () => ctx }, outbox);
  if (found) await settleReportedAttempt(ctx, jobs, outbox, found);
}

/** The outbox's words for a chat status: `sent` is the channel taking it, `read` a delivery. */
function outboxReportOf(ctx: Ctx, report: ChatStatus): DeliveryReport {
  return {
    channel: report.channel,
    providerMessageId: report.channelMessageId,
    state: report.status === 'sent' ? 'accepted' : report.status === 'failed' ? 'failed' : 'delivered',
    reason: report.status === 'failed' ? channelReason(report.error) : null,
    ...(report.reference ? { reference: report.reference } : {}),
    ...(report.status === 'delivered' || report.status === 'read' ? { reached: report.status } : {}),
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
