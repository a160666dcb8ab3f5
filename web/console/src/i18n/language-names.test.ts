import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../../src/core/i18n/index.ts';
import { languageName, languageNames } from './language-names.ts';

describe('language names (issue 28)', () => {
  it.each(LOCALES)('names every language the server speaks in %s, never by its code', (reader) => {
    const names = languageNames(reader).od.language_names;
    expect(Object.keys(names)).toEqual([...LOCALES]);
    for (const [code, name] of Object.entries(names)) {
      expect(name.toLowerCase()).not.toBe(code);
      expect(name.length).toBeGreaterThan(2);
    }
  });

  it("names Kinyarwanda and French in the reader's language, as a label", () => {
    expect(languageName('en', 'rw')).toBe('Kinyarwanda');
    expect(languageName('hi', 'rw')).toBe('किन्यारवांडा');
    expect(languageName('es', 'rw')).toBe('Kinyarwanda');
    expect(languageName('es', 'fr')).toBe('Francés');
    expect(languageName('hi', 'fr')).toBe('फ़्रेंच');
    expect(languageName('fr', 'rw')).toBe('Kinyarwanda');
    expect(languageName('fr', 'en')).toBe('Anglais');
    expect(languageName('rw', 'fr')).toBe('Igifaransa');
  });
});
