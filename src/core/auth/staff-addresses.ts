import type { Ctx } from '../context/index.ts';
import type { AuthTables } from './auth.tables.ts';
import type { Role } from './permissions.rules.ts';

/** Where the system reaches a member of staff: their e-mail and the language of their console. */
export interface StaffAddress {
  userId: string;
  email: string;
  locale: string;
}

/**
 * The active members of the caller's organization who hold one of `roles` (an invitation not yet
 * accepted, or a disabled membership, holds none), for messages the system sends to staff.
 */
export async function staffAddresses(ctx: Ctx, roles: ReadonlyArray<Role>): Promise<StaffAddress[]> {
  if (roles.length === 0) return [];
  return ctx.db
    .withTables<AuthTables>()
    .selectFrom('membership as m')
    .innerJoin('staff_user as u', 'u.id', 'm.user_id')
    .select(['u.id as userId', 'u.email', 'u.locale'])
    .where('m.role', 'in', [...roles])
    .where('m.accepted_at', 'is not', null)
    .where('m.disabled_at', 'is', null)
    .orderBy('u.email')
    .execute();
}
