import type { Ctx } from '../context/index.ts';
import type { NotificationTables } from './notifications.tables.ts';

/** Appends one line to a notification's delivery log, in the caller's transaction. */
export async function recordNotificationEvent(
  ctx: Ctx,
  notificationId: string,
  status: string,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await ctx.db
    .withTables<NotificationTables>()
    .insertInto('notification_event')
    .values({ notification_id: notificationId, status, at: ctx.clock.now(), detail: JSON.stringify(detail) })
    .execute();
}
