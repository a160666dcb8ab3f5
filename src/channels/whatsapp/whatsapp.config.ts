import { z } from 'zod';

/** Settings of the WhatsApp channel that are its own (the number's credentials are the platform's). */
export const whatsappConfigSchema = z.object({
  /**
   * The flow every organization's number runs unless the organization names one
   * (`settings.whatsapp.flow`); unset: the flow of one of its modules that declares WhatsApp its
   * default (`defaultOn`: the raffle's).
   */
  WHATSAPP_FLOW: z.string().min(1).optional(),
});
export type WhatsAppConfig = z.infer<typeof whatsappConfigSchema>;

// Meta dates each message (`timestamp`, whole seconds) and may deliver a person's messages out of order.
// Nothing waits for one that may still come (issue 55: the 2 s grace held every reply ~1.7 s and still
// broke outside its window): a chat's waiting messages are handled at once, by that date, then by
// arrival, and one that arrives after a message made later was answered is handled from where the
// conversation stood when the person wrote it (`answer-waiting-messages.ts`).
