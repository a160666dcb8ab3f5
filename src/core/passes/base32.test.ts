import { describe, expect, it } from 'vitest';
import { decodeBase32, decodeBase32Prefix, encodeBase32 } from './base32.ts';

const ascii = (text: string) => new TextEncoder().encode(text);

// RFC 4648 §10 test vectors, padding removed.
const vectors: Array<[string, string]> = [
  ['', ''],
  ['f', 'MY'],
  ['fo', 'MZXQ'],
  ['foo', 'MZXW6'],
  ['foob', 'MZXW6YQ'],
  ['fooba', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI'],
];

describe('base32', () => {
  for (const [plain, encoded] of vectors) {
    it(`encodes "${plain}" as "${encoded}" (RFC 4648 §10)`, () => {
      expect(encodeBase32(ascii(plain))).toBe(encoded);
      expect(decodeBase32(encoded)).toEqual(ascii(plain));
    });
  }

  it('accepts RFC padding and lower case when decoding', () => {
    expect(decodeBase32('MZXW6YQ=')).toEqual(ascii('foob'));
    expect(decodeBase32('mzxw6ytboi')).toEqual(ascii('foobar'));
  });

  it('round-trips every byte value at every length up to 40', () => {
    for (let length = 0; length <= 40; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length * 11) % 256);
      const encoded = encodeBase32(bytes);
      expect(encoded).toMatch(/^[A-Z2-7]*$/);
      expect(decodeBase32(encoded)).toEqual(bytes);
    }
  });

  it('refuses characters outside the alphabet, impossible lengths and non-zero leftover bits', () => {
    expect(() => decodeBase32('MZ1W')).toThrowError(expect.objectContaining({ reason: 'invalid_character' }));
    expect(() => decodeBase32('MZX')).toThrowError(expect.objectContaining({ reason: 'invalid_length' }));
    // 'MZ' is "f"; 'M3' carries the same byte with non-zero leftover bits: a second spelling.
    expect(() => decodeBase32('M3')).toThrowError(expect.objectContaining({ reason: 'non_canonical' }));
  });

  it('decodes the whole bytes of a cut string and flags it as not canonical', () => {
    const { bytes, canonical } = decodeBase32Prefix('MZXW6YT');
    expect(bytes).toEqual(ascii('foob'));
    expect(canonical).toBe(false);
  });
});
