import type { AuthTables } from '../../auth/index.ts';
import type { Ctx } from '../../context/index.ts';
import type { RefundStaff } from './refunds.rules.ts';

/**
 * Who is refunding, for a caller that did not say (a compat path, a module's use case run from a
 * request): the member behind the context's actor, a token counting as its owner, with their role in
 * this organization. Work the system does on its own is held to an ops member's limit, so above it a
 * person approves.
 */
export async function resolveRefundStaff(ctx: Ctx): Promise<RefundStaff> {
  const db = ctx.db.withTables<AuthTables>();
  let userId: string | null = null;
  if (ctx.actor.type === 'user') userId = ctx.actor.id;
  if (ctx.actor.type === 'token' && ctx.actor.id) {
    const token = await db
      .selectFrom('api_token')
      .select('user_id')
      .where('id', '=', ctx.actor.id)
      .executeTakeFirst();
    userId = token?.user_id ?? null;
  }
  if (!userId) return { role: 'ops', userId: null };
  const member = await db
    .selectFrom('membership')
    .select('role')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return { role: member?.role ?? 'viewer', userId };
}
