import { describe, expect, it } from 'vitest';
import { checkCharacterFor } from './check-character.ts';
import { formatCode } from './format-code.ts';
import { isValidCode, normalizeCode, parseCode } from './parse-code.ts';

const valid = `ABCD234${checkCharacterFor('ABCD234')}`;

describe('normalizeCode', () => {
  it('upper-cases and strips spaces, dashes, dots and underscores', () => {
    expect(normalizeCode(' abcd-23.45 x_y ')).toBe('ABCD2345XY');
  });

  it('folds full-width characters typed on CJK keyboards', () => {
    expect(normalizeCode('ＡＢ２３')).toBe('AB23');
  });

  it('refuses look-alikes instead of guessing, naming the character and position', () => {
    expect(() => normalizeCode('AB0D')).toThrowError(
      expect.objectContaining({ code: 'codes.invalid_character', details: { character: '0', position: 2 } }),
    );
    for (const input of ['o', 'I', 'l', '1', 'AB#D']) {
      expect(() => normalizeCode(input)).toThrowError(
        expect.objectContaining({ code: 'codes.invalid_character' }),
      );
    }
  });
});

describe('parseCode', () => {
  it('returns the canonical code for typed input with a correct check character', () => {
    expect(parseCode(formatCode(valid).toLowerCase(), { length: 8 })).toBe(valid);
  });

  it('refuses a wrong length and a wrong check character with distinct codes', () => {
    expect(() => parseCode(valid.slice(0, 7), { length: 8 })).toThrowError(
      expect.objectContaining({ code: 'codes.invalid_length' }),
    );
    const typo = `${valid.slice(0, 7)}${valid.endsWith('2') ? '3' : '2'}`;
    expect(() => parseCode(typo, { length: 8 })).toThrowError(
      expect.objectContaining({ code: 'codes.check_mismatch' }),
    );
  });
});

describe('isValidCode', () => {
  it('answers without throwing', () => {
    expect(isValidCode(valid)).toBe(true);
    expect(isValidCode(formatCode(valid), { length: 8 })).toBe(true);
    expect(isValidCode(valid, { length: 9 })).toBe(false);
    expect(isValidCode('O0O0')).toBe(false);
    expect(isValidCode('')).toBe(false);
  });
});

describe('formatCode', () => {
  it('groups characters for reading aloud', () => {
    expect(formatCode('ABCD2345')).toBe('ABCD-2345');
    expect(formatCode('ABCD2345', 3, ' ')).toBe('ABC D23 45');
  });
});
