export { startTelegramSandbox, type TelegramSandbox } from './sandbox/telegram-sandbox.ts';
export {
  botIdOf,
  createTelegramAccounts,
  TELEGRAM_CLAIMED_SETTINGS,
  TELEGRAM_SECRET_SETTINGS,
  type TelegramAccount,
  type TelegramOrgSettings,
  telegramAccountSettingsOf,
  telegramSettingsOf,
} from './telegram.accounts.ts';
export { telegramArea } from './telegram.area.ts';
export { createTelegramChannel, TELEGRAM_CHANNEL } from './telegram.channel.ts';
export { parseTelegramUpdate } from './telegram.inbound.ts';
export { ingestTelegramUpdate } from './telegram.ingest.ts';
export { renderTelegramMessage } from './telegram.outbound.ts';
export { setTelegramWebhook, startTelegramPolling } from './telegram.polling.ts';
