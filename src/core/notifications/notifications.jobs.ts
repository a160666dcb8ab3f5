import { z } from 'zod';
import type { Config } from '../../platform/config/index.ts';
import { defineJob, type JobHandler, type JobQueue } from '../../platform/jobs/index.ts';
import type { Ctx } from '../context/index.ts';
import type { NotificationChannel } from './channel-driver.ts';
import { deliverNotification } from './deliver-notification.ts';
import type { ChannelName } from './notifications.rules.ts';

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
  config: Config;
  jobs: JobQueue;
  systemCtx: (orgId: string, job: string) => Ctx;
  /** Every declared channel; read at the first send, after every area of the app has started. */
  channels: () => ReadonlyArray<NotificationChannel>;
}): JobHandler {
  let channels: ReadonlyMap<ChannelName, NotificationChannel> | undefined;
  const channelsByName = () => {
    channels ??= new Map(deps.channels().map((c) => [c.name, c]));
    return channels;
  };
  return sendNotificationJob.handle(async (payload, run) => {
    const ctx = deps.systemCtx(payload.orgId, sendNotificationJob.name);
    const outcome = await deliverNotification(
      ctx,
      { config: deps.config, channels: channelsByName(), signal: run.signal },
      payload.notificationId,
    );
    if (outcome.retryAt) await deps.jobs.send(sendNotificationJob, payload, { startAfter: outcome.retryAt });
    if (outcome.next) {
      const next = { orgId: payload.orgId, notificationId: outcome.next.notificationId };
      await deps.jobs.send(sendNotificationJob, next, { startAfter: outcome.next.at });
    }
  });
}
