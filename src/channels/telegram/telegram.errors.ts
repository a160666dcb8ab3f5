import { defineErrors } from '../../platform/errors/index.ts';

/**
 * Answers to Telegram's servers (webhook deliveries) and to the operator starting the bot from the
 * command line, never read by a person in a chat or the console; so, unlike every other area's,
 * these codes have no translations.
 */
export const TelegramErrors = defineErrors('telegram', {
  webhook_disabled: {
    status: 403,
    title: 'Telegram webhooks are refused: no secret token is configured',
  },
  secret_invalid: { status: 401, title: 'The X-Telegram-Bot-Api-Secret-Token is missing or wrong' },
  not_configured: { status: 409, title: 'No Telegram bot token is configured' },
});
