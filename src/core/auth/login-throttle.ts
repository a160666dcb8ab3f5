import type { Clock } from '../../platform/clock/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { AuthErrors } from './auth.errors.ts';
import type { AuthTables } from './auth.tables.ts';
import { claimAttempt, type ThrottleSettings } from './login-throttle.rules.ts';

export interface ThrottleDeps {
  /** Unscoped: sign-in happens before the organization is known. */
  db: Db;
  clock: Clock;
  settings: ThrottleSettings;
}

/** Which client tries which account; the e-mail as typed, so unknown e-mails are throttled alike. */
export interface AttemptKey {
  email: string;
  clientIp: string | undefined;
}

const keyOf = (k: AttemptKey) => ({
  account: k.email.trim().toLowerCase(),
  client_ip: k.clientIp ?? 'unknown',
});

/**
 * Counts one sign-in attempt of a client for an account, or refuses it with `login_locked` while
 * that pair is locked. The decision and its write happen under the pair's row lock, so parallel
 * attempts from several processes are counted one after another.
 */
export async function claimLoginAttempt(deps: ThrottleDeps, key: AttemptKey): Promise<void> {
  const { account, client_ip } = keyOf(key);
  const now = deps.clock.now();
  const decision = await deps.db.transaction().execute(async (tx) => {
    const db = tx.withTables<AuthTables>();
    await db
      .insertInto('login_throttle')
      .values({ account, client_ip, failures: 0, last_failure_at: now, locked_until: null })
      .onConflict((oc) => oc.columns(['account', 'client_ip']).doNothing())
      .execute();
    const row = await db
      .selectFrom('login_throttle')
      .select(['failures', 'last_failure_at', 'locked_until'])
      .where('account', '=', account)
      .where('client_ip', '=', client_ip)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const result = claimAttempt(
      { failures: row.failures, lastFailureAt: row.last_failure_at, lockedUntil: row.locked_until },
      now,
      deps.settings,
    );
    if (result.allowed) {
      await db
        .updateTable('login_throttle')
        .set({
          failures: result.next.failures,
          last_failure_at: result.next.lastFailureAt,
          locked_until: result.next.lockedUntil,
        })
        .where('account', '=', account)
        .where('client_ip', '=', client_ip)
        .execute();
    }
    return result;
  });
  // Refused before the password is looked at: the answer cannot tell a right password from a
  // wrong one, nor a known e-mail from an unknown one.
  if (!decision.allowed) throw AuthErrors.login_locked({ retryAfterSeconds: decision.retryAfterSeconds });
}

/** A successful sign-in forgets the failures of that client for that account (and only those). */
export async function clearLoginAttempts(db: Db, key: AttemptKey): Promise<void> {
  const { account, client_ip } = keyOf(key);
  await db
    .withTables<AuthTables>()
    .deleteFrom('login_throttle')
    .where('account', '=', account)
    .where('client_ip', '=', client_ip)
    .execute();
}

/**
 * Forgets failed sign-ins last seen before `before` whose lock (if any) has run out: the account and
 * address they name are personal data (retention, issue 18). Deployment-wide: the table has no
 * organization. Returns how many went (none when `dryRun`, only counted).
 */
export async function pruneLoginAttempts(db: Db, before: Date, now: Date, dryRun = false): Promise<number> {
  const base = db.withTables<AuthTables>();
  if (dryRun) {
    const row = await base
      .selectFrom('login_throttle')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('last_failure_at', '<', before)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
  const result = await base
    .deleteFrom('login_throttle')
    .where('last_failure_at', '<', before)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
