import { z } from 'zod';
import { defineJob, type JobHandler, type JobQueue } from '../../platform/jobs/index.ts';
import type { Ctx } from '../context/index.ts';
import { deliverNotification } from './deliver-notification.ts';
import type { NotificationChannel } from './notification-channel.ts';
import type { ChannelName } from './notifications.rules.ts';
import type { NotificationTemplate } from './templates.ts';

/** The job that sends one stored notification. */
export const sendNotificationJob = defineJob({
  name: 'notifications.send',
  payload: z.object({ orgId: z.string().uuid(), notificationId: z.string().uuid() }),
  // Safe side by side: the claim is one guarded UPDATE that also keeps each recipient's order and pace.
  concurrency: 4,
  // Failures of a send are handled by the outbox itself (backoff, dead); these retries cover crashes.
  retry: { limit: 3, delaySeconds: 5, backoff: true },
  expireInSeconds: 120,
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
  templates?: () => ReadonlyArray<NotificationTemplate<never>>;
  /** OPSDESK_SECRET_KEY: opens the secrets a message was sealed with, for the send only. */
  secretKey: string;
}): JobHandler {
  let channels: ReadonlyMap<ChannelName, NotificationChannel> | undefined;
  const channelsByName = () => {
    channels ??= deps.channels();
    return channels;
  };
  let templates: ReadonlyMap<string, NotificationTemplate<never>> | undefined;
  const templateOf = (key: string) => {
    templates ??= new Map((deps.templates?.() ?? []).map((t) => [t.key, t]));
    return templates.get(key);
  };
  return sendNotificationJob.handle(async (payload, run) => {
    const ctx = deps.systemCtx(payload.orgId, sendNotificationJob.name);
    const outcome = await deliverNotification(
      ctx,
      { channels: channelsByName(), signal: run.signal, templates: templateOf, secretKey: deps.secretKey },
      payload.notificationId,
    );
    if (outcome.retryAt) await deps.jobs.send(sendNotificationJob, payload, { startAfter: outcome.retryAt });
    if (outcome.next) {
      const next = { orgId: payload.orgId, notificationId: outcome.next.notificationId };
      await deps.jobs.send(sendNotificationJob, next, { startAfter: outcome.next.at });
    }
  });
}
