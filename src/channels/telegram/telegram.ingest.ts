import type { Update } from 'grammy/types';
import { receiveInbound } from '../../core/conversations/index.ts';
import type { AreaDeps } from '../../core/modules/index.ts';
import { TELEGRAM_CHANNEL } from './telegram.channel.ts';
import { parseTelegramUpdate } from './telegram.inbound.ts';

/** Stores one update of an organization's bot and queues it; the same path for webhook and polling. */
export async function ingestTelegramUpdate(
  deps: Pick<AreaDeps, 'conversations' | 'systemCtx'>,
  orgId: string,
  update: Update,
): Promise<{ stored: boolean }> {
  const inbound = parseTelegramUpdate(update);
  if (!inbound) return { stored: false };
  const ctx = deps.systemCtx(orgId, 'telegram.update');
  const result = await receiveInbound(ctx, deps.conversations, {
    channel: TELEGRAM_CHANNEL,
    externalId: inbound.externalId,
    displayName: inbound.displayName,
    channelMessageId: inbound.channelMessageId,
    input: inbound.input,
    raw: update,
    sentAt: inbound.sentAt,
    // One sequence per bot: a chat's updates are handled in this order, whatever order they came in.
    sequence: update.update_id,
    tap: inbound.tap,
  });
  return { stored: !result.duplicate };
}
