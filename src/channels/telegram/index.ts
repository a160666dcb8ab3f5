export {
  createTelegramAccounts,
  type TelegramAccount,
  type TelegramOrgSettings,
} from './telegram.accounts.ts';
export { telegramArea } from './telegram.area.ts';
export { createTelegramChannel, TELEGRAM_CHANNEL } from './telegram.channel.ts';
export { parseTelegramUpdate } from './telegram.inbound.ts';
export { ingestTelegramUpdate } from './telegram.ingest.ts';
export { renderTelegramMessage } from './telegram.outbound.ts';
export { setTelegramWebhook, startTelegramPolling } from './telegram.polling.ts';
