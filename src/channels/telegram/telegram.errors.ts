import { defineErrors } from '../../platform/errors/index.ts';

export const TelegramErrors = defineErrors({
  telegram_webhook_disabled: {
    status: 403,
    title: 'Telegram webhooks are refused: no secret token is configured',
  },
  telegram_secret_invalid: { status: 401, title: 'The X-Telegram-Bot-Api-Secret-Token is missing or wrong' },
  telegram_not_configured: { status: 409, title: 'No Telegram bot token is configured' },
});
