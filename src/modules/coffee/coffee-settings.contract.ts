import { z } from 'zod';

/**
 * `GET/PATCH /api/coffee/settings`: the fleet's settings an organization tunes on the console
 * (stored in `organization.settings.coffee`). Issue 65: who gets a text, each switchable, on by default.
 */
export const coffeeSettingsSchema = z.object({
  /** A new alarm (a machine offline, a material running out, a failed command) texts the on-call phones. */
  smsAlarms: z.boolean().default(true),
  /** A rollout held for review, or stopped because too many machines failed, texts the on-call phones. */
  smsRollouts: z.boolean().default(true),
});
export type CoffeeSettingsJson = z.infer<typeof coffeeSettingsSchema>;
