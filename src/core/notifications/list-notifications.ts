import type { Ctx } from '../context/index.ts';
import { type Page, type PageRequest, rowsOf } from '../resources/index.ts';
import {
  type NotificationDetail,
  type NotificationView,
  toDetail,
  toView,
  VIEW_COLUMNS,
} from './notification-view.ts';
import { NotificationErrors } from './notifications.errors.ts';
import { type ChannelName, type NotificationStatus, normalizeRecipient } from './notifications.rules.ts';
import type { NotificationTables } from './notifications.tables.ts';
import { withRecipientNames } from './recipient-names.ts';
import { withSmsParts } from './sms-parts.ts';

export interface NotificationQuery extends PageRequest {
  status?: NotificationStatus;
  channel?: ChannelName;
  /** A recipient address; matched in its stored (normalized) form. */
  to?: string;
}

/**
 * The caller's organization's notifications, newest first, with the total for paging. Chat messages
 * (a bot's reply, a staff message: `sent_by` set) share the outbox but are the conversations' history,
 * not listed here.
 */
export async function listNotifications(ctx: Ctx, q: NotificationQuery): Promise<Page<NotificationView>> {
  const { limit, offset } = rowsOf(q);
  let base = ctx.db.withTables<NotificationTables>().selectFrom('notification').where('sent_by', 'is', null);
  if (q.status) base = base.where('status', '=', q.status);
  if (q.channel) base = base.where('channel', '=', q.channel);
  if (q.to) {
    base = base.where('recipient', '=', storedFormOf(q.to, q.channel));
  }
  const [rows, count] = await Promise.all([
    base
      .select(VIEW_COLUMNS)
      .orderBy('created_at', 'desc')
      .orderBy('seq', 'desc')
      .limit(limit)
      .offset(offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: await withSmsParts(ctx, await withRecipientNames(ctx, rows.map(toView))),
    total: Number(count.n),
    page: q.page,
    perPage: q.perPage,
  };
}

/** One notification with its body, attachment names and delivery log. */
export async function getNotification(ctx: Ctx, id: string): Promise<NotificationDetail> {
  const db = ctx.db.withTables<NotificationTables>();
  const row = await db
    .selectFrom('notification')
    .select([...VIEW_COLUMNS, 'data', 'body', 'attachments'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw NotificationErrors.notification_not_found({ id });
  const events = await db
    .selectFrom('notification_event')
    .select(['at', 'status', 'detail'])
    .where('notification_id', '=', id)
    .orderBy('id')
    .execute();
  const [named] = await withSmsParts(ctx, await withRecipientNames(ctx, [toDetail(row, events)]));
  return named!;
}

/** The stored form of a searched address; without a channel, guessed from its shape. */
function storedFormOf(to: string, channel?: ChannelName): string {
  const guess: ChannelName =
    channel ?? (to.includes('@') ? 'email' : /^\s*\+/.test(to) ? 'whatsapp' : 'telegram');
  try {
    return normalizeRecipient(guess, to);
  } catch {
    return to.trim();
  }
}
