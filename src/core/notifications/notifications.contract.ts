import { z } from 'zod';
import { pageQuery, pageSchema } from '../resources/index.ts';
import { CHANNELS, NOTIFICATION_STATUSES } from './notifications.rules.ts';

/** A notification as callers and the API see it (attachments without their bytes). */
export const notificationSchema = z.object({
  id: z.string(),
  channel: z.enum(CHANNELS),
  to: z.string(),
  /** Whom `to` is, where the organization knows them (a contact's name); null otherwise, or not looked up. */
  toName: z.string().nullable(),
  contactId: z.string().nullable(),
  template: z.string(),
  locale: z.string(),
  subject: z.string().nullable(),
  status: z.enum(NOTIFICATION_STATUSES),
  attempts: z.number(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
  providerMessageId: z.string().nullable(),
  idempotencyKey: z.string().nullable(),
  createdAt: z.iso.datetime(),
  sentAt: z.iso.datetime().nullable(),
  /** An SMS: its parts and encoding, the network's word and what the provider charged (issue 52); null otherwise. */
  sms: z
    .object({
      encoding: z.enum(['GSM-7', 'UCS-2']),
      segments: z.number(),
      /** claimed (asked, no answer yet), accepted, delivered, failed. */
      network: z.enum(['claimed', 'accepted', 'delivered', 'failed']),
      cost: z
        .object({ text: z.string(), amountMinor: z.number().nullable(), currency: z.string().nullable() })
        .nullable(),
      failureReason: z.string().nullable(),
    })
    .nullable(),
});
export type NotificationView = z.infer<typeof notificationSchema>;

export const notificationDetailSchema = notificationSchema.extend({
  data: z.record(z.string(), z.unknown()),
  body: z.string(),
  attachments: z.array(z.object({ filename: z.string(), contentType: z.string(), bytes: z.number() })),
  events: z.array(
    z.object({ at: z.iso.datetime(), status: z.string(), detail: z.record(z.string(), z.unknown()) }),
  ),
});
export type NotificationDetail = z.infer<typeof notificationDetailSchema>;

export const notificationQuery = z.object({
  status: z.enum(NOTIFICATION_STATUSES).optional(),
  channel: z.enum(CHANNELS).optional(),
  to: z.string().trim().min(1).max(320).optional(),
  ...pageQuery({ perPage: 50 }),
});

/** A page of the outbox, newest first. */
export const notificationPageSchema = pageSchema(notificationSchema);

export const idParams = z.object({ id: z.string().uuid() });

/** A page of the messages sent to one person (a contact, a student, an account): newest first. */
export const personMessagesQuery = z.object(pageQuery({ perPage: 20, maxPerPage: 100 }));
export const personMessagesSchema = pageSchema(notificationSchema);
