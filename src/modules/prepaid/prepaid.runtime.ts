import { z } from 'zod';
import type { ModuleRuntime } from '../../core/modules/index.ts';

/** The prepaid module's own deployment settings (environment). */
export const prepaidConfigSchema = z.object({
  /**
   * How long a token SMS whose send answer was lost (a hang, a 500, a 502) waits for the provider's
   * report before it is taken to have never left and is sent to the payer again (issue 65). Africa's
   * Talking reports every text it took, within seconds as a rule; it has no API to ask about one.
   */
  PREPAID_TOKEN_SMS_REPORT_WAIT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
});
export type PrepaidConfig = z.infer<typeof prepaidConfigSchema>;

/**
 * The prepaid module of one running app: the runtime the core builds for every module, with its parsed
 * settings (`config`). Handed to every factory; never stored globally.
 */
export type PrepaidRuntime = ModuleRuntime<PrepaidConfig>;
