import { LOCALES, type Locale } from '../../../../src/core/i18n/index.ts';

type ConsoleLanguage = Locale;

/** Each language's name where the browser's `Intl.DisplayNames` gives back only its code. */
const NAMES: Record<ConsoleLanguage, Record<(typeof LOCALES)[number], string>> = {
  en: { en: 'English', hi: 'Hindi', es: 'Spanish', fr: 'French', rw: 'Kinyarwanda' },
  hi: { en: 'अंग्रेज़ी', hi: 'हिन्दी', es: 'स्पेनिश', fr: 'फ़्रेंच', rw: 'किन्यारवांडा' },
  es: { en: 'Inglés', hi: 'Hindi', es: 'Español', fr: 'Francés', rw: 'Kinyarwanda' },
  fr: { en: 'Anglais', hi: 'Hindi', es: 'Espagnol', fr: 'Français', rw: 'Kinyarwanda' },
  rw: { en: 'Icyongereza', hi: 'Igihindi', es: 'Icyesipanyolo', fr: 'Igifaransa', rw: 'Ikinyarwanda' },
};

/** A language's name in `language`, capitalized as a label ("Kinyarwanda", "Francés"). */
export function languageName(language: ConsoleLanguage, code: (typeof LOCALES)[number]): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([language], { type: 'language', fallback: 'none' }).of(code);
  } catch {
    name = undefined;
  }
  if (!name || name.toLowerCase() === code) return NAMES[language][code];
  return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
}

/**
 * `od.language_names.<code>` for every language the server speaks, named in the reader's language:
 * a language column (a customer's `rw`) reads "Kinyarwanda", "किन्यारवांडा" or "Kinyarwanda", never
 * the code (issue 28). The server labels such options with these keys (`languageOptionLabel`).
 */
export const languageNames = (language: ConsoleLanguage) => ({
  od: { language_names: Object.fromEntries(LOCALES.map((code) => [code, languageName(language, code)])) },
});
