import { z } from 'zod';

const failureSchema = z
  .object({ code: z.string(), message: z.string() })
  .describe('The last failed send: an error code and the channel’s own words');

/** One organization's account on a channel, as kept by `core/channel-health`. */
export const accountSchema = z.object({
  channel: z.enum(['telegram', 'whatsapp', 'email', 'sms']),
  configured: z.boolean().describe('Set up for this organization (a bot token, a number, an SMTP relay)'),
  status: z
    .enum(['unknown', 'ok', 'failing', 'down'])
    .describe('unknown: nothing sent yet; failing: the last sends failed; down: 5 or more in a row failed'),
  lastSuccessAt: z.iso.datetime().nullable().describe('To the minute while nothing fails'),
  lastFailureAt: z.iso.datetime().nullable(),
  lastFailure: failureSchema.nullable(),
  failuresInRow: z.number().int(),
  failingSince: z.iso.datetime().nullable(),
  alertedAt: z.iso.datetime().nullable().describe('Since when the owner and admins are told'),
});
export type AccountView = z.infer<typeof accountSchema>;

/** `GET /api/health`: each dependency the organization's work needs. */
export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']).describe('degraded: the job queue lags, or a set-up account fails'),
  checkedAt: z.iso.datetime(),
  database: z
    .object({ status: z.literal('ok'), latencyMs: z.number() })
    .describe('How fast it answers; one that does not answer makes this route answer an error instead'),
  jobQueue: z.object({
    status: z.enum(['ok', 'lagging']),
    waiting: z.number().int().describe('This organization’s jobs due and not yet taken by a worker'),
    lagSeconds: z.number().nullable().describe('How long the oldest of them has waited past its time'),
  }),
  chatAccounts: z.array(accountSchema).describe('The organization’s Telegram bot and WhatsApp number'),
  mail: accountSchema,
});
export type HealthView = z.infer<typeof healthSchema>;

/** `GET /api/health/channels`: per channel, the messages that failed or are stuck, and its account. */
export const channelProblemsSchema = z.object({
  since: z.iso.datetime().describe('Failed messages are counted from then (the last 24 hours)'),
  items: z.array(
    accountSchema.extend({
      failed: z.number().int().describe('Messages given up on since `since`'),
      stuck: z.number().int().describe('Messages not gone out a minute after they were due'),
      unconfirmed: z
        .number()
        .int()
        .describe(
          'Messages since `since` that may not have reached the person: the channel never confirmed them',
        ),
    }),
  ),
});
export type ChannelProblemsView = z.infer<typeof channelProblemsSchema>;

/** `GET /api/health/alerts`: the channel accounts that keep failing, for the console's banner. */
export const channelAlertsSchema = z.object({
  items: z.array(
    z.object({
      channel: z.enum(['telegram', 'whatsapp', 'email', 'sms']),
      alertedAt: z.iso.datetime(),
      failingSince: z.iso.datetime().nullable(),
      failuresInRow: z.number().int(),
      cause: failureSchema.nullable(),
    }),
  ),
});
export type ChannelAlertsView = z.infer<typeof channelAlertsSchema>;
