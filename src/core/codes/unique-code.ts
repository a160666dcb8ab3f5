import { CodeErrors } from './codes.errors.ts';
import { generateCode, type RandomBytes } from './generate-code.ts';

/**
 * Generates codes until one is stored. `tryInsert` must do the insert itself under a UNIQUE
 * constraint and return false on a unique violation (never check-then-insert), so concurrent
 * processes cannot hand out the same code. Throws `unique_code_attempts_exhausted` after `maxAttempts`.
 */
export async function createUniqueCode(options: {
  length: number;
  tryInsert: (code: string) => Promise<boolean>;
  maxAttempts?: number;
  random?: RandomBytes;
}): Promise<string> {
  const maxAttempts = options.maxAttempts ?? 10;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const code = generateCode({ length: options.length, random: options.random });
    if (await options.tryInsert(code)) return code;
  }
  throw CodeErrors.unique_code_attempts_exhausted({ attempts: maxAttempts, length: options.length });
}
