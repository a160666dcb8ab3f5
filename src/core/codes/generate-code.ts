import { checkCharacterFor } from './check-character.ts';
import { CODE_BASE, codeCharAt, MAX_CODE_LENGTH, MIN_CODE_LENGTH } from './code-alphabet.ts';
import { CodeErrors } from './codes.errors.ts';

/** Fills a byte array with random bytes, like `crypto.getRandomValues`. */
export type RandomBytes = (bytes: Uint8Array<ArrayBuffer>) => Uint8Array;

const secureRandom: RandomBytes = (bytes) => crypto.getRandomValues(bytes);

// Largest multiple of 31 that fits in a byte: bytes ≥ 248 are rejected so every value is equally likely.
const ACCEPT_BELOW = Math.floor(256 / CODE_BASE) * CODE_BASE;

/** Throws `invalid_length` unless `length` is a supported total code length (2..30). */
export function assertCodeLength(length: number): void {
  if (!Number.isInteger(length) || length < MIN_CODE_LENGTH || length > MAX_CODE_LENGTH) {
    throw CodeErrors.invalid_length({ length, min: MIN_CODE_LENGTH, max: MAX_CODE_LENGTH });
  }
}

/**
 * A fresh random code of `length` characters in total, the last being the check character
 * (length 8 → 31⁷ ≈ 2.75·10¹⁰ codes, ~34.7 bits). Uniform thanks to rejection sampling.
 */
export function generateCode(options: { length: number; random?: RandomBytes }): string {
  assertCodeLength(options.length);
  const random = options.random ?? secureRandom;
  const bodyLength = options.length - 1;
  let body = '';
  while (body.length < bodyLength) {
    for (const byte of random(new Uint8Array(bodyLength * 2))) {
      if (byte >= ACCEPT_BELOW) continue;
      body += codeCharAt(byte % CODE_BASE);
      if (body.length === bodyLength) break;
    }
  }
  return body + checkCharacterFor(body);
}
