import type { ChannelName } from './notifications.rules.ts';

/** Channels whose address is a phone number, and its form there (stored as `normalizeRecipient` keeps it). */
const PHONE_FORM: Partial<Record<ChannelName, (digits: string) => string>> = {
  whatsapp: (digits) => digits, // a wa_id: the international number without its `+`
  sms: (digits) => `+${digits}`,
};

/**
 * The address on channel `to` of the person a message on channel `from` went to, or null when it has
 * no form there: a phone goes between WhatsApp and SMS (wa_id `250788000111` is `+250788000111`); a
 * Telegram chat id or an e-mail address names no phone.
 */
export function fallbackAddress(from: ChannelName, to: ChannelName, address: string): string | null {
  const phoneOn = PHONE_FORM[to];
  if (!PHONE_FORM[from] || !phoneOn) return null;
  const digits = address.trim().replace(/^\+/, '');
  return /^\d{6,15}$/.test(digits) ? phoneOn(digits) : null;
}
