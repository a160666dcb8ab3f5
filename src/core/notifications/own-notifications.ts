import type { Ctx } from '../context/index.ts';
import type { ChannelName } from './notifications.rules.ts';
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

/**
 * Of these provider message ids on `channel`, those this organization's attempts were given (the SMS
 * sandbox phone shows each organization only its own texts).
 */
export async function ownProviderMessageIds(
  ctx: Ctx,
  channel: ChannelName,
  providerMessageIds: ReadonlyArray<string>,
): Promise<Set<string>> {
  if (providerMessageIds.length === 0) return new Set();
  const rows = await ctx.db
    .withTables<NotificationTables>()
    .selectFrom('notification_attempt')
    .select('provider_message_id')
    .where('channel', '=', channel)
    .where('provider_message_id', 'in', [...providerMessageIds])
    .execute();
  return new Set(rows.map((r) => r.provider_message_id).filter((id): id is string => id !== null));
}
