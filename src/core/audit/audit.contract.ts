import { z } from 'zod';

/** One audit event as the API returns it. */
export const auditItemSchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
  action: z.string(),
  subject: z.object({ type: z.string(), id: z.string() }).nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  meta: z.record(z.string(), z.unknown()),
});
export type AuditItem = z.infer<typeof auditItemSchema>;

/** A page of events, newest first; `nextCursor` asks for the next one. */
export const auditPageSchema = z.object({
  items: z.array(auditItemSchema),
  nextCursor: z.string().nullable(),
});

export const auditQuery = z.object({
  action: z.string().max(200).optional().describe('Exact code, or a prefix ending in "." such as "raffle."'),
  actorType: z.enum(['user', 'token', 'system', 'contact', 'device']).optional(),
  actorId: z.string().max(200).optional(),
  subjectType: z.string().max(100).optional(),
  subjectId: z.string().max(200).optional(),
  requestId: z.string().max(100).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

export const activityQuery = z.object({
  days: z.coerce.number().int().min(1).max(92).default(14).describe('how many days, today included'),
});

export const activitySchema = z.object({
  days: z.array(
    z.object({
      day: z.string().describe("a calendar day of the organization's time zone, YYYY-MM-DD"),
      events: z.number().int(),
    }),
  ),
});
