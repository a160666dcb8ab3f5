export {
  createWhatsAppAccounts,
  type WhatsAppAccount,
  type WhatsAppOrgSettings,
} from './whatsapp.accounts.ts';
export { whatsappArea } from './whatsapp.area.ts';
export { downloadWhatsAppMedia, sendWhatsAppMessage, uploadWhatsAppMedia } from './whatsapp.client.ts';
export { createWhatsAppDriver, WHATSAPP_CHANNEL } from './whatsapp.driver.ts';
export { parseWhatsAppWebhook } from './whatsapp.inbound.ts';
export { renderWhatsAppMessage, WHATSAPP_LIMITS } from './whatsapp.outbound.ts';
export { insideServiceWindow, SERVICE_WINDOW_MS } from './whatsapp.rules.ts';
