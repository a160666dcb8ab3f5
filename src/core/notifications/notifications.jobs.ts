import { z } from 'zod';
import {
  defineJob,
  type JobHandler,
  type JobOutcome,
  type JobQueue,
  workFailed,
} from '../../platform/jobs/index.ts';
import type { Ctx } from '../context/index.ts';
import { type DeliveryOutcome, deliverNotification } from './deliver-notification.ts';
import type { NotificationChannel } from './notification-channel.ts';
import { NotificationErrors } from './notifications.errors.ts';
import type { ChannelName } from './notifications.rules.ts';
import type { ListedTemplate } from './templates.ts';

/** The job that sends one stored notification. */
export const sendNotificationJob = defineJob({
  name: 'notifications.send',
  payload: z.object({
    orgId: z.string().uuid(),
    notificationId: z.string().uuid(),
    /** Someone waits for it now (`urgent` at enqueue): its job, its retry and its line's next go first. */
    urgent: z.boolean().optional(),
  }),
  // Safe side by side: the claim is one guarded UPDATE that also keeps each recipient's order and pace.
  concurrency: 16,
  // Failures of a send are handled by the outbox itself (backoff, dead); these retries cover crashes.
  retry: { limit: 3, delaySeconds: 5, backoff: true },
  expireInSeconds: 120,
  // A send cut off by a killed process is looked at again once its worker stops refreshing it, not
  // two minutes on: it is then sent again, or shown unconfirmed, as soon as its claim is stale.
  heartbeatSeconds: 10,
});

/**
 * The sending job of one app: delivers the message, then queues its own retry and the recipient's
 * next message at the times the outbox gives.
 */
export function sendNotificationHandler(deps: {
  jobs: JobQueue;
  systemCtx: (orgId: string, job: string) => Ctx;
  /** Every outbox channel by name (see `outboxChannels`); read at the first send, once every area started. */
  channels: () => ReadonlyMap<ChannelName, NotificationChannel>;
  /** The app's templates (read at the first send), for the files some make at send time. */
  templates?: () => ReadonlyArray<ListedTemplate>;
  /** OPSDESK_SECRET_KEY: opens the secrets a message was sealed with, for the send only. */
  secretKey: string;
  /** OPSDESK_SEND_TIMEOUT_SECONDS in milliseconds: how long one send may take. */
  sendTimeoutMs?: number;
}): JobHandler {
  let channels: ReadonlyMap<ChannelName, NotificationChannel> | undefined;
  const channelsByName = () => {
    channels ??= deps.channels();
    return channels;
  };
  let templates: ReadonlyMap<string, ListedTemplate> | undefined;
  const templateOf = (key: string) => {
    templates ??= new Map((deps.templates?.() ?? []).map((t) => [t.key, t]));
    return templates.get(key);
  };
  return sendNotificationJob.handle(async (payload, run) => {
    const ctx = deps.systemCtx(payload.orgId, sendNotificationJob.name);
    const outcome = await deliverNotification(
      ctx,
      {
        channels: channelsByName(),
        jobs: deps.jobs,
        signal: run.signal,
        templates: templateOf,
        secretKey: deps.secretKey,
        ...(deps.sendTimeoutMs ? { sendTimeoutMs: deps.sendTimeoutMs } : {}),
      },
      payload.notificationId,
    );
    // An urgent message's retry stays ahead of the backlog, and so does the next message to its
    // recipient, which waited behind it (a payer's second token SMS while the first was sending).
    const priority = payload.urgent ? { priority: 1 } : {};
    // The outbox's times are the app's clock's; the queue's are the database's. Sent as a delay from
    // now, a retry comes due when the app's clock reaches it, however far the two clocks stand apart
    // (a test's clock set days back made every retry due at once, and the worker spun on it).
    const after = (at: Date) => Math.max(0, (at.getTime() - ctx.clock.now().getTime()) / 1000);
    if (outcome.retryAt)
      await deps.jobs.send(sendNotificationJob, payload, { startAfter: after(outcome.retryAt), ...priority });
    if (outcome.next) {
      const next = {
        orgId: payload.orgId,
        notificationId: outcome.next.notificationId,
        ...(payload.urgent ? { urgent: true } : {}),
      };
      await deps.jobs.send(sendNotificationJob, next, { startAfter: after(outcome.next.at), ...priority });
    }
    return notSent(payload.notificationId, outcome);
  });
}

/**
 * What the job reports of a message that did not go out: to be tried again (`failed`), or given up
 * (`dead`, `undeliverable`). The outbox keeps its own retries, so the job itself never fails.
 */
function notSent(notificationId: string, outcome: DeliveryOutcome): JobOutcome | undefined {
  if (!outcome.error) return undefined;
  const { channel, message: reason } = outcome.error;
  const details = { notificationId, channel, reason, status: outcome.status };
  if (outcome.status === 'failed')
    return workFailed(
      NotificationErrors.send_failed(
        { ...details, retryAt: outcome.retryAt?.toISOString() ?? null },
        { message: `The message could not be sent through ${channel} and will be tried again: ${reason}` },
      ),
    );
  return workFailed(
    NotificationErrors.send_abandoned(details, {
      message: `The message could not be sent through ${channel} and was given up: ${reason}`,
    }),
  );
}
