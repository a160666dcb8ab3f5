import { LOCALES, type Locale } from '../i18n/index.ts';
import type { KeywordTable } from './flow.types.ts';

/**
 * The comparable form of a typed word: trimmed, lower-cased, Latin accents and a leading `/` (Telegram
 * commands) removed, surrounding punctuation dropped. Devanagari vowel signs are kept: they are letters.
 */
export function normalizeWord(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .trim()
    .replace(/^\//, '')
    .replace(/@\w+$/, '')
    .replace(/^[\s¡¿"'.,!?]+|[\s"'.,!?]+$/g, '')
    .replace(/\s+/g, ' ');
}

/**
 * The choice a typed message means, if the whole message is one of the flow's keywords. The
 * conversation's language is tried first, then every other, because people mix languages.
 */
export function matchKeyword(text: string, table: KeywordTable, language: Locale): string | undefined {
  const word = normalizeWord(text);
  if (!word) return undefined;
  const order = [language, ...LOCALES.filter((l) => l !== language)];
  for (const locale of order) {
    for (const [choiceId, byLanguage] of Object.entries(table)) {
      if (byLanguage[locale]?.some((k) => normalizeWord(k) === word)) return choiceId;
    }
  }
  return undefined;
}

/**
 * Common words of a first message, per language (Devanagari script alone means Hindi); no word in two
 * lists. Words of one business (`rifa`, `compteur`) are its flow's own (`languageClues`).
 */
const LANGUAGE_CLUES: Record<Locale, ReadonlyArray<string>> = {
  es: [
    'hola',
    'buenas',
    'buenos',
    'dias',
    'tardes',
    'noches',
    'quiero',
    'comprar',
    'numero',
    'numeros',
    'mis',
    'gracias',
    'por',
    'favor',
    'si',
    'ayuda',
    'cuanto',
    'precio',
    'que',
    'como',
  ],
  en: [
    'hi',
    'hello',
    'hey',
    'good',
    'morning',
    'evening',
    'want',
    'buy',
    'number',
    'numbers',
    'my',
    'thanks',
    'thank',
    'please',
    'yes',
    'help',
    'how',
    'much',
    'price',
    'what',
  ],
  hi: ['namaste', 'namaskar', 'kya', 'hai', 'mujhe', 'chahiye', 'dhanyavad', 'haan'],
  fr: [
    'bonjour',
    'bonsoir',
    'salut',
    'merci',
    'je',
    'veux',
    'voudrais',
    'acheter',
    'combien',
    'prix',
    'oui',
    'aide',
    'mon',
    'svp',
    'pour',
    'avec',
    'est',
  ],
  rw: [
    'muraho',
    'mwaramutse',
    'mwiriwe',
    'amakuru',
    'murakoze',
    'ndashaka',
    'kugura',
    'yego',
    'oya',
    'ubufasha',
    'angahe',
    'igiciro',
    'amafaranga',
    'nimero',
  ],
};

/**
 * The language a message is written in, from its script, common words and the flow's own words
 * (`clues`); null when it does not say (digits, one unknown word, a tie).
 */
export function detectLanguage(
  text: string,
  clues: Partial<Record<Locale, ReadonlyArray<string>>> = {},
): Locale | null {
  if (/[ऀ-ॿ]/.test(text)) return 'hi';
  const words = normalizeWord(text)
    .split(/[^a-z]+/)
    .filter(Boolean);
  const own = (l: Locale) => (clues[l] ?? []).map(normalizeWord);
  const scores = LOCALES.map((l) => {
    const known = [...LANGUAGE_CLUES[l], ...own(l)];
    return { l, n: words.filter((w) => known.includes(w)).length };
  });
  scores.sort((a, b) => b.n - a.n);
  const [best, second] = scores;
  return best && best.n > 0 && best.n > (second?.n ?? 0) ? best.l : null;
}

/** Words that open the language menu in every state, in every language. */
export const LANGUAGE_KEYWORDS: KeywordTable = {
  language: {
    en: ['language', 'lang'],
    es: ['idioma', 'lenguaje'],
    hi: ['भाषा', 'bhasha'],
    fr: ['langue'],
    rw: ['ururimi', 'indimi'],
  },
};

/** How people name the languages, when answering the language menu by typing. */
export const LANGUAGE_NAMES: KeywordTable = {
  en: { en: ['english', 'en'], es: ['ingles'], hi: ['अंग्रेज़ी', 'अंग्रेजी'], fr: ['anglais'], rw: ['icyongereza'] },
  es: { en: ['spanish', 'es'], es: ['espanol', 'castellano'], hi: ['स्पेनिश'], fr: ['espagnol'] },
  hi: { en: ['hindi', 'hi'], es: ['hindi'], hi: ['हिन्दी', 'हिंदी'] },
  fr: { en: ['french', 'fr'], es: ['frances'], fr: ['francais'], rw: ['igifaransa'] },
  rw: { en: ['kinyarwanda', 'rw'], fr: ['kinyarwanda'], rw: ['ikinyarwanda', 'kinyarwanda'] },
};

/** The language menu's own titles: each language in itself. */
export const LANGUAGE_TITLES: Record<Locale, string> = {
  en: 'English',
  es: 'Español',
  hi: 'हिन्दी',
  fr: 'Français',
  rw: 'Ikinyarwanda',
};
