import { CODE_BASE, codeCharAt, codeCharValue } from './code-alphabet.ts';

/*
 * Weighted check modulo 31. For a full code c[0..L-1] (body + check), position j has weight
 * L - j (the check character has weight 1), and a code is valid when Σ weight·value ≡ 0 (mod 31).
 * - Substituting a by b at position j shifts the sum by w·(b−a); 31 is prime and 1 ≤ w ≤ 30,
 *   so the shift is never ≡ 0: every single substitution is detected.
 * - Swapping a, b at positions i, j shifts it by (w_i − w_j)·(b − a); 1 ≤ |w_i − w_j| ≤ 29,
 *   so every transposition (adjacent or not) of distinct characters is detected.
 * Hence codes are at most 30 characters long. check-character.test.ts verifies this by exhaustion.
 */

function weightedSum(values: readonly number[], length: number): number {
  let total = 0;
  values.forEach((value, position) => {
    total = (total + (length - position) * value) % CODE_BASE;
  });
  return total;
}

/** The check character that makes `body + check` valid; `body` must be in the code alphabet. */
export function checkCharacterFor(body: string): string {
  const values = [...body].map((char) => {
    const value = codeCharValue(char);
    if (value === undefined) throw new RangeError(`not a code character: ${char}`);
    return value;
  });
  const partial = weightedSum(values, body.length + 1);
  return codeCharAt((CODE_BASE - partial) % CODE_BASE);
}

/** Whether a canonical code (alphabet characters only) carries a correct check character. */
export function hasValidCheckCharacter(code: string): boolean {
  const values: number[] = [];
  for (const char of code) {
    const value = codeCharValue(char);
    if (value === undefined) return false;
    values.push(value);
  }
  return values.length >= 2 && weightedSum(values, values.length) === 0;
}
