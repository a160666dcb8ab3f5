import { hasValidCheckCharacter } from './check-character.ts';
import { codeCharValue } from './code-alphabet.ts';
import { CodeErrors } from './codes.errors.ts';
import { assertCodeLength } from './generate-code.ts';

const SEPARATORS = /[\s\-.·_]/gu;

/**
 * Canonical form of what a person typed: Unicode NFKC (full-width letters), upper case,
 * spaces/dashes/dots/underscores removed. Look-alikes are NOT mapped: 0, O, 1, I and L are not
 * in the alphabet, so there is no single right guess; they are refused as `invalid_character`
 * naming the character and its position, so the UI can say "there is no letter O in codes".
 */
export function normalizeCode(input: string): string {
  const code = input.normalize('NFKC').toUpperCase().replace(SEPARATORS, '');
  [...code].forEach((character, position) => {
    if (codeCharValue(character) === undefined) {
      throw CodeErrors.invalid_character({ character, position });
    }
  });
  return code;
}

/**
 * Normalises and fully checks typed input: characters, total length (when given) and check
 * character. Returns the canonical code or throws `invalid_character` / `invalid_length` / `check_mismatch`.
 */
export function parseCode(input: string, options: { length?: number } = {}): string {
  const code = normalizeCode(input);
  if (options.length !== undefined) assertCodeLength(options.length);
  if (options.length !== undefined ? code.length !== options.length : code.length < 2) {
    throw CodeErrors.invalid_length({ length: code.length, expected: options.length });
  }
  if (!hasValidCheckCharacter(code)) throw CodeErrors.check_mismatch();
  return code;
}

/** Whether typed input is a valid code (optionally of a given total length); never throws. */
export function isValidCode(input: string, options: { length?: number } = {}): boolean {
  try {
    parseCode(input, options);
    return true;
  } catch (error) {
    if (CodeErrors.kinds.some((kind) => kind.is(error))) return false;
    throw error;
  }
}
