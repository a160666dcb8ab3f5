/**
 * 31 characters without look-alikes: digits 2-9 and A-Z minus I, L, O (so no 0/O, 1/I/L).
 * Same set as pretix ticket secrets. 31 is prime, which is what makes the check character
 * catch every single substitution and every transposition (see check-character.ts).
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Alphabet size, the modulus of the check character. */
export const CODE_BASE = CODE_ALPHABET.length;

/** Shortest code: one body character plus the check character. */
export const MIN_CODE_LENGTH = 2;

/** Longest code: weights 1..30 must stay distinct and non-zero modulo 31. */
export const MAX_CODE_LENGTH = CODE_BASE - 1;

const VALUES = new Map([...CODE_ALPHABET].map((char, value) => [char, value]));

/** Value 0..30 of an alphabet character, or undefined for anything else. */
export function codeCharValue(char: string): number | undefined {
  return VALUES.get(char);
}

/** Alphabet character of a value 0..30. */
export function codeCharAt(value: number): string {
  const char = CODE_ALPHABET[value];
  if (char === undefined) throw new RangeError(`code value out of range: ${value}`);
  return char;
}
