import type { Ctx } from '../context/index.ts';
import type { NotificationTables } from './notifications.tables.ts';

/**
 * Which of these notification ids are this organization's (the context's scope reads only its own):
 * what the caught-mail inbox keeps, so each staff member sees their organization's mail only.
 */
export async function ownNotificationIds(ctx: Ctx, ids: ReadonlyArray<string>): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await ctx.db
    .withTables<NotificationTables>()
    .selectFrom('notification')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.id));
}
