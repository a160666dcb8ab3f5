import { hash, verify } from '@node-rs/argon2';
import { AuthErrors } from './auth.errors.ts';

// argon2id with OWASP's second recommended profile (19 MiB, 2 passes): ~30 ms here.
const PARAMS = { algorithm: 2 as const, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$2Xg9eNg4zWSFk2ybV/Kw4U9zuaXNKSDqqvvk0NCTy+8';

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

/** Verifies in constant time; with no stored hash it still spends the same time (no user enumeration). */
export async function verifyPassword(stored: string | undefined, password: string): Promise<boolean> {
  try {
    const ok = await verify(stored ?? DUMMY_HASH, password);
    return stored !== undefined && ok;
  } catch {
    return false;
  }
}

/** At least 10 characters and not a single repeated character: length beats composition rules (NIST 800-63B). */
export function assertStrongPassword(password: string): void {
  if (password.length < 10 || /^(.)\1*$/.test(password)) {
    throw AuthErrors.weak_password(
      {},
      { message: 'Use at least 10 characters; a short sentence works well.' },
    );
  }
}
