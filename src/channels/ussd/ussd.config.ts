import { z } from 'zod';

/**
 * The USSD gateway's deadline: Africa's Talking drops a session whose screen does not come back in
 * time, so every answer leaves before `USSD_ANSWER_DEADLINE_MS` (a step still running then carries on
 * and the person is told so).
 */
export const ussdConfigSchema = z.object({
  USSD_ANSWER_DEADLINE_MS: z.coerce.number().int().min(200).max(20_000).default(4_000),
});
export type UssdConfig = z.infer<typeof ussdConfigSchema>;
