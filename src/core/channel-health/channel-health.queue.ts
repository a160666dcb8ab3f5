import { z } from 'zod';
import { defineJob } from '../../platform/jobs/index.ts';

/**
 * Tells an organization's owner and admins that one of its channel accounts keeps failing. Queued
 * once per run of failures, in the transaction that records the failure crossing the threshold
 * (`recordSendFailure`); its handler is the health area's (`alertStaff`).
 */
export const channelFailingJob = defineJob({
  name: 'channel-health.alert-staff',
  payload: z.object({
    orgId: z.string().uuid(),
    channel: z.string().min(1).max(31),
    /** Which run of failures: the alert's `alerted_at`. */
    alertedAt: z.iso.datetime(),
  }),
  retry: { limit: 5, delaySeconds: 10, backoff: true },
});
