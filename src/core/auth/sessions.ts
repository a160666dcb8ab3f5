import { sql } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Config } from '../../platform/config/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { newSecret, sha256Hex } from '../../platform/ids/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Events } from '../context/index.ts';
import { AuthErrors } from './auth.errors.ts';
import type { AuthTables } from './auth.tables.ts';
import type { ThrottleSettings } from './login-throttle.rules.ts';
import { claimLoginAttempt, clearLoginAttempts } from './login-throttle.ts';
import { chooseSignInMembership, membershipState } from './membership.rules.ts';
import { verifyPassword } from './passwords.ts';
import type { Role } from './permissions.rules.ts';

export interface SessionSettings extends ThrottleSettings {
  sessionHours: number;
}

/** The deployment's sign-in settings: failures before a lock, the lock's minutes, a session's hours. */
export const sessionSettingsOf = (
  config: Pick<Config, 'OPSDESK_LOGIN_MAX_FAILURES' | 'OPSDESK_LOGIN_LOCK_MINUTES' | 'OPSDESK_SESSION_HOURS'>,
): SessionSettings => ({
  maxFailures: config.OPSDESK_LOGIN_MAX_FAILURES,
  lockMinutes: config.OPSDESK_LOGIN_LOCK_MINUTES,
  sessionHours: config.OPSDESK_SESSION_HOURS,
});

export interface SessionDeps {
  /** Unscoped: sign-in happens before the organization is known. */
  db: Db;
  clock: Clock;
  /** For the audit entries of sign-ins (they raise no events, but every context carries them). */
  events: Events;
  settings: SessionSettings;
}

/** What a request knows about its signed-in user. */
export interface SessionInfo {
  sessionId: string;
  userId: string;
  orgId: string;
  role: Role;
  extraPermissions: string[];
  csrfToken: string;
  name: string;
  email: string;
  locale: string;
  /** The modules its organization chose to run; null: every enabled module. */
  orgModules: string[] | null;
}

const TOUCH_EVERY_MS = 60_000;

/**
 * Signs a staff member in to one of their organizations (see chooseSignInMembership). Attempts
 * are throttled per account and client before the password is checked (login-throttle.ts), so
 * guessing from one address cannot lock the owner out from another; unknown e-mails cost the
 * same time and are throttled alike.
 */
export async function login(
  deps: SessionDeps,
  input: { email: string; password: string; orgSlug?: string; ip?: string; userAgent?: string },
): Promise<{ token: string; session: SessionInfo }> {
  const db = deps.db.withTables<AuthTables>();
  const now = deps.clock.now();
  const attempt = { email: input.email, clientIp: input.ip };
  await claimLoginAttempt(deps, attempt);
  const user = await db
    .selectFrom('staff_user')
    .selectAll()
    .where(sql`lower(email)`, '=', input.email.trim().toLowerCase())
    .executeTakeFirst();
  const ok = await verifyPassword(user?.password_hash, input.password);
  if (!user || !ok) throw AuthErrors.invalid_credentials();
  await clearLoginAttempts(deps.db, attempt);

  const token = newSecret();
  const csrfToken = newSecret(24);
  const expiresAt = new Date(now.getTime() + deps.settings.sessionHours * 3_600_000);
  const { session, membership, orgModules } = await deps.db.transaction().execute(async (tx) => {
    const trx = tx.withTables<AuthTables>();
    // Locked so a concurrent disable either sees this session (and revokes it) or is seen here.
    const candidates = await trx
      .selectFrom('membership as m')
      .innerJoin('organization as o', 'o.id', 'm.org_id')
      .select(['m.org_id', 'o.slug', 'o.modules', 'm.accepted_at', 'm.disabled_at', 'm.created_at'])
      .where('m.user_id', '=', user.id)
      .forUpdate('m')
      .execute();
    const choice = chooseSignInMembership(
      candidates.map((c) => ({
        orgId: c.org_id,
        orgSlug: c.slug,
        state: membershipState({ acceptedAt: c.accepted_at, disabledAt: c.disabled_at }),
        createdAt: c.created_at,
      })),
      input.orgSlug,
    );
    if (!choice.ok) throw AuthErrors[choice.code]();
    const membership = choice.accept
      ? await trx
          .updateTable('membership')
          .set({ accepted_at: now })
          .where('org_id', '=', choice.orgId)
          .where('user_id', '=', user.id)
          .returning(['org_id', 'role', 'extra_permissions', 'member_id'])
          .executeTakeFirstOrThrow()
      : await trx
          .selectFrom('membership')
          .select(['org_id', 'role', 'extra_permissions', 'member_id'])
          .where('org_id', '=', choice.orgId)
          .where('user_id', '=', user.id)
          .executeTakeFirstOrThrow();
    const actor = { type: 'user' as const, id: user.id, label: user.email };
    const audit = { orgId: membership.org_id, db: tx, clock: deps.clock, events: deps.events, actor };
    if (choice.accept)
      await recordAudit(audit, {
        action: 'platform.member.accepted',
        // the organization's own name for the member: the id its invitation answered
        subject: { type: 'staff_user', id: membership.member_id },
        meta: { via: 'sign-in' },
      });
    const row = await trx
      .insertInto('staff_session')
      .values({
        org_id: membership.org_id,
        user_id: user.id,
        token_hash: sha256Hex(token),
        csrf_token: csrfToken,
        ip: input.ip ?? null,
        user_agent: input.userAgent?.slice(0, 300) ?? null,
        expires_at: expiresAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(audit, {
      action: 'platform.session.started',
      subject: { type: 'staff_user', id: user.id },
      meta: { ip: input.ip ?? null },
    });
    const orgModules = candidates.find((c) => c.org_id === membership.org_id)!.modules;
    return { session: row, membership, orgModules };
  });
  return {
    token,
    session: {
      sessionId: session.id,
      userId: user.id,
      orgId: membership.org_id,
      role: membership.role,
      extraPermissions: membership.extra_permissions,
      csrfToken,
      name: user.name,
      email: user.email,
      locale: user.locale,
      orgModules,
    },
  };
}

/** The live session behind a cookie token, sliding its expiry at most once a minute. */
export async function resolveSession(deps: SessionDeps, token: string): Promise<SessionInfo | undefined> {
  const db = deps.db.withTables<AuthTables>();
  const now = deps.clock.now();
  const row = await db
    .selectFrom('staff_session as s')
    .innerJoin('staff_user as u', 'u.id', 's.user_id')
    .innerJoin('membership as m', (j) =>
      j.onRef('m.user_id', '=', 's.user_id').onRef('m.org_id', '=', 's.org_id'),
    )
    .innerJoin('organization as o', 'o.id', 's.org_id')
    .select([
      'o.modules as org_modules',
      's.id',
      's.user_id',
      's.org_id',
      's.csrf_token',
      's.last_seen_at',
      'm.role',
      'm.extra_permissions',
      'u.name',
      'u.email',
      'u.locale',
    ])
    .where('s.token_hash', '=', sha256Hex(token))
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', now)
    // A pending or disabled membership grants nothing, whatever sessions it had.
    .where('m.accepted_at', 'is not', null)
    .where('m.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    await db
      .updateTable('staff_session')
      .set({
        last_seen_at: now,
        expires_at: new Date(now.getTime() + deps.settings.sessionHours * 3_600_000),
      })
      .where('id', '=', row.id)
      .execute();
  }
  return {
    sessionId: row.id,
    userId: row.user_id,
    orgId: row.org_id,
    role: row.role,
    extraPermissions: row.extra_permissions,
    csrfToken: row.csrf_token,
    name: row.name,
    email: row.email,
    locale: row.locale,
    orgModules: row.org_modules,
  };
}

/** Ends one session. */
export async function logout(deps: SessionDeps, sessionId: string): Promise<void> {
  await deps.db
    .withTables<AuthTables>()
    .updateTable('staff_session')
    .set({ revoked_at: deps.clock.now() })
    .where('id', '=', sessionId)
    .execute();
}

/** Moves a session to another organization where the user's membership is active. */
export async function switchOrganization(
  deps: SessionDeps,
  session: SessionInfo,
  orgId: string,
): Promise<void> {
  const db = deps.db.withTables<AuthTables>();
  const member = await db
    .selectFrom('membership')
    .select('role')
    .where('user_id', '=', session.userId)
    .where('org_id', '=', orgId)
    .where('accepted_at', 'is not', null)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!member) throw AuthErrors.org_not_found({ id: orgId });
  // org_id is immutable through the query builder on purpose; moving a session is the one exception.
  await sql`update staff_session set org_id = ${orgId} where id = ${session.sessionId}`.execute(deps.db);
}
