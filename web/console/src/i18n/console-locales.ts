/** The console's languages; a module translates its words into English and its users' languages. */
export type ConsoleLocale = 'en' | 'hi' | 'es' | 'fr' | 'rw';

/** The console's languages, every one the server speaks (`src/core/i18n/locale.ts`), named in themselves. */
export const LOCALES = [
  { locale: 'en', name: 'English' },
  { locale: 'hi', name: 'हिन्दी' },
  { locale: 'es', name: 'Español' },
  { locale: 'fr', name: 'Français' },
  { locale: 'rw', name: 'Ikinyarwanda' },
] as const satisfies ReadonlyArray<{ locale: ConsoleLocale; name: string }>;
