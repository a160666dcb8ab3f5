import { z } from 'zod';
import { pageQuery, pageSchema } from '../resources/index.ts';

export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed', 'dead'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** A background job of the caller's organization; dead-lettered jobs show under their own name. */
export const jobSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: z.enum(JOB_STATES),
  attempts: z.number(),
  retryLimit: z.number(),
  lastError: z.string().nullable(),
  failure: z
    .object({ code: z.string(), details: z.record(z.string(), z.unknown()) })
    .nullable()
    .describe(
      'The failed work a job recorded (a reply a channel refused): its error code, worded at errors.<code>, and details',
    ),
  retryable: z
    .boolean()
    .describe('Failed or dead-lettered and can be run again; a recorded failure of the work cannot'),
  payload: z.unknown(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  completedAt: z.iso.datetime().nullable(),
  startAfter: z.iso.datetime(),
});
export type JobView = z.infer<typeof jobSchema>;

export const jobQuery = z.object({
  state: z.enum(JOB_STATES).optional(),
  name: z.string().max(200).optional(),
  ...pageQuery({ perPage: 50 }),
});

/** A page of jobs, newest first. */
export const jobPageSchema = pageSchema(jobSchema);
