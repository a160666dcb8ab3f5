import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { isLockWaitFailure, PlatformErrors } from '../errors/index.ts';

/** How long a transaction waits for any lock once it took named locks: then it gives up with `busy`. */
export const LOCK_TIMEOUT_MS = 5_000;

/**
 * The 64-bit advisory lock key of a name: the first 8 bytes of its SHA-256, as a signed bigint
 * (PostgreSQL's key type). Computed here, not with `hashtext`, so the keys can be sorted before
 * they are taken.
 */
export function lockKeyOf(name: string): bigint {
  return createHash('sha256').update(name).digest().readBigInt64BE(0);
}

/** The keys of `names`, without repeats, in the one order every transaction takes them. */
export function canonicalLockKeys(names: ReadonlyArray<string>): bigint[] {
  const keys = [...new Set(names.map(lockKeyOf))];
  return keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Takes transaction-level advisory locks on every named object, as pretix's `lock_objects` does:
 * the caller names everything it will decide, the keys are sorted into one canonical order and
 * taken in one statement, so two transactions naming overlapping sets wait for each other in one
 * direction and never deadlock. `lock_timeout` is set for the rest of the transaction first: no
 * wait (for these locks or any row lock after them) lasts longer, and a timeout is
 * `PlatformErrors.busy` (409), never a 500. Taking a name the transaction already holds is free.
 *
 * Call it before any row lock of the objects it names, and name every object in one call: a
 * second call while holding the first set can wait out of order.
 */
export async function lockKeys(
  db: Kysely<object>,
  names: ReadonlyArray<string>,
  options: { timeoutMs?: number } = {},
): Promise<void> {
  if (!db.isTransaction) throw new Error('lockKeys needs a transaction: its locks last until it ends');
  const keys = canonicalLockKeys(names);
  if (keys.length === 0) return;
  const timeout = `${Math.max(1, Math.round(options.timeoutMs ?? LOCK_TIMEOUT_MS))}ms`;
  await sql`select set_config('lock_timeout', ${timeout}, true)`.execute(db);
  try {
    // A function scan over `unnest` yields the array in its order, so the locks are taken sorted.
    await sql`select pg_advisory_xact_lock(k) from unnest(${keys.map(String)}::bigint[]) as k`.execute(db);
  } catch (err) {
    if (isLockWaitFailure(err))
      throw PlatformErrors.busy({}, { message: 'Someone else is changing this right now' });
    throw err;
  }
}

/**
 * Takes the named transaction-level advisory locks only where nobody else holds them now: it never
 * waits. Answers whether it holds them all; any it did take stay held until the transaction ends
 * (harmless: a caller that cannot have them all goes another way instead of waiting).
 */
export async function tryLockKeys(db: Kysely<object>, names: ReadonlyArray<string>): Promise<boolean> {
  if (!db.isTransaction) throw new Error('tryLockKeys needs a transaction: its locks last until it ends');
  const keys = canonicalLockKeys(names);
  if (keys.length === 0) return true;
  const { rows } = await sql<{ held: boolean }>`
    select bool_and(pg_try_advisory_xact_lock(k)) as held
    from unnest(${keys.map(String)}::bigint[]) as k`.execute(db);
  return rows[0]?.held === true;
}
