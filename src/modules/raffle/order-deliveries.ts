import type { Ctx } from '../../core/context/index.ts';
import { type DeliveryOutlook, deliveryOutlooks, type OutlookDeps } from '../../core/conversations/index.ts';
import type { AreaDeps } from '../../core/modules/index.ts';
import { getOrder } from './order-view.ts';
import type { RaffleTemplate } from './raffle.notifications.ts';
import type { RaffleTables } from './raffle.tables.ts';

/** What the outlook needs from the running app: its chat channels and templates. */
export const outlookDepsOf = (deps: Pick<AreaDeps, 'declared'>): OutlookDeps => ({
  chatChannels: deps.declared.chatChannels(),
  templates: deps.declared.templates(),
});

/**
 * Where each message to the buyer about an order stands (oldest first): sent, waiting, or not
 * deliverable and why. `caused` narrows it to what one staff action just queued: messages of that
 * template linked since the action began.
 */
export async function orderDeliveries(
  ctx: Ctx,
  deps: OutlookDeps,
  orderId: string,
  caused?: { template: RaffleTemplate; since: Date },
): Promise<DeliveryOutlook[]> {
  await getOrder(ctx, orderId); // an order of another organization is not found, as everywhere
  let query = ctx.db
    .withTables<RaffleTables>()
    .selectFrom('raffle_order_notification')
    .select('notification_id')
    .where('order_id', '=', orderId);
  if (caused)
    query = query.where('key', 'like', `${caused.template}:%`).where('created_at', '>=', caused.since);
  const links = await query.orderBy('created_at').orderBy('notification_id').execute();
  return deliveryOutlooks(
    ctx,
    deps,
    links.map((l) => l.notification_id),
  );
}
