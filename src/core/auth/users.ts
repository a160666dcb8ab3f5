import { sql } from 'kysely';
import { AppError, isUniqueViolation } from '../../platform/errors/index.ts';
import { recordAudit } from '../audit/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import type { AuthTables } from './auth.tables.ts';
import { assertStrongPassword, hashPassword, verifyPassword } from './passwords.ts';
import { mayAssignRole, type Role } from './permissions.rules.ts';

export interface Member {
  id: string;
  email: string;
  name: string;
  role: Role;
  extraPermissions: string[];
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
}

const tables = (ctx: Ctx) => ctx.db.withTables<AuthTables>();

/**
 * Adds a staff member to the caller's organization, creating the account when the e-mail is new.
 * An existing account keeps its password; only owners may create owners.
 */
export async function addMember(
  ctx: Ctx,
  input: { email: string; name: string; password: string; role: Role; assignerRole: Role | 'system' },
): Promise<Member> {
  if (input.assignerRole !== 'system' && !mayAssignRole(input.assignerRole, input.role)) {
    throw new AppError('role_not_allowed', { role: input.role });
  }
  assertStrongPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, async (tx) => {
    const db = tables(tx);
    const existing = await db
      .selectFrom('staff_user')
      .select('id')
      .where(sql`lower(email)`, '=', input.email.toLowerCase())
      .executeTakeFirst();
    const userId =
      existing?.id ??
      (
        await db
          .insertInto('staff_user')
          .values({ email: input.email, name: input.name, password_hash: passwordHash })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    try {
      await db.insertInto('membership').values({ user_id: userId, role: input.role }).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError('user_exists', { email: input.email });
      throw err;
    }
    await recordAudit(tx, {
      action: 'platform.member.added',
      subject: { type: 'staff_user', id: userId },
      after: { email: input.email, role: input.role },
    });
    return getMember(tx, userId);
  });
}

/** One member of the caller's organization. */
export async function getMember(ctx: Ctx, userId: string): Promise<Member> {
  const row = await memberQuery(ctx).where('u.id', '=', userId).executeTakeFirst();
  if (!row) throw new AppError('user_not_found', { id: userId });
  return toMember(row);
}

/** Every member of the caller's organization, by name. */
export async function listMembers(ctx: Ctx): Promise<Member[]> {
  return (await memberQuery(ctx).orderBy('u.name').execute()).map(toMember);
}

/**
 * Changes a member's role, extra permissions or disabled flag. The organization always keeps
 * one active owner; the check and the write share a transaction with the owners' rows locked.
 */
export async function updateMember(
  ctx: Ctx,
  userId: string,
  patch: { role?: Role; extraPermissions?: string[]; disabled?: boolean },
  assignerRole: Role,
): Promise<Member> {
  if (patch.role && !mayAssignRole(assignerRole, patch.role))
    throw new AppError('role_not_allowed', { role: patch.role });
  return inTransaction(ctx, async (tx) => {
    const db = tables(tx);
    const before = await getMember(tx, userId);
    if (before.role === 'owner' && assignerRole !== 'owner')
      throw new AppError('role_not_allowed', { role: 'owner' });
    const losesOwner =
      before.role === 'owner' && ((patch.role && patch.role !== 'owner') || patch.disabled === true);
    if (losesOwner) {
      const owners = await db
        .selectFrom('membership as m')
        .innerJoin('staff_user as u', 'u.id', 'm.user_id')
        .select('m.user_id')
        .where('m.role', '=', 'owner')
        .where('u.disabled_at', 'is', null)
        .forUpdate()
        .execute();
      if (owners.length <= 1) throw new AppError('last_owner');
    }
    if (patch.role || patch.extraPermissions) {
      await db
        .updateTable('membership')
        .set({
          ...(patch.role ? { role: patch.role } : {}),
          ...(patch.extraPermissions ? { extra_permissions: patch.extraPermissions } : {}),
        })
        .where('user_id', '=', userId)
        .execute();
    }
    if (patch.disabled !== undefined) {
      await db
        .updateTable('staff_user')
        .set({ disabled_at: patch.disabled ? tx.clock.now() : null })
        .where('id', '=', userId)
        .execute();
      if (patch.disabled) await revokeSessions(tx, userId);
    }
    const after = await getMember(tx, userId);
    await recordAudit(tx, {
      action: 'platform.member.updated',
      subject: { type: 'staff_user', id: userId },
      before,
      after,
    });
    return after;
  });
}

/** Changes the caller's password after checking the current one; other sessions are signed out. */
export async function changePassword(
  ctx: Ctx,
  input: { userId: string; currentPassword: string; newPassword: string; keepSessionId?: string },
): Promise<void> {
  const db = tables(ctx);
  const user = await db
    .selectFrom('staff_user')
    .select('password_hash')
    .where('id', '=', input.userId)
    .executeTakeFirst();
  if (!(await verifyPassword(user?.password_hash, input.currentPassword)))
    throw new AppError('wrong_password');
  assertStrongPassword(input.newPassword);
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(ctx, async (tx) => {
    await tables(tx)
      .updateTable('staff_user')
      .set({ password_hash: passwordHash, password_changed_at: tx.clock.now() })
      .where('id', '=', input.userId)
      .execute();
    await revokeSessions(tx, input.userId, input.keepSessionId);
    await recordAudit(tx, {
      action: 'platform.member.password_changed',
      subject: { type: 'staff_user', id: input.userId },
    });
  });
}

async function revokeSessions(ctx: Ctx, userId: string, keep?: string): Promise<void> {
  let q = tables(ctx)
    .updateTable('staff_session')
    .set({ revoked_at: ctx.clock.now() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (keep) q = q.where('id', '!=', keep);
  await q.execute();
}

function memberQuery(ctx: Ctx) {
  return tables(ctx)
    .selectFrom('membership as m')
    .innerJoin('staff_user as u', 'u.id', 'm.user_id')
    .select([
      'u.id',
      'u.email',
      'u.name',
      'm.role',
      'm.extra_permissions',
      'u.disabled_at',
      'u.locked_until',
      'm.created_at',
    ]);
}

function toMember(r: {
  id: string;
  email: string;
  name: string;
  role: Role;
  extra_permissions: string[];
  disabled_at: Date | null;
  locked_until: Date | null;
  created_at: Date;
}): Member {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    extraPermissions: r.extra_permissions,
    disabled: r.disabled_at !== null,
    lockedUntil: r.locked_until?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  };
}
