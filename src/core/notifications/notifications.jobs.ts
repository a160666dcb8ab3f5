import { z } from 'zod';
import { defineJob } from '../../platform/jobs/index.ts';

/** The job that sends one stored notification; its handler is wired in `notifications.area.ts`. */
export const sendNotificationJob = defineJob({
  name: 'notifications.send',
  payload: z.object({ orgId: z.string().uuid(), notificationId: z.string().uuid() }),
  async run() {},
});
