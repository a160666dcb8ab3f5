import { z } from 'zod';
import type { InboundOrder } from '../../core/conversations/index.ts';

/** Settings of the Telegram channel that are its own (the bot's token and secret are the platform's). */
export const telegramConfigSchema = z.object({
  /**
   * The flow every organization's bot runs unless the organization names one
   * (`settings.telegram.flow`); unset: the flow of one of its modules that declares Telegram its
   * default (`defaultOn`: the mess's).
   */
  TELEGRAM_FLOW: z.string().min(1).optional(),
  /**
   * How long an update waits, at most, for a smaller update_id of the same bot that has not arrived
   * (issue 40, item 9), in milliseconds; 0: never waits.
   */
  TELEGRAM_ORDER_GRACE_MS: z.coerce
    .number({ message: 'expected milliseconds' })
    .int()
    .min(0)
    .max(15_000)
    .default(2_000),
});
export type TelegramConfig = z.infer<typeof telegramConfigSchema>;

/**
 * Telegram numbers every update of a bot in one sequence (`update_id`), whatever the chat, and may
 * post them to the webhook in parallel: a chat's updates are handled by that number, and one waits
 * only while a smaller number of its bot is missing.
 */
export const telegramInboundOrder = (config: TelegramConfig): InboundOrder => ({
  by: 'sequence',
  graceMs: config.TELEGRAM_ORDER_GRACE_MS,
});
