import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Constant-time equality of a secret a channel sent (verify token, webhook secret) and the
 * configured one. Both are hashed first, so their lengths leak nothing either.
 */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}
