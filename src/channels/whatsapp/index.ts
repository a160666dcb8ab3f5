export { startWhatsAppSandbox, type WhatsAppSandbox } from './sandbox/whatsapp-sandbox.ts';
export {
  createWhatsAppAccounts,
  PHONE_NUMBER_ID_SETTING,
  WHATSAPP_CLAIMED_SETTINGS,
  WHATSAPP_SECRET_SETTINGS,
  type WhatsAppAccount,
  type WhatsAppOrgSettings,
  whatsappSettingsOf,
} from './whatsapp.accounts.ts';
export { whatsappArea } from './whatsapp.area.ts';
export { createWhatsAppChannel, WHATSAPP_CHANNEL } from './whatsapp.channel.ts';
export { downloadWhatsAppMedia, sendWhatsAppMessage, uploadWhatsAppMedia } from './whatsapp.client.ts';
export { parseWhatsAppWebhook } from './whatsapp.inbound.ts';
export { renderWhatsAppMessage, WHATSAPP_LIMITS } from './whatsapp.outbound.ts';
export { SERVICE_WINDOW_MS } from './whatsapp.rules.ts';
export { declaredWhatsAppTemplates } from './whatsapp.templates.ts';
