import type { App } from '../../src/app/build-app.ts';
import { sql } from '../../src/platform/db/index.ts';
import { eventually } from './eventually.ts';

export interface StoredMessage {
  direction: 'in' | 'out';
  status: string;
  channelMessageId: string | null;
}

/**
 * One chat's stored messages in order, in and out. A channel test asserts on these ("the message
 * was handled, and one reply exists") instead of waiting a while to see that nothing else arrived.
 */
export async function storedChat(app: App, channel: string, externalId: string): Promise<StoredMessage[]> {
  // What the person sent (conversation_message) and what went to them (the outbox's rows), in the
  // chat's words (one that can never go out as addressed is `failed` too; the channel's ticks past `sent`).
  const { rows } = await sql<{ direction: 'in' | 'out'; status: string; channel_message_id: string | null }>`
    select direction, status, channel_message_id from (
      select m.seq, m.direction, m.status, m.channel_message_id
      from conversation_message m join conversation c on c.id = m.conversation_id
      where c.channel = ${channel} and c.external_id = ${externalId}
      union all
      select n.seq, 'out', case
          when n.status = 'undeliverable' then 'failed'
          when n.status = 'sent' then coalesce(n.reached, 'sent')
          else n.status end,
        n.provider_message_id
      from notification n where n.channel = ${channel} and n.recipient = ${externalId}) chat
    order by seq`.execute(app.database.db);
  return rows.map((r) => ({
    direction: r.direction,
    status: r.status,
    channelMessageId: r.channel_message_id,
  }));
}

/** The statuses of one chat's messages one way (`out`: the bot's replies; `in`: the person's), in order. */
export const chatStatuses = async (app: App, channel: string, externalId: string, direction: 'in' | 'out') =>
  (await storedChat(app, channel, externalId)).filter((m) => m.direction === direction).map((m) => m.status);

/** Polls until every inbound message of the chat is handled (none left `received`); returns the chat. */
export async function handledChat(
  app: App,
  channel: string,
  externalId: string,
  timeoutMs = 25_000,
): Promise<StoredMessage[]> {
  return eventually(
    async () => {
      const chat = await storedChat(app, channel, externalId);
      const inbound = chat.filter((m) => m.direction === 'in');
      return inbound.length > 0 && inbound.every((m) => m.status !== 'received') ? chat : undefined;
    },
    { timeoutMs, what: `chat ${externalId} to be handled` },
  );
}

/** A reply not yet handed to the channel: stored by the step, or on its way. */
const ON_ITS_WAY = new Set(['queued', 'sending']);

/**
 * Waits until the chat is handled and no reply is still on its way to the channel (`queued` or
 * `sending`): from then on the stand-in holds every reply the chat sent (the status is recorded from
 * its answer). On a busy machine a reply can still be queued when its inbound message reads handled.
 */
export async function repliedChat(
  app: App,
  channel: string,
  externalId: string,
  timeoutMs = 25_000,
): Promise<StoredMessage[]> {
  await handledChat(app, channel, externalId, timeoutMs);
  return eventually(
    async () => {
      const chat = await storedChat(app, channel, externalId);
      return chat.some((m) => m.direction === 'out' && ON_ITS_WAY.has(m.status)) ? undefined : chat;
    },
    { timeoutMs, what: `the replies of chat ${externalId} recorded` },
  );
}
