import type { Ctx } from '../context/index.ts';
import type {
  ChannelName,
  ListedTemplate,
  NotificationStatus,
  NotificationTables,
} from '../notifications/index.ts';
import type { MessageChannel } from './channel.types.ts';
import type { ConversationsTables } from './conversations.tables.ts';
import type { Output } from './flow.types.ts';
import { insideServiceWindow } from './outbound.rules.ts';

/**
 * Where a message to a person stands, as staff read it on the record that caused it: the outbox's
 * state, except that a message still waiting (or being sent) which the channel will refuse when its turn comes
 * (WhatsApp: the person last wrote more than 24 hours ago and no approved template stands in for
 * it) already reads `not_deliverable`, with the reason and what to configure.
 */
export interface DeliveryOutlook {
  notificationId: string;
  template: string;
  channel: ChannelName;
  state: Exclude<NotificationStatus, 'undeliverable'> | 'not_deliverable';
  /** Why it is not delivered: `whatsapp_window_closed`, `channel_not_configured`, `invalid_recipient`. */
  reason: string | null;
  /** The approved template the organization lacks for this message (when that is the reason). */
  missingTemplate: { key: string; suggestedName: string | null; parameters: string[] } | null;
  queuedAt: Date;
  sentAt: Date | null;
}

export interface OutlookDeps {
  chatChannels: ReadonlyArray<MessageChannel>;
  /** The app's templates by key (their suggested chat template). */
  templates: ReadonlyArray<ListedTemplate>;
}

type Row = {
  id: string;
  channel: ChannelName;
  recipient: string;
  template: string;
  locale: string;
  data: Record<string, unknown>;
  body: string;
  status: NotificationStatus;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
};

/** The outlook of each message (in the order asked; ids of messages no longer kept are left out). */
export async function deliveryOutlooks(
  ctx: Ctx,
  deps: OutlookDeps,
  ids: ReadonlyArray<string>,
): Promise<DeliveryOutlook[]> {
  if (!ids.length) return [];
  const rows = await ctx.db
    .withTables<NotificationTables>()
    .selectFrom('notification')
    .select([
      'id',
      'channel',
      'recipient',
      'template',
      'locale',
      'data',
      'body',
      'status',
      'last_error',
      'created_at',
      'sent_at',
    ])
    .where('id', 'in', [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r as Row]));
  const outlooks: DeliveryOutlook[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (row) outlooks.push(await outlookOf(ctx, deps, row));
  }
  return outlooks;
}

/**
 * Not yet answered by the channel: queued (a retry too), or claimed by the outbox (`sending`) a
 * moment before it meets the same refusal. A staff answer read while the outbox claimed the message
 * said "sending" instead of "not deliverable", depending on which came first.
 */
const WAITING = new Set<NotificationStatus>(['queued', 'sending']);

async function outlookOf(ctx: Ctx, deps: OutlookDeps, row: Row): Promise<DeliveryOutlook> {
  const base = {
    notificationId: row.id,
    template: row.template,
    channel: row.channel,
    queuedAt: row.created_at,
    sentAt: row.sent_at,
  };
  const notDeliverable = (reason: string): DeliveryOutlook => {
    const suggested = deps.templates.find((t) => t.key === row.template)?.chatTemplate;
    return {
      ...base,
      state: 'not_deliverable',
      reason,
      missingTemplate: reason.endsWith('_window_closed')
        ? {
            key: row.template,
            suggestedName: suggested?.name ?? null,
            parameters: [...(suggested?.parameters ?? [])],
          }
        : null,
    };
  };
  if (row.status === 'undeliverable') return notDeliverable(row.last_error?.split(':')[0] ?? 'undeliverable');
  const refused = WAITING.has(row.status) ? await foreseenRefusal(ctx, deps, row) : null;
  if (refused) return notDeliverable(refused);
  return { ...base, state: row.status, reason: null, missingTemplate: null };
}

/**
 * What the channel will answer when this waiting message's turn comes, by the same rules it sends
 * by (`sendToPerson`): not set up, or outside the person's window with no template to stand in.
 */
async function foreseenRefusal(ctx: Ctx, deps: OutlookDeps, row: Row): Promise<string | null> {
  const channel = deps.chatChannels.find((c) => c.name === row.channel);
  if (!channel) return null;
  if (channel.configured && !(await channel.configured(ctx))) return 'channel_not_configured';
  if (channel.serviceWindowMs === undefined) return null;
  const conversation = await ctx.db
    .withTables<ConversationsTables>()
    .selectFrom('conversation')
    .select('last_inbound_at')
    .where('channel', '=', channel.name)
    .where('external_id', '=', row.recipient)
    .executeTakeFirst();
  const text: Output = { kind: 'text', text: row.body };
  if (
    insideServiceWindow(channel.serviceWindowMs, text, conversation?.last_inbound_at ?? null, ctx.clock.now())
  )
    return null;
  const template = await channel.templateFor?.(ctx, {
    template: row.template,
    locale: row.locale,
    data: row.data,
    text: row.body,
  });
  return template ? null : `${channel.name}_window_closed`;
}

/**
 * The approved chat templates an organization lacks: for each message that declares one
 * (`chatTemplate`), the languages (of `locales`) in which the channel has none to stand in for it
 * outside the person's window. A channel without a window needs none.
 */
export async function missingChatTemplates(
  ctx: Ctx,
  channel: MessageChannel,
  templates: ReadonlyArray<ListedTemplate>,
  locales: ReadonlyArray<string>,
): Promise<
  Array<{ key: string; suggestedName: string; parameters: string[]; configured: string[]; missing: string[] }>
> {
  if (channel.serviceWindowMs === undefined || !channel.templateFor) return [];
  const report = [];
  for (const t of templates) {
    if (!t.chatTemplate) continue;
    const configured: string[] = [];
    const missing: string[] = [];
    for (const locale of locales) {
      const found = await channel.templateFor(ctx, { template: t.key, locale, data: {}, text: '' });
      (found ? configured : missing).push(locale);
    }
    report.push({
      key: t.key,
      suggestedName: t.chatTemplate.name,
      parameters: [...t.chatTemplate.parameters],
      configured,
      missing,
    });
  }
  return report;
}
