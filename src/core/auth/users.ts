import { sql } from 'kysely';
import { isUniqueViolation } from '../../platform/errors/index.ts';
import { newId } from '../../platform/ids/index.ts';
import { recordAudit } from '../audit/index.ts';
import { type Ctx, inTransaction } from '../context/index.ts';
import { type AccessChangeRefusal, type Assigner, refuseAccessChange } from './access-change.rules.ts';
import type { Member } from './auth.contract.ts';
import { AuthErrors } from './auth.errors.ts';
import type { AuthTables } from './auth.tables.ts';
import { membershipState } from './membership.rules.ts';
import { assertStrongPassword, hashPassword, verifyPassword } from './passwords.ts';
import { mayAssignRole, type PermissionSpec, type Role } from './permissions.rules.ts';

export type { Member } from './auth.contract.ts';

const tables = (ctx: Ctx) => ctx.db.withTables<AuthTables>();

/**
 * Adds a person to the caller's organization. Through the API (`assignerRole` a role) this is
 * always a pending invitation, and the answer is the same whether the e-mail had an account or
 * not: a new e-mail gets an account with the given password, an existing account keeps its own
 * password, and either way the organization sees the name and e-mail it typed until the person
 * accepts. The CLI, seed and tests (`system`) add active members directly.
 */
export async function addMember(
  ctx: Ctx,
  input: { email: string; name: string; password: string; role: Role; assignerRole: Role | 'system' },
): Promise<Member> {
  if (input.assignerRole !== 'system' && !mayAssignRole(input.assignerRole, input.role)) {
    throw AuthErrors.role_not_allowed({ role: input.role });
  }
  // Checked and hashed for existing accounts too, so both cases answer alike and take as long.
  assertStrongPassword(input.password);
  const passwordHash = await hashPassword(input.password);
  const direct = input.assignerRole === 'system';
  const invitationId = newId();
  return inTransaction(ctx, async (tx) => {
    const userId = await ensureAccount(tx, { email: input.email, name: input.name, passwordHash });
    try {
      await tables(tx)
        .insertInto('membership')
        .values({
          user_id: userId,
          // Added directly, the member is known by the account's id, as ever; an invitation gets an
          // id of its own that it keeps once accepted (issue 40).
          ...(direct ? { member_id: userId } : { member_id: invitationId, invitation_id: invitationId }),
          role: input.role,
          accepted_at: direct ? tx.clock.now() : null,
          disabled_at: null,
          invite_name: input.name,
          invite_email: input.email,
        })
        .execute();
    } catch (err) {
      // Already a member or invited here: the caller sees its own staff list anyway.
      if (isUniqueViolation(err)) throw AuthErrors.user_exists({ email: input.email });
      throw err;
    }
    // Known by the invitation's id, the same kind of answer whether the account is new or not.
    const member = toMember(await memberQuery(tx).where('m.user_id', '=', userId).executeTakeFirstOrThrow());
    await recordAudit(tx, {
      action: direct ? 'platform.member.added' : 'platform.member.invited',
      subject: { type: 'staff_user', id: member.id },
      after: { email: input.email, name: input.name, role: input.role },
    });
    return member;
  });
}

/** The account of an e-mail, created when new; one statement, so parallel adds cannot both create. */
async function ensureAccount(
  ctx: Ctx,
  input: { email: string; name: string; passwordHash: string },
): Promise<string> {
  const db = tables(ctx);
  const created = await db
    .insertInto('staff_user')
    .values({ email: input.email, name: input.name, password_hash: input.passwordHash })
    .onConflict((oc) => oc.expression(sql`lower(email)`).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (created) return created.id;
  const existing = await db
    .selectFrom('staff_user')
    .select('id')
    .where(sql`lower(email)`, '=', input.email.toLowerCase())
    .executeTakeFirstOrThrow();
  return existing.id;
}

/** One member of the caller's organization, by its member id (an invitation's keeps its own). */
export async function getMember(ctx: Ctx, memberId: string): Promise<Member> {
  const row = await memberQuery(ctx).where('m.member_id', '=', memberId).executeTakeFirst();
  if (!row) throw AuthErrors.user_not_found({ id: memberId });
  return toMember(row);
}

/** Every member of the caller's organization, by name. */
export async function listMembers(ctx: Ctx): Promise<Member[]> {
  return (await memberQuery(ctx).orderBy('name').execute()).map(toMember);
}

/**
 * Changes a membership's role, extra permissions or disabled flag, in the caller's organization
 * only: the account itself (name, e-mail, password, other organizations) is the person's own.
 * Who may change what is `refuseAccessChange` (nobody their own access, nobody beyond what they
 * hold, owners only from owners); `catalog` says which permissions are owner-only.
 * The organization always keeps one active owner; the check and the write share a transaction
 * with the owners' rows locked. Disabling signs the member out of this organization at once.
 */
export async function updateMember(
  ctx: Ctx,
  memberId: string,
  patch: { role?: Role; extraPermissions?: string[]; disabled?: boolean },
  by: { assigner: Assigner; catalog: ReadonlyArray<PermissionSpec> },
): Promise<Member> {
  const assignerRole = by.assigner.role;
  return inTransaction(ctx, async (tx) => {
    const db = tables(tx);
    const before = await getMember(tx, memberId);
    const userId = (await accountOfMember(tx, memberId))!;
    if (before.role === 'owner' && assignerRole !== 'owner')
      throw AuthErrors.role_not_allowed({ role: 'owner' });
    const refusal = refuseAccessChange({
      assigner: by.assigner,
      target: { userId, role: before.role, extraPermissions: before.extraPermissions },
      change: patch,
      catalog: by.catalog,
    });
    if (refusal) throw accessChangeError(refusal);
    const losesOwner =
      before.role === 'owner' &&
      before.state === 'active' &&
      ((patch.role && patch.role !== 'owner') || patch.disabled === true);
    if (losesOwner) {
      const owners = await db
        .selectFrom('membership')
        .select('user_id')
        .where('role', '=', 'owner')
        .where('accepted_at', 'is not', null)
        .where('disabled_at', 'is', null)
        .forUpdate()
        .execute();
      if (owners.length <= 1) throw AuthErrors.last_owner();
    }
    const disabling = patch.disabled === true && !before.disabled;
    const enabling = patch.disabled === false && before.disabled;
    const changes = {
      ...(patch.role ? { role: patch.role } : {}),
      ...(patch.extraPermissions ? { extra_permissions: patch.extraPermissions } : {}),
      ...(disabling ? { disabled_at: tx.clock.now() } : {}),
      ...(enabling ? { disabled_at: null } : {}),
    };
    if (Object.keys(changes).length > 0)
      await db.updateTable('membership').set(changes).where('user_id', '=', userId).execute();
    // Scoped to this organization by the query layer: sessions elsewhere are not ours to end.
    if (disabling) await revokeOrgSessions(tx, userId);
    const after = await getMember(tx, memberId);
    await recordAudit(tx, {
      action: disabling
        ? 'platform.member.disabled'
        : enabling
          ? 'platform.member.enabled'
          : 'platform.member.updated',
      subject: { type: 'staff_user', id: memberId },
      before,
      after,
    });
    return after;
  });
}

/** The account behind a member id of the caller's organization, if there is such a member. */
export async function accountOfMember(ctx: Ctx, memberId: string): Promise<string | undefined> {
  const row = await tables(ctx)
    .selectFrom('membership')
    .select('user_id')
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return row?.user_id;
}

/** The 403 of a refused change, naming the request field it is about. */
function accessChangeError(refusal: AccessChangeRefusal) {
  const field = { field: `body.${refusal.field}`, code: refusal.code };
  switch (refusal.code) {
    case 'own_access':
      return AuthErrors.own_access_change(
        { field: refusal.field },
        { fields: [{ ...field, message: 'nobody changes their own role or permissions' }] },
      );
    case 'role_not_allowed':
      return AuthErrors.role_not_allowed(
        { role: refusal.role },
        { fields: [{ ...field, message: `only an owner gives or changes the ${refusal.role} role` }] },
      );
    case 'permission_owner_only':
      return AuthErrors.permission_owner_only(
        { permission: refusal.permission },
        { fields: [{ ...field, message: `only an owner grants ${refusal.permission}` }] },
      );
    case 'permission_not_held':
      return AuthErrors.permission_not_held(
        { permission: refusal.permission },
        { fields: [{ ...field, message: `you do not hold ${refusal.permission}, so you cannot grant it` }] },
      );
  }
}

/**
 * Changes the caller's password after checking the current one. The password is the person's in
 * every organization, so their sessions everywhere (but this one) are signed out.
 */
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
  if (!(await verifyPassword(user?.password_hash, input.currentPassword))) throw AuthErrors.wrong_password();
  assertStrongPassword(input.newPassword);
  const passwordHash = await hashPassword(input.newPassword);
  await inTransaction(ctx, async (tx) => {
    await tables(tx)
      .updateTable('staff_user')
      .set({ password_hash: passwordHash, password_changed_at: tx.clock.now() })
      .where('id', '=', input.userId)
      .execute();
    // Raw SQL on purpose: the query layer would limit this to the current organization.
    await sql`update staff_session set revoked_at = ${tx.clock.now()}
      where user_id = ${input.userId} and revoked_at is null
        and id is distinct from ${input.keepSessionId ?? null}::uuid`.execute(tx.db);
    await recordAudit(tx, {
      action: 'platform.member.password_changed',
      subject: { type: 'staff_user', id: input.userId },
    });
  });
}

async function revokeOrgSessions(ctx: Ctx, userId: string): Promise<void> {
  await tables(ctx)
    .updateTable('staff_session')
    .set({ revoked_at: ctx.clock.now() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

// Until the person accepts, the organization sees only what it typed: nothing about the account.
function memberQuery(ctx: Ctx) {
  return tables(ctx)
    .selectFrom('membership as m')
    .innerJoin('staff_user as u', 'u.id', 'm.user_id')
    .select([
      'm.member_id as id',
      sql<string>`case when m.accepted_at is null then coalesce(m.invite_email, u.email) else u.email end`.as(
        'email',
      ),
      sql<string>`case when m.accepted_at is null then coalesce(m.invite_name, u.name) else u.name end`.as(
        'name',
      ),
      'm.role',
      'm.extra_permissions',
      'm.accepted_at',
      'm.disabled_at',
      'm.created_at',
    ]);
}

function toMember(r: {
  id: string;
  email: string;
  name: string;
  role: Role;
  extra_permissions: string[];
  accepted_at: Date | null;
  disabled_at: Date | null;
  created_at: Date;
}): Member {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    extraPermissions: r.extra_permissions,
    state: membershipState({ acceptedAt: r.accepted_at, disabledAt: r.disabled_at }),
    disabled: r.disabled_at !== null,
    createdAt: r.created_at.toISOString(),
  };
}
