/**
 * RFC 4648 §6 Base32 (A-Z, 2-7), upper case, without padding. Chosen over Base45 for passes:
 * every character is in the QR alphanumeric set AND survives USB keyboard-wedge scanners, URLs,
 * trimming and caps lock (decoding is case-insensitive), at ~10 more characters per pass.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const VALUES = new Map([...ALPHABET].map((char, value) => [char, value]));

/** Why a Base32 string was refused. */
export class Base32Error extends Error {
  constructor(readonly reason: 'invalid_character' | 'invalid_length' | 'non_canonical') {
    super(`base32: ${reason}`);
    this.name = 'Base32Error';
  }
}

/** Bytes → unpadded upper-case Base32. */
export function encodeBase32(bytes: Uint8Array): string {
  let output = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      output += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += ALPHABET[(buffer << (5 - bits)) & 31];
  return output;
}

/**
 * Decodes as many whole bytes as `text` holds, and says whether the text was the one canonical
 * encoding of them (complete final group, zero leftover bits). Case-insensitive; `=` padding allowed.
 */
export function decodeBase32Prefix(text: string): { bytes: Uint8Array; canonical: boolean } {
  const clean = text.toUpperCase().replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((clean.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of clean) {
    const value = VALUES.get(char);
    if (value === undefined) throw new Base32Error('invalid_character');
    buffer = ((buffer << 5) | value) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes[index++] = (buffer >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  const leftover = buffer & ((1 << bits) - 1);
  const canonical = [0, 2, 4, 5, 7].includes(clean.length % 8) && leftover === 0;
  return { bytes, canonical };
}

/** Unpadded (or padded) Base32 → bytes; refuses foreign characters and non-canonical strings. */
export function decodeBase32(text: string): Uint8Array {
  const { bytes, canonical } = decodeBase32Prefix(text);
  if (![0, 2, 4, 5, 7].includes(text.replace(/=+$/, '').length % 8)) throw new Base32Error('invalid_length');
  if (!canonical) throw new Base32Error('non_canonical');
  return bytes;
}
