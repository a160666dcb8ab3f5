import type { Locale } from './locale.ts';

/**
 * Country calling codes whose people mostly write the language: a guess made only when a person's
 * first message says nothing about it (a "1", a photo). Longest prefix wins (1809, the Dominican
 * Republic, over 1, which is left out: the NANP mixes English and Spanish speakers). Only the
 * languages Opsdesk speaks are listed; India (+91) is left out, where English is as likely as Hindi.
 */
const CALLING_CODES: Record<string, Locale> = {
  // Spanish
  '34': 'es', // Spain
  '51': 'es', // Peru
  '52': 'es', // Mexico
  '53': 'es', // Cuba
  '54': 'es', // Argentina
  '56': 'es', // Chile
  '57': 'es', // Colombia
  '58': 'es', // Venezuela
  '240': 'es', // Equatorial Guinea
  '502': 'es', // Guatemala
  '503': 'es', // El Salvador
  '504': 'es', // Honduras
  '505': 'es', // Nicaragua
  '506': 'es', // Costa Rica
  '507': 'es', // Panama
  '591': 'es', // Bolivia
  '593': 'es', // Ecuador
  '595': 'es', // Paraguay
  '598': 'es', // Uruguay
  '1787': 'es', // Puerto Rico
  '1939': 'es', // Puerto Rico
  '1809': 'es', // Dominican Republic
  '1829': 'es', // Dominican Republic
  '1849': 'es', // Dominican Republic
  // English
  '44': 'en', // United Kingdom
  '61': 'en', // Australia
  '64': 'en', // New Zealand
  '353': 'en', // Ireland
  '254': 'en', // Kenya
  '256': 'en', // Uganda
  '234': 'en', // Nigeria
  '233': 'en', // Ghana
  '27': 'en', // South Africa
  // French
  '33': 'fr', // France
  '221': 'fr', // Senegal
  '223': 'fr', // Mali
  '225': 'fr', // Côte d'Ivoire
  '226': 'fr', // Burkina Faso
  '227': 'fr', // Niger
  '228': 'fr', // Togo
  '229': 'fr', // Benin
  '235': 'fr', // Chad
  '236': 'fr', // Central African Republic
  '241': 'fr', // Gabon
  '242': 'fr', // Republic of the Congo
  '243': 'fr', // DR Congo
  '257': 'fr', // Burundi
  '261': 'fr', // Madagascar
  '509': 'fr', // Haiti
  // Kinyarwanda
  '250': 'rw', // Rwanda
};

/** The language a phone number's country suggests (`+52 55…`, `5255…`), or null when it does not say. */
export function languageOfPhoneNumber(phone: string): Locale | null {
  const digits = phone.replace(/\D/g, '');
  for (let length = 4; length >= 1; length--) {
    const language = CALLING_CODES[digits.slice(0, length)];
    if (language && digits.length > length + 4) return language;
  }
  return null;
}
