import { z } from 'zod';
import type { ModuleRuntime } from '../../core/modules/index.ts';

/** The prepaid module's own deployment settings (environment). */
/**
 * The module's own settings: none now. How long a text whose send answer was lost waits for its
 * report is the SMS channel's rule (`SMS_REPORT_WAIT_SECONDS`, issue 75).
 */
export const prepaidConfigSchema = z.object({});
export type PrepaidConfig = z.infer<typeof prepaidConfigSchema>;

/**
 * The prepaid module of one running app: the runtime the core builds for every module, with its parsed
 * settings (`config`). Handed to every factory; never stored globally.
 */
export type PrepaidRuntime = ModuleRuntime<PrepaidConfig>;
