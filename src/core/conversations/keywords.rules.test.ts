import { describe, expect, it } from 'vitest';
import { LANGUAGE_KEYWORDS, LANGUAGE_NAMES, matchKeyword, normalizeWord } from './keywords.rules.ts';

const table = {
  confirm: { en: ['confirm', 'yes'], es: ['confirmar', 'sí'] },
  cancel: { en: ['cancel'], es: ['cancelar'] },
};

describe('keywords', () => {
  it('maps a typed synonym to the choice id in the conversation language', () => {
    expect(matchKeyword('confirmar', table, 'es')).toBe('confirm');
    expect(matchKeyword('Confirm', table, 'es')).toBe('confirm');
  });

  it('ignores case, accents, punctuation and a leading slash', () => {
    expect(matchKeyword('  ¡SÍ! ', table, 'es')).toBe('confirm');
    expect(matchKeyword('si', table, 'es')).toBe('confirm');
    expect(matchKeyword('/cancel', table, 'en')).toBe('cancel');
    expect(normalizeWord('/start@opsdesk_bot')).toBe('start');
  });

  it('matches only whole messages', () => {
    expect(matchKeyword('I confirm it', table, 'en')).toBeUndefined();
    expect(matchKeyword('', table, 'en')).toBeUndefined();
  });

  it('recognises the language keyword in Hindi without mangling vowel signs', () => {
    expect(matchKeyword('भाषा', LANGUAGE_KEYWORDS, 'en')).toBe('language');
    expect(matchKeyword('idioma', LANGUAGE_KEYWORDS, 'hi')).toBe('language');
    expect(matchKeyword('हिंदी', LANGUAGE_NAMES, 'en')).toBe('hi');
    expect(matchKeyword('Español', LANGUAGE_NAMES, 'en')).toBe('es');
  });
});
