import type { PermissionSpec, Role } from './permissions.rules.ts';

/** Who changes a membership: the caller's account, role and what it holds right now. */
export interface Assigner {
  userId: string;
  role: Role;
  permissions: ReadonlySet<string>;
}

/** Why a change of role or permissions is refused; `field` is the request field it is about. */
export type AccessChangeRefusal =
  | { code: 'own_access'; field: 'role' | 'extraPermissions' }
  | { code: 'role_not_allowed'; field: 'role'; role: Role }
  | { code: 'permission_owner_only'; field: 'extraPermissions'; permission: string }
  | { code: 'permission_not_held'; field: 'extraPermissions'; permission: string };

/**
 * Decides whether `assigner` may change a member's role or extra permissions (issue 26 item 4):
 * nobody edits their own role or permissions; owners (and owner-only permissions) come only from
 * an owner, and only an owner touches an owner; nobody grants a permission they do not hold
 * themselves. Only permissions the change adds are checked: taking one away is always allowed.
 * `null` when the change may go ahead.
 */
export function refuseAccessChange(args: {
  assigner: Assigner;
  target: { userId: string; role: Role; extraPermissions: ReadonlyArray<string> };
  change: { role?: Role; extraPermissions?: ReadonlyArray<string> };
  catalog: ReadonlyArray<PermissionSpec>;
}): AccessChangeRefusal | null {
  const { assigner, target, change } = args;
  const byOwner = assigner.role === 'owner';
  if (assigner.userId === target.userId) {
    if (change.role !== undefined && change.role !== target.role)
      return { code: 'own_access', field: 'role' };
    if (change.extraPermissions !== undefined && !sameSet(change.extraPermissions, target.extraPermissions))
      return { code: 'own_access', field: 'extraPermissions' };
  }
  if (change.role !== undefined && change.role !== target.role) {
    if (!byOwner && (change.role === 'owner' || target.role === 'owner'))
      return { code: 'role_not_allowed', field: 'role', role: 'owner' };
    if (!byOwner && assigner.role !== 'admin')
      return { code: 'role_not_allowed', field: 'role', role: change.role };
  }
  if (change.extraPermissions === undefined) return null;
  if (!byOwner && target.role === 'owner') return { code: 'role_not_allowed', field: 'role', role: 'owner' };
  const had = new Set(target.extraPermissions);
  const ownerOnly = new Set(args.catalog.filter((s) => s.ownerOnly).map((s) => s.key));
  for (const permission of change.extraPermissions) {
    if (had.has(permission)) continue;
    if (ownerOnly.has(permission) && !byOwner)
      return { code: 'permission_owner_only', field: 'extraPermissions', permission };
    if (!assigner.permissions.has(permission))
      return { code: 'permission_not_held', field: 'extraPermissions', permission };
  }
  return null;
}

function sameSet(a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
}
