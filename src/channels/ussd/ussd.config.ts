import { z } from 'zod';

const perMinute = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);

/**
 * The USSD gateway's deadline: Africa's Talking drops a session whose screen does not come back in
 * time, so every answer leaves before `USSD_ANSWER_DEADLINE_MS` (a step still running then carries on
 * and the person is told so).
 *
 * The screens' limits (issue 61), each counted per organization over a minute, in each web process
 * (with several behind a load balancer, a phone or gateway may reach each process's limit): a phone
 * past `USSD_SCREENS_PER_PHONE_PER_MINUTE` (30: a session is 5-8 screens, a person rarely dials more
 * than twice a minute), and a gateway address past `USSD_SESSIONS_PER_ADDRESS_PER_MINUTE` new sessions
 * (300) or `USSD_SCREENS_PER_ADDRESS_PER_MINUTE` screens (1500), is answered an `END` screen saying to
 * dial again in a minute, and no step runs. Africa's Talking posts every person's screens from a few
 * addresses, so those two are an operator's whole traffic through one of them.
 */
export const ussdConfigSchema = z.object({
  USSD_ANSWER_DEADLINE_MS: z.coerce.number().int().min(200).max(20_000).default(4_000),
  USSD_SCREENS_PER_PHONE_PER_MINUTE: perMinute(30),
  USSD_SESSIONS_PER_ADDRESS_PER_MINUTE: perMinute(300),
  USSD_SCREENS_PER_ADDRESS_PER_MINUTE: perMinute(1500),
});
export type UssdConfig = z.infer<typeof ussdConfigSchema>;
