import type { JobQueue } from '../../platform/jobs/index.ts';
import type { Ctx } from '../context/index.ts';
import { fallbackAddress } from './delivery-fallback.rules.ts';
import { enqueueNotification } from './enqueue-notification.ts';
import type { NotificationOutcomeEvent } from './message-outcome.ts';
import type { NotificationChannel } from './notification-channel.ts';
import type { ChannelName } from './notifications.rules.ts';
import type { NotificationTables } from './notifications.tables.ts';
import { checkedData, type ListedTemplate } from './templates.ts';

/** What carrying out a fallback reads from the running app. */
export interface FallbackDeps {
  jobs: JobQueue;
  /** Every declared template: the lost message's is found by its key. */
  templates(): ReadonlyArray<ListedTemplate>;
  /** The outbox's channels by name (`outboxChannels`). */
  channels(): ReadonlyMap<ChannelName, NotificationChannel>;
}

/**
 * Carries out the fallback a lost message's template declares (`DeliveryFallback`), in the transaction
 * that records the loss: the same news on the fallback channel to the same person, keyed by the lost
 * message, so an end raised again (staff sent it again, and it was lost again) queues nothing more.
 * Answers what it queued now, for the outcome event; nothing for a message that was not lost, whose
 * template declares no fallback, whose organization has not configured that channel or does not want
 * it now (`when`), or whose address has no form on that channel.
 */
export async function queueDeliveryFallback(
  tx: Ctx,
  deps: FallbackDeps,
  event: NotificationOutcomeEvent,
): Promise<NotificationOutcomeEvent['fallback']> {
  if (event.outcome !== 'lost') return undefined;
  const fallback = deps.templates().find((t) => t.key === event.template)?.fallback;
  if (!fallback || fallback.channel === event.channel) return undefined;
  if (!(await canSend(tx, deps.channels().get(fallback.channel)))) return undefined;
  if (fallback.when && !(await fallback.when(tx))) return undefined;
  const lost = await tx.db
    .withTables<NotificationTables>()
    .selectFrom('notification')
    .select(['recipient', 'contact_id', 'locale', 'data'])
    .where('id', '=', event.notificationId)
    .executeTakeFirstOrThrow();
  const to = fallbackAddress(event.channel, fallback.channel, lost.recipient);
  if (!to) return undefined;
  const { notification, created } = await enqueueNotification(tx, deps.jobs, {
    channel: fallback.channel,
    to,
    contactId: lost.contact_id,
    template: fallback.template,
    data: checkedData(fallback.data ? fallback.data(checkedData(lost.data)) : lost.data),
    locale: lost.locale,
    idempotencyKey: `notifications.fallback:${event.notificationId}`,
  });
  return created ? { notificationId: notification.id, channel: fallback.channel } : undefined;
}

/** Whether the organization can send on the channel at all (its own account or the deployment's). */
const canSend = async (tx: Ctx, channel: NotificationChannel | undefined): Promise<boolean> =>
  !!channel && (!channel.configured || (await channel.configured(tx)));
