import { z } from 'zod';
import { defineJob } from '../../platform/jobs/index.ts';

/** The job that sends one stored notification; its handler is wired in `notifications.area.ts`. */
export const sendNotificationJob = defineJob({
  name: 'notifications.send',
  payload: z.object({ orgId: z.string().uuid(), notificationId: z.string().uuid() }),
  // Safe side by side: the claim is one guarded UPDATE that also keeps each recipient's order and pace.
  concurrency: 4,
  async run() {},
});
