/**
 * Words, not codes (issue 41): what a reader would call a code in a text. Browser tests read screens with
 * it (screen-words.ts); the console's catalog test reads every word of every language with it, without a
 * browser or a server (web/console/src/i18n/catalog-words.test.ts).
 */
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/** `module.key.path`: three or more dotted lowercase words, the shape of an i18n key or an audit code. */
const KEY = /(?<![\w@/.-])[a-z][a-z0-9]*(?:\.[a-z][a-zA-Z0-9_]*){2,}(?![\w@/-])/g;
/** `snake_case_code`: lowercase words joined by underscores. */
const SNAKE = /(?<![\w@/.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w@/-])/g;

/** The UUIDs, i18n keys and snake_case codes in a text, each once; e-mail addresses and links are left out. */
export function codesIn(text: string): string[] {
  const words = text.replace(/\S+@\S+/g, ' ').replace(/https?:\/\/\S+/g, ' ');
  return [
    ...new Set([...words.matchAll(UUID), ...words.matchAll(KEY), ...words.matchAll(SNAKE)].map((m) => m[0])),
  ];
}
