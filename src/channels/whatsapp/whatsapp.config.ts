import { z } from 'zod';
import type { InboundOrder } from '../../core/conversations/index.ts';

/** Settings of the WhatsApp channel that are its own (the number's credentials are the platform's). */
export const whatsappConfigSchema = z.object({
  /**
   * The flow every organization's number runs unless the organization names one
   * (`settings.whatsapp.flow`); unset: the flow of one of its modules that declares WhatsApp its
   * default (`defaultOn`: the raffle's).
   */
  WHATSAPP_FLOW: z.string().min(1).optional(),
  /**
   * How long after its timestamp a message waits for one the person sent before it that Meta has not
   * delivered yet (issue 40, item 9), in milliseconds; 0: never waits.
   */
  WHATSAPP_ORDER_GRACE_MS: z.coerce
    .number({ message: 'expected milliseconds' })
    .int()
    .min(0)
    .max(15_000)
    .default(2_000),
});
export type WhatsAppConfig = z.infer<typeof whatsappConfigSchema>;

/**
 * Meta dates each message (`timestamp`, in seconds) and delivers them in any order, several at once:
 * a chat's messages are handled by that date, then by arrival, and each waits until the grace after
 * its date has passed, so one sent just before it still goes first.
 */
export const whatsappInboundOrder = (config: WhatsAppConfig): InboundOrder => ({
  by: 'sent-at',
  graceMs: config.WHATSAPP_ORDER_GRACE_MS,
});
