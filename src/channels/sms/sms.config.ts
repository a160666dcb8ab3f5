import { z } from 'zod';
import { SMS_PROVIDERS } from './sms.provider.ts';

/**
 * The deployment's SMS account (every organization without its own sends through it, under its own
 * sender id when it set one). Without a username and key no SMS is sent: messages are recorded as
 * undeliverable, as e-mail without SMTP_URL.
 */
export const smsConfigSchema = z.object({
  SMS_PROVIDER: z.enum(SMS_PROVIDERS).default('africastalking'),
  AFRICASTALKING_BASE_URL: z.string().url().default('https://api.africastalking.com'),
  AFRICASTALKING_USERNAME: z.string().min(1).optional(),
  AFRICASTALKING_API_KEY: z.string().min(1).optional(),
  AFRICASTALKING_SENDER_ID: z.string().min(1).max(11).optional(),
  /**
   * How long a text whose send answer was lost waits for the provider's delivery report before it is
   * taken to have never left and is sent once more (Africa's Talking reports every text it took, and
   * has no API to ask about one); a second text with no report is given up.
   */
  SMS_REPORT_WAIT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
});
export type SmsConfig = z.infer<typeof smsConfigSchema>;
