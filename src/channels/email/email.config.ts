import { z } from 'zod';

/** The SMTP relay of this deployment; without SMTP_URL every e-mail is recorded as undeliverable. */
export const emailConfigSchema = z.object({
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'expected smtp:// or smtps://')
    .optional(),
  SMTP_FROM: z.string().default('Opsdesk <no-reply@opsdesk.local>'),
});
export type EmailConfig = z.infer<typeof emailConfigSchema>;
