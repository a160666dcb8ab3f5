import { describe, expect, it } from 'vitest';
import { hasValidCheckCharacter } from './check-character.ts';
import { CODE_ALPHABET } from './code-alphabet.ts';
import { generateCode } from './generate-code.ts';

describe('generateCode', () => {
  it('returns codes of the requested total length that pass their own check', () => {
    for (let run = 0; run < 500; run++) {
      const code = generateCode({ length: 8 });
      expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
      expect(hasValidCheckCharacter(code)).toBe(true);
    }
  });

  it('rejects random bytes at or above 248 instead of taking them modulo 31', () => {
    // 248..255 would map to values 0..7 a second time and bias codes towards '2'..'9'.
    const bytes = [248, 255, 250, 0, 30, 247];
    const random = (buffer: Uint8Array) => {
      buffer.fill(0);
      buffer.set(bytes.slice(0, buffer.length));
      return buffer;
    };
    const code = generateCode({ length: 4, random });
    expect(code.slice(0, 3)).toBe(`${CODE_ALPHABET[0]}${CODE_ALPHABET[30]}${CODE_ALPHABET[247 % 31]}`);
  });

  it('keeps drawing bytes until the body is complete', () => {
    let calls = 0;
    const random = (buffer: Uint8Array) => {
      calls++;
      return buffer.fill(calls < 3 ? 255 : 40);
    };
    expect(generateCode({ length: 5, random }).slice(0, 4)).toBe(CODE_ALPHABET[40 % 31]?.repeat(4));
    expect(calls).toBe(3);
  });

  it('spreads characters evenly over the alphabet', () => {
    const counts = new Map<string, number>();
    for (let run = 0; run < 4000; run++) {
      for (const char of generateCode({ length: 9 }).slice(0, 8))
        counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    const expected = (4000 * 8) / 31;
    for (const char of CODE_ALPHABET) {
      expect(Math.abs((counts.get(char) ?? 0) - expected) / expected).toBeLessThan(0.15);
    }
  });

  it('refuses lengths outside 2..30', () => {
    for (const length of [1, 31, 7.5]) {
      expect(() => generateCode({ length })).toThrowError(
        expect.objectContaining({ code: 'codes.invalid_length' }),
      );
    }
  });
});
