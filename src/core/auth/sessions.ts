import { sql } from 'kysely';
import type { Clock } from '../../platform/clock/index.ts';
import type { Db } from '../../platform/db/index.ts';
import { AppError } from '../../platform/errors/index.ts';
import { newSecret, sha256Hex } from '../../platform/ids/index.ts';
import { recordAudit } from '../audit/index.ts';
import type { Events } from '../context/index.ts';
import type { AuthTables } from './auth.tables.ts';
import { verifyPassword } from './passwords.ts';
import type { Role } from './permissions.rules.ts';

export interface SessionSettings {
  maxFailures: number;
  lockMinutes: number;
  sessionHours: number;
}

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
}

const TOUCH_EVERY_MS = 60_000;

/**
 * Signs a staff member in. Wrong passwords count towards a temporary lock (counted in one
 * UPDATE, so parallel guesses cannot slip past the limit); unknown e-mails cost the same time.
 */
export async function login(
  deps: SessionDeps,
  input: { email: string; password: string; orgSlug?: string; ip?: string; userAgent?: string },
): Promise<{ token: string; session: SessionInfo }> {
  const db = deps.db.withTables<AuthTables>();
  const now = deps.clock.now();
  const user = await db
    .selectFrom('staff_user')
    .selectAll()
    .where(sql`lower(email)`, '=', input.email.toLowerCase())
    .executeTakeFirst();
  if (user?.locked_until && user.locked_until > now) {
    throw new AppError('login_locked', {
      retryAfterSeconds: Math.ceil((user.locked_until.getTime() - now.getTime()) / 1000),
    });
  }
  const ok = await verifyPassword(user?.password_hash, input.password);
  if (!user || !ok) {
    if (user) await countFailure(deps, user.id);
    throw new AppError('invalid_credentials');
  }
  if (user.disabled_at) throw new AppError('account_disabled');
  let membershipQuery = db
    .selectFrom('membership as m')
    .innerJoin('organization as o', 'o.id', 'm.org_id')
    .select(['m.org_id', 'm.role', 'm.extra_permissions'])
    .where('m.user_id', '=', user.id);
  if (input.orgSlug) membershipQuery = membershipQuery.where('o.slug', '=', input.orgSlug);
  const membership = await membershipQuery.orderBy('m.created_at').executeTakeFirst();
  if (!membership) throw new AppError('no_membership');

  const token = newSecret();
  const csrfToken = newSecret(24);
  const expiresAt = new Date(now.getTime() + deps.settings.sessionHours * 3_600_000);
  const session = await deps.db.transaction().execute(async (tx) => {
    const trx = tx.withTables<AuthTables>();
    await trx
      .updateTable('staff_user')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute();
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
    await recordAudit(
      {
        orgId: membership.org_id,
        db: tx,
        clock: deps.clock,
        events: deps.events,
        actor: { type: 'user', id: user.id, label: user.email },
      },
      {
        action: 'platform.session.started',
        subject: { type: 'staff_user', id: user.id },
        meta: { ip: input.ip ?? null },
      },
    );
    return row;
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
    },
  };
}

async function countFailure(deps: SessionDeps, userId: string): Promise<void> {
  const { maxFailures, lockMinutes } = deps.settings;
  await sql`
    update staff_user set
      failed_logins = case when failed_logins + 1 >= ${maxFailures} then 0 else failed_logins + 1 end,
      locked_until = case when failed_logins + 1 >= ${maxFailures}
        then ${deps.clock.now()}::timestamptz + make_interval(mins => ${lockMinutes}) else locked_until end
    where id = ${userId}`.execute(deps.db);
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
    .select([
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
    .where('u.disabled_at', 'is', null)
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

/** Moves a session to another organization the user belongs to. */
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
    .executeTakeFirst();
  if (!member) throw new AppError('org_not_found', { id: orgId });
  // org_id is immutable through the query builder on purpose; moving a session is the one exception.
  await sql`update staff_session set org_id = ${orgId} where id = ${session.sessionId}`.execute(deps.db);
}
