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
});
export type SmsConfig = z.infer<typeof smsConfigSchema>;
