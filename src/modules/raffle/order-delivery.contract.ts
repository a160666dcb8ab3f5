import { z } from 'zod';
import type { DeliveryOutlook } from '../../core/conversations/index.ts';

/** Where one message to a buyer stands, as the order and the staff action that caused it show it. */
export const deliverySchema = z
  .object({
    notificationId: z.string(),
    template: z
      .string()
      .describe(
        'the message: raffle.order_paid, raffle.proof_denied, …; raffle.order_paid_sms and the like are its text by SMS, sent when WhatsApp could not deliver it',
      ),
    channel: z.string(),
    state: z.enum(['queued', 'sending', 'unconfirmed', 'sent', 'failed', 'not_deliverable']),
    reason: z
      .string()
      .nullable()
      .describe(
        'why it is not delivered: whatsapp_window_closed (the buyer last wrote more than 24 hours ago and the organization has no approved template for this message), channel_not_configured, invalid_recipient',
      ),
    configure: z
      .object({
        template: z.string().describe('the notification key the template stands in for'),
        suggestedName: z.string().nullable().describe("the template's suggested name at Meta"),
        parameters: z.array(z.string()).describe('the data fields that fill {{1}}, {{2}}, …'),
        setting: z.string().describe('where to name it: PATCH /api/org {"settings": …}'),
        docs: z.string(),
      })
      .nullable()
      .describe('what to configure so it can be sent (the missing approved template)'),
    queuedAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
  })
  .describe('A message to the buyer and whether it reached them');
export type DeliveryJson = z.infer<typeof deliverySchema>;

export function toDeliveryJson(d: DeliveryOutlook): DeliveryJson {
  const missing = d.missingTemplate;
  return {
    notificationId: d.notificationId,
    template: d.template,
    channel: d.channel,
    state: d.state,
    reason: d.reason,
    configure: missing
      ? {
          template: missing.key,
          suggestedName: missing.suggestedName,
          parameters: missing.parameters,
          setting: `${d.channel}.templates["${missing.key}"]`,
          docs: 'docs/whatsapp-templates.md',
        }
      : null,
    queuedAt: d.queuedAt.toISOString(),
    sentAt: d.sentAt?.toISOString() ?? null,
  };
}

/** An approved template the organization lacks, in the languages it is missing. */
export const missingTemplateSchema = z.object({
  template: z.string(),
  suggestedName: z.string(),
  parameters: z.array(z.string()),
  configured: z.array(z.string()).describe('languages the organization has a template for'),
  missing: z.array(z.string()).describe('languages its buyers speak without a template'),
});
export type MissingTemplateJson = z.infer<typeof missingTemplateSchema>;
