import { describe, expect, it } from 'vitest';
import { checkCharacterFor, hasValidCheckCharacter } from './check-character.ts';
import { CODE_ALPHABET, CODE_BASE, codeCharValue, MAX_CODE_LENGTH } from './code-alphabet.ts';

/**
 * A valid code of `length` with the given characters fixed at given positions: other positions
 * are '2' (value 0) except one free position, solved so that the weighted sum is 0 mod 31.
 */
function validCodeWith(length: number, fixed: Map<number, string>): string {
  const chars = Array.from({ length }, (_, position) => fixed.get(position) ?? '2');
  const free = chars.findIndex((_, position) => !fixed.has(position));
  let sum = 0;
  chars.forEach((char, position) => {
    if (position !== free) sum += (length - position) * (codeCharValue(char) ?? 0);
  });
  for (let value = 0; value < CODE_BASE; value++) {
    if ((sum + (length - free) * value) % CODE_BASE === 0) chars[free] = CODE_ALPHABET[value] ?? '';
  }
  const code = chars.join('');
  if (!hasValidCheckCharacter(code)) throw new Error(`could not build a valid code around ${code}`);
  return code;
}

const replaceAt = (code: string, position: number, char: string) =>
  code.slice(0, position) + char + code.slice(position + 1);

const swap = (code: string, i: number, j: number) => {
  const chars = [...code];
  [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  return chars.join('');
};

describe('check character', () => {
  it('uses a prime-sized alphabet without 0, O, 1, I or L', () => {
    expect(CODE_BASE).toBe(31);
    expect(new Set(CODE_ALPHABET).size).toBe(31);
    for (const lookAlike of '0O1IL') expect(CODE_ALPHABET).not.toContain(lookAlike);
  });

  it('makes body + check valid for every body', () => {
    for (const body of ['2', 'ABCDEFG', 'ZZZZZZZ', '9KM3TQ7']) {
      expect(hasValidCheckCharacter(body + checkCharacterFor(body))).toBe(true);
    }
  });

  // Detection depends only on the position and the two characters (the check is linear), so
  // trying every (position, original, replacement) on a code built around them is a proof.
  it('detects every single-character substitution at every position of an 8-character code', () => {
    const length = 8;
    let checked = 0;
    for (let position = 0; position < length; position++) {
      for (const original of CODE_ALPHABET) {
        const code = validCodeWith(length, new Map([[position, original]]));
        for (const replacement of CODE_ALPHABET) {
          if (replacement === original) continue;
          expect(hasValidCheckCharacter(replaceAt(code, position, replacement))).toBe(false);
          checked++;
        }
      }
    }
    expect(checked).toBe(8 * 31 * 30);
  });

  it('detects every adjacent transposition of distinct characters in an 8-character code', () => {
    const length = 8;
    let checked = 0;
    for (let position = 0; position < length - 1; position++) {
      for (const a of CODE_ALPHABET) {
        for (const b of CODE_ALPHABET) {
          if (a === b) continue;
          const code = validCodeWith(
            length,
            new Map([
              [position, a],
              [position + 1, b],
            ]),
          );
          expect(hasValidCheckCharacter(swap(code, position, position + 1))).toBe(false);
          checked++;
        }
      }
    }
    expect(checked).toBe(7 * 31 * 30);
  });

  it('detects non-adjacent transpositions too, at the longest supported length', () => {
    const length = MAX_CODE_LENGTH;
    for (let i = 0; i < length; i++) {
      for (let j = i + 1; j < length; j++) {
        const code = validCodeWith(
          length,
          new Map([
            [i, 'A'],
            [j, 'Z'],
          ]),
        );
        expect(hasValidCheckCharacter(swap(code, i, j))).toBe(false);
      }
    }
  });

  it('refuses strings with characters outside the alphabet or shorter than two characters', () => {
    expect(hasValidCheckCharacter('2')).toBe(false);
    expect(hasValidCheckCharacter('ABCDEFG0')).toBe(false);
  });
});
