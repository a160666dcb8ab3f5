/**
 * Translations contributed by module extensions (`web/console/src/modules/*`). Kept apart from the
 * i18n provider so modules can register before the provider builds its first catalog.
 */
const extra: Record<'en' | 'hi' | 'es', object[]> = { en: [], hi: [], es: [] };

/** Adds a module's strings for one language (`registerMessages('hi', { raffle: {...} })`). */
export function registerMessages(locale: 'en' | 'hi' | 'es', messages: object): void {
  extra[locale].push(messages);
}

/** Everything modules registered for a language. */
export function moduleMessages(locale: 'en' | 'hi' | 'es'): object[] {
  return extra[locale];
}
